"""os-getConsoleOutput: 200 {"output": ...}."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order

# nova: an object (not null); -1 or null mean the whole log.
_schema = {
    'type': 'object',
    'properties': {'length': {'type': ['integer', 'string', 'null'],
                              'pattern': '^-?[0-9]+$', 'minimum': -1}},
    'additionalProperties': False,
}


@nova_order.action('os-getConsoleOutput', _schema,
                   policy_name='os_compute_api:os-console-output')
def get_console_output(compute, ctxt, server_id, value):
    length = value.get('length')
    length = int(length) if length is not None else None
    if length is not None and length < 0:
        length = None
    output = compute.console_output(ctxt, server_id, length)
    return wsgi.response({'output': output})


HANDLERS = {'os-getConsoleOutput': get_console_output}
