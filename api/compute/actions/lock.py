"""lock / unlock: 202, no body (lock's reason arrives at 2.73)."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order

_lock_273 = {
    'type': ['object', 'null'],
    'properties': {'locked_reason': {'type': 'string', 'minLength': 1,
                                     'maxLength': 255}},
    'additionalProperties': False,
}


# Before 2.73 any value goes (nova's schema leaves it open).
@nova_order.action('lock', lambda v: _lock_273 if v >= (2, 73) else None,
                   policy_name='os_compute_api:os-lock-server:lock')
def lock(compute, ctxt, server_id, value):
    reason = None
    if wsgi.version() >= (2, 73):
        reason = (value or {}).get('locked_reason')
    compute.lock(ctxt, server_id, reason)
    return wsgi.response(status=202)


@nova_order.action('unlock',
                   policy_name='os_compute_api:os-lock-server:unlock')
def unlock(compute, ctxt, server_id, value):
    compute.unlock(ctxt, server_id)
    return wsgi.response(status=202)


HANDLERS = {'lock': lock, 'unlock': unlock}
