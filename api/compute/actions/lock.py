"""lock / unlock: 202, no body (lock's reason arrives at 2.73)."""
from stratus.api import validation
from stratus.api import wsgi

_lock_273 = {
    'type': ['object', 'null'],
    'properties': {'locked_reason': {'type': 'string', 'minLength': 1,
                                     'maxLength': 255}},
    'additionalProperties': False,
}


def lock(compute, ctxt, server_id, value):
    # Before 2.73 any value goes (nova's schema leaves it open).
    reason = None
    if wsgi.version() >= (2, 73):
        reason = (validation.check(_lock_273, value) or {}).get(
            'locked_reason')
    compute.lock(ctxt, server_id, reason)
    return wsgi.response(status=202)


def unlock(compute, ctxt, server_id, value):
    compute.unlock(ctxt, server_id)
    return wsgi.response(status=202)


HANDLERS = {'lock': lock, 'unlock': unlock}
