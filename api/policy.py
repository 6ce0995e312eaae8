"""Role checks and project scoping.

reader reads, member (or manager) writes within its project, admin does
everything. A resource of another project is answered as not found, so its
existence does not leak.
"""
from stratus.common import exception


def require_authenticated(ctxt):
    if not ctxt.user_id:
        raise exception.NotAuthenticated()


def require_reader(ctxt, action):
    require_authenticated(ctxt)
    if not ctxt.can_read:
        raise exception.Forbidden(action=action)


def require_member(ctxt, action):
    require_authenticated(ctxt)
    if not ctxt.can_write:
        raise exception.Forbidden(action=action)


def require_admin(ctxt, action):
    require_authenticated(ctxt)
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
