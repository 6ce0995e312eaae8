"""/v3/OS-INHERIT: grants a user or a group holds on a domain or a
project that its projects inherit (keystone's inherit.inc):

  {domains|projects}/{id}/{users|groups}/{actor}/roles/{role}/
      inherited_to_projects: PUT, GET/HEAD (a check), DELETE; all 204
  domains/{id}/{users|groups}/{actor}/roles/inherited_to_projects:
      GET/HEAD, the inherited roles
"""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.views import resources as views
from stratus.common import exception
from stratus.db.api import inherited_grants

_TARGETS = {'domains': 'domain', 'projects': 'project'}
_ACTORS = {'users': 'user', 'groups': 'group'}
_SUFFIX = 'inherited_to_projects'


def _not_found():
    return exception.NotFound('The resource could not be found.')


def _grant(method, target_type, target_id, actor_type, actor_id, role_id):
    common.require_method('GET', 'HEAD', 'PUT', 'DELETE')
    args = (actor_type, actor_id, target_type, target_id, role_id)
    if method in ('GET', 'HEAD'):
        authz.admin('check_grant')
        inherited_grants.grant_check(*args)
    elif method == 'PUT':
        authz.admin('create_grant')
        inherited_grants.grant_create(*args)
    else:
        authz.admin('revoke_grant')
        inherited_grants.grant_delete(*args)
    return common.no_content()


def _role_list(path, target_type, target_id, actor_type, actor_id):
    common.require_method('GET', 'HEAD')
    authz.admin('list_grants')
    rows = inherited_grants.grant_list(actor_type, actor_id, target_type,
                                       target_id)
    return wsgi.response(common.collection(
        'roles', [views.role(r) for r in rows], path))


class OSInheritController:
    """Parses the whole path itself: its segments are fixed words and ids
    in a fixed order, with the verb deciding the action."""

    @pecan.expose()
    def _default(self, *parts, **kwargs):
        parts = [p for p in parts if p]
        if len(parts) not in (6, 7) or parts[-1] != _SUFFIX or \
                parts[0] not in _TARGETS or parts[2] not in _ACTORS or \
                parts[4] != 'roles':
            raise _not_found()
        target_type, actor_type = _TARGETS[parts[0]], _ACTORS[parts[2]]
        method = pecan.request.method
        if len(parts) == 7:
            return _grant(method, target_type, parts[1], actor_type,
                          parts[3], parts[5])
        if target_type != 'domain':
            # Keystone lists inherited roles on domains only.
            raise _not_found()
        return _role_list('OS-INHERIT/' + '/'.join(parts), target_type,
                          parts[1], actor_type, parts[3])
