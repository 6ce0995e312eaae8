"""os-getConsoleOutput: 200 {"output": ...}."""
from stratus.api import validation
from stratus.api import wsgi

_schema = {
    'type': 'object',
    'properties': {'length': {'type': ['integer', 'string', 'null'],
                              'pattern': '^-?[0-9]+$'}},
    'additionalProperties': False,
}


def get_console_output(compute, ctxt, server_id, value):
    validation.check(_schema, value or {})
    length = (value or {}).get('length')
    length = int(length) if length is not None else None
    if length is not None and length < 0:
        length = None
    output = compute.console_output(ctxt, server_id, length)
    return wsgi.response({'output': output})


HANDLERS = {'os-getConsoleOutput': get_console_output}
