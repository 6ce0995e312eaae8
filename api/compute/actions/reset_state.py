"""os-resetState (admin): force vm_state to active or error and clear the
task_state, whatever the server is doing; recorded as an instance action."""
from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.compute import states
from stratus.db.api import instances

_reset_state = {
    'type': 'object',
    'properties': {'state': {'type': 'string', 'enum': ['active', 'error']}},
    'required': ['state'],
    'additionalProperties': False,
}
_STATES = {'active': states.ACTIVE, 'error': states.ERROR}


def reset_state(compute, ctxt, server_id, value):
    instance = compute.get(ctxt, server_id, extras=False)
    policy.require_admin(ctxt, 'os_compute_api:os-admin-actions:'
                               'reset_state')
    value = validation.check(_reset_state, value)
    instances.update(instance['uuid'], {
        'vm_state': _STATES[value['state']], 'task_state': None},
        action={'action': 'resetState', 'request_id': ctxt.request_id,
                'user_id': ctxt.user_id, 'project_id': ctxt.project_id})
    return wsgi.response(status=202)


HANDLERS = {'os-resetState': reset_state}
