"""POST /servers/{id}/action: the body's single key picks the handler.

Each action family lives in api/compute/actions/<family>.py; a handler
takes (compute_api, ctxt, server_id, value) and returns a response.
"""
import pecan

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.actions import backup
from stratus.api.compute.actions import console
from stratus.api.compute.actions import images
from stratus.api.compute.actions import lock
from stratus.api.compute.actions import moves
from stratus.api.compute.actions import network
from stratus.api.compute.actions import power
from stratus.api.compute.actions import rebuild
from stratus.api.compute.actions import rescue
from stratus.api.compute.actions import reset_state
from stratus.api.compute.actions import resize
from stratus.common import exception

HANDLERS = {}
for _module in (power, lock, console, rescue, rebuild, images,
                resize):
    HANDLERS.update(_module.HANDLERS)
for _module in (reset_state, backup, network, moves):
    HANDLERS.update(_module.HANDLERS)


def dispatch(compute, server_id):
    ctxt = wsgi.context()
    policy.require_member(ctxt, 'os_compute_api:servers:action')
    body = validation.load_json(pecan.request)
    if not isinstance(body, dict) or len(body) != 1:
        raise exception.Invalid('There is no such action: %s' % (
            ', '.join(body) if isinstance(body, dict) else body))
    (name, value), = body.items()
    handler = HANDLERS.get(name)
    if handler is None:
        raise exception.Invalid('There is no such action: %s' % name)
    return handler(compute, ctxt, server_id, value)

