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
    schema = _lock_273 if wsgi.version() >= (2, 73) else {'type': 'null'}
    value = validation.check(schema, value) or {}
    compute.lock(ctxt, server_id, value.get('locked_reason'))
    return wsgi.response(status=202)


def unlock(compute, ctxt, server_id, value):
    validation.check({'type': 'null'}, value)
    compute.unlock(ctxt, server_id)
    return wsgi.response(status=202)


HANDLERS = {'lock': lock, 'unlock': unlock}
