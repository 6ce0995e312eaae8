"""os-migrateLive (202, no body): nova's migrate_server controller. The
body is checked first (its schema per microversion), then the server
(404), then the policy (a project manager or an admin; a named host
needs migrate_live:host, admin)."""
from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import moves as schemas
from stratus.common import exception
from stratus.compute import live_migrate_api

_TRUE = (True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes',
         'yes')
_RULE = 'os_compute_api:os-migrate-server:%s'
# The conductor's pre-check errors nova answers 400 before 2.34 (from 2.34
# the request is answered first and they end the migration in error).
_PRE_CHECK = (exception.NoValidHost, exception.ComputeServiceUnavailable,
              exception.InvalidHypervisorType,
              exception.UnableToMigrateToSelf,
              exception.MigrationPreCheckError)


def _bool(value):
    return value in _TRUE


def require_manager_or_admin(ctxt, action):
    """nova's PROJECT_MANAGER_OR_ADMIN: an admin, or a manager of the
    server's project (the server was looked up in the caller's project
    already: another project's is 404)."""
    policy.require_authenticated(ctxt)
    policy.check_scope(ctxt, action)
    if not ctxt.is_admin and 'manager' not in (ctxt.roles or ()):
        raise exception.Forbidden(action=action)


def migrate_live(compute, ctxt, server_id, value):
    version = wsgi.version()
    value = validation.check_action(
        'os-migrateLive',
        validation.for_version(version, schemas.LIVE_MIGRATE), value)
    compute.get(ctxt, server_id, extras=False)
    host = value['host']
    if host:
        policy.require_admin(ctxt, _RULE % 'migrate_live:host')
    else:
        require_manager_or_admin(ctxt, _RULE % 'migrate_live')
    block_migration = value['block_migration']
    # From 2.30 force defaults to false (a named host goes through the
    # scheduler); 2.68 drops the key, leaving that default.
    force = None
    if version >= (2, 30):
        force = _bool(value.get('force', False))
        if force and not host:
            raise exception.Invalid("Can't force to a non-provided "
                                    "destination")
    if version >= (2, 25) and block_migration == 'auto':
        block_migration = None
    else:
        block_migration = _bool(block_migration)
    try:
        live_migrate_api.live_migrate(compute, ctxt, server_id,
                                      block_migration, host, force,
                                      async_=version >= (2, 34))
    except exception.ComputeHostNotFound as exc:
        raise exception.Invalid(exc.message)
    except _PRE_CHECK as exc:
        raise exception.Invalid(exc.message)
    return wsgi.response(status=202)


# Body, server, then policy, as nova orders them.
migrate_live.checks_own_policy = True

HANDLERS = {'os-migrateLive': migrate_live}
