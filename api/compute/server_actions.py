"""POST /servers/{id}/action: the body's single key picks the handler.

Each action family lives in api/compute/actions/<family>.py; a handler
takes (compute_api, ctxt, server_id, value) and returns a response.
"""
import json

import pecan

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute.actions import admin_actions
from stratus.api.compute.actions import backup
from stratus.api.compute.actions import console
from stratus.api.compute.actions import images
from stratus.api.compute.actions import legacy_consoles
from stratus.api.compute.actions import lock
from stratus.api.compute.actions import moves
from stratus.api.compute.actions import network
from stratus.api.compute.actions import power
from stratus.api.compute.actions import rebuild
from stratus.api.compute.actions import rescue
from stratus.api.compute.actions import reset_state
from stratus.api.compute.actions import resize
from stratus.api.compute.actions import security_groups
from stratus.common import exception

HANDLERS = {}
for _module in (power, lock, console, rescue, rebuild, images,
                resize):
    HANDLERS.update(_module.HANDLERS)
for _module in (reset_state, backup, network, moves):
    HANDLERS.update(_module.HANDLERS)
HANDLERS.update(admin_actions.HANDLERS)
HANDLERS.update(security_groups.HANDLERS)
HANDLERS.update(legacy_consoles.HANDLERS)


def _action(request):
    """(name, value) of the body, as nova's action_peek reads it: bad
    JSON or not exactly one key is a 400; a one-item body that is no
    object is a 404 (nova finds no method for it)."""
    try:
        body = json.loads(request.body)
    except ValueError:
        raise exception.Invalid('Malformed request body')
    try:
        if len(body) != 1:
            raise exception.Invalid('Malformed request body')
        (name, value), = body.items()
    except (AttributeError, TypeError):
        raise exception.NotFound('The resource could not be found.')
    return name, value


def dispatch(compute, server_id):
    ctxt = wsgi.context()
    name, value = _action(pecan.request)
    handler = HANDLERS.get(name)
    if handler is None:
        raise exception.Invalid('There is no such action: %s' % name)
    if not getattr(handler, 'checks_own_policy', False):
        # Handlers not in nova's order (nova_order.action) yet.
        policy.require_member(ctxt, 'os_compute_api:servers:action')
    return handler(compute, ctxt, server_id, value)
