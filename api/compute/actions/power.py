"""os-start, os-stop, reboot, pause/unpause, suspend/resume, forceDelete,
restore: 202, no body. nova leaves the value of all but reboot open (any
JSON, `{}` included, as several SDKs send)."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order

_reboot = {
    'type': 'object',
    'properties': {'type': {'type': 'string',
                            'enum': ['HARD', 'Hard', 'hard', 'SOFT', 'Soft',
                                     'soft']}},
    'required': ['type'],
    'additionalProperties': False,
}


def _simple(name, method, policy_name):
    @nova_order.action(name, policy_name=policy_name)
    def handler(compute, ctxt, server_id, value):
        getattr(compute, method)(ctxt, server_id)
        return wsgi.response(status=202)
    return handler


@nova_order.action('reboot', _reboot,
                   policy_name='os_compute_api:servers:reboot')
def reboot(compute, ctxt, server_id, value):
    compute.reboot(ctxt, server_id, value['type'].upper())
    return wsgi.response(status=202)


_SIMPLE = (
    ('os-start', 'start', 'os_compute_api:servers:start'),
    ('os-stop', 'stop', 'os_compute_api:servers:stop'),
    ('pause', 'pause', 'os_compute_api:os-pause-server:pause'),
    ('unpause', 'unpause', 'os_compute_api:os-pause-server:unpause'),
    ('suspend', 'suspend', 'os_compute_api:os-suspend-server:suspend'),
    ('resume', 'resume', 'os_compute_api:os-suspend-server:resume'),
    ('forceDelete', 'force_delete', 'os_compute_api:os-deferred-delete:force'),
    ('restore', 'restore', 'os_compute_api:os-deferred-delete:restore'),
)
HANDLERS = {name: _simple(name, method, rule)
            for name, method, rule in _SIMPLE}
HANDLERS['reboot'] = reboot
