"""evacuate (admin; 200, {"adminPass"} below 2.14), changePassword (202)
and trigger_crash_dump (202, from 2.17), in nova's order: the body, the
server (404), the policy, then the operation's own checks."""
from oslo_utils import strutils

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import evacuation
from stratus.api.compute.schemas import evacuate as schemas
from stratus.common import exception
from stratus.common import primitives
from stratus.compute import states
from stratus.compute import api as compute_api


def _evacuate_password(value, version, on_shared_storage):
    if version >= (2, 14):
        if 'adminPass' in value:
            return value['adminPass']
        return compute_api.generate_password()
    if 'adminPass' in value:
        if on_shared_storage:
            raise exception.Invalid("admin password can't be changed on "
                                    "existing disk")
        return value['adminPass']
    return None if on_shared_storage else compute_api.generate_password()


def evacuate(compute, ctxt, server_id, value):
    version = wsgi.version()
    value = validation.check_action(
        'evacuate', validation.for_version(version, schemas.EVACUATE), value)
    instance = compute.get(ctxt, server_id, extras=False)
    policy.require_admin(ctxt, 'os_compute_api:os-evacuate')
    host = value.get('host')
    # From 2.95 the server lands stopped, as nova's default targetState.
    target_state = states.STOPPED if version >= (2, 95) else None
    on_shared_storage = None
    if version < (2, 14):
        on_shared_storage = strutils.bool_from_string(
            value['onSharedStorage'])
    force = None
    if version >= (2, 29):
        force = strutils.bool_from_string(value.get('force', False),
                                          strict=True)
        if force and not host:
            raise exception.Invalid("Can't force to a non-provided "
                                    "destination")
    password = _evacuate_password(value, version, on_shared_storage)
    if host is not None and evacuation.compute_service(host) is None:
        raise exception.NotFound('Compute host %s not found.' % host)
    if instance['host'] == host:
        raise exception.Invalid("The target host can't be the same one.")
    evacuation.evacuate(compute, ctxt, server_id, host, on_shared_storage,
                        password, force, target_state)
    if version < (2, 14):
        # nova's [api] enable_instance_password default.
        return wsgi.response({'adminPass': password})
    # nova's 200 without a body (pecan would turn a plain empty 200 into
    # a 204; a generator body keeps it).
    resp = wsgi.response(status=200)
    resp.app_iter = (chunk for chunk in [b''])
    resp.content_length = 0
    return resp


def change_password(compute, ctxt, server_id, value):
    value = validation.check_action('changePassword',
                                   schemas.change_password, value)
    compute.get(ctxt, server_id, extras=False)
    policy.require_member(ctxt, 'os_compute_api:os-admin-password')
    instance = compute.start_action(ctxt, server_id, 'changePassword',
                                    'updating_password')
    try:
        compute.compute_rpc.set_admin_password(ctxt, instance,
                                               value['adminPass'])
    except NotImplementedError:
        raise exception.FeatureNotSupported(
            'Unable to set password on instance')
    return wsgi.response(status=202)


def trigger_crash_dump(compute, ctxt, server_id, value):
    if wsgi.version() < (2, 17):
        # nova's versioned action: an earlier request finds no method.
        raise exception.NotFound('The resource could not be found.')
    validation.check_action('trigger_crash_dump',
                            schemas.trigger_crash_dump, value)
    instance = compute.get(ctxt, server_id, extras=False)
    policy.require_member(ctxt, 'os_compute_api:servers:trigger_crash_dump')
    # nova: lock, then a host (409 not ready), then the state table.
    compute._check_lock(ctxt, instance)
    if not instance['host']:
        raise exception.InstanceNotReady(instance_id=server_id)
    states.check(instance, 'trigger_crash_dump')
    from stratus.db.api import action_events
    action_events.action_start(server_id, 'trigger_crash_dump',
                               ctxt.request_id, ctxt.user_id,
                               ctxt.project_id)
    compute.compute_rpc.trigger_crash_dump(
        ctxt, primitives.to_primitive(instance))
    return wsgi.response(status=202)


# Each checks body, server and policy itself, in nova's order.
for _handler in (evacuate, change_password, trigger_crash_dump):
    _handler.checks_own_policy = True

HANDLERS = {'evacuate': evacuate, 'changePassword': change_password,
            'trigger_crash_dump': trigger_crash_dump}
