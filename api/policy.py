"""Role checks and project scoping.

reader reads, member (or manager) writes within its project, admin does
everything. A resource of another project is answered as not found, so its
existence does not leak.

Scope: nova 34 gives every rule scope_types ['project'] and oslo.policy
enforces scope by default (since 2024.1), so a system-scoped token gets the
rule's 403 whatever its roles; glance 33 does the same (api/image/access.py
names its rules). Cinder 29's rules carry no scope_types: its checks stay
role-based, so a system admin is an admin there; but a token without a
project cannot create what a project owns (cinder would store it without
a project): those rules answer their 403 to a system-scoped token.
"""
from stratus.common import exception

# Rule name prefixes of the services whose rules are all project-scoped.
PROJECT_SCOPED_RULES = ('os_compute_api:', 'compute:')
# Names stratus checks where nova checks no rule at all (flavor list and
# show), so no scope check applies either.
_NO_NOVA_RULE = ('os_compute_api:flavors',)
# Cinder rules that create rows owned by the caller's project.
_PROJECT_OWNED_CREATES = frozenset((
    'volume:create', 'volume:create_snapshot', 'volume:create_transfer',
    'volume:accept_transfer',
    'volume:attachment_create', 'backup:create', 'backup:restore',
    'group:create', 'group:create_group_snapshot',
    'volume_extension:volume_manage', 'snapshot_extension:snapshot_manage'))


def require_authenticated(ctxt):
    if not ctxt.user_id:
        raise exception.NotAuthenticated()


def check_scope(ctxt, action, project_scoped=False):
    """oslo.policy's scope check, which comes before the rule's."""
    if not ctxt.system_scope or action in _NO_NOVA_RULE:
        return
    if project_scoped or action.startswith(PROJECT_SCOPED_RULES) or \
            action in _PROJECT_OWNED_CREATES:
        raise exception.Forbidden(action=action)


def require_reader(ctxt, action):
    require_authenticated(ctxt)
    check_scope(ctxt, action)
    if not ctxt.can_read:
        raise exception.Forbidden(action=action)


def require_member(ctxt, action):
    require_authenticated(ctxt)
    check_scope(ctxt, action)
    if not ctxt.can_write:
        raise exception.Forbidden(action=action)


def require_admin(ctxt, action):
    require_authenticated(ctxt)
    check_scope(ctxt, action)
    if not ctxt.is_admin:
        raise exception.Forbidden(action=action)


def owns(ctxt, project_id):
    """Whether `ctxt` may see a resource of `project_id`."""
    return ctxt.is_admin or (project_id is not None and
                             project_id == ctxt.project_id)


def check_owner(ctxt, project_id, not_found):
    """Raise `not_found` (an exception) unless `ctxt` may see the resource."""
    if not owns(ctxt, project_id):
        raise not_found
