"""os-resetState (admin): force vm_state to active or error and clear the
task_state, whatever the server is doing; recorded as an instance action."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order
from stratus.compute import states
from stratus.db.api import instances

_reset_state = {
    'type': 'object',
    'properties': {'state': {'type': 'string', 'enum': ['active', 'error']}},
    'required': ['state'],
    'additionalProperties': False,
}
_STATES = {'active': states.ACTIVE, 'error': states.ERROR}


@nova_order.action('os-resetState', _reset_state, admin=True,
                   policy_name='os_compute_api:os-admin-actions:reset_state')
def reset_state(compute, ctxt, server_id, value):
    instance = compute.get(ctxt, server_id, extras=False)
    instances.update(instance['uuid'], {
        'vm_state': _STATES[value['state']], 'task_state': None},
        action={'action': 'resetState', 'request_id': ctxt.request_id,
                'user_id': ctxt.user_id, 'project_id': ctxt.project_id})
    return wsgi.response(status=202)


HANDLERS = {'os-resetState': reset_state}
