"""lock / unlock: 202, no body (lock's reason arrives at 2.73)."""
from stratus.api import validation
from stratus.api import wsgi


def lock(compute, ctxt, server_id, value):
    validation.check({'type': 'null'}, value)
    compute.lock(ctxt, server_id)
    return wsgi.response(status=202)


def unlock(compute, ctxt, server_id, value):
    validation.check({'type': 'null'}, value)
    compute.unlock(ctxt, server_id)
    return wsgi.response(status=202)


HANDLERS = {'lock': lock, 'unlock': unlock}
