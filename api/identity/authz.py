"""Who may call which identity API.

Keystone's defaults, reduced to stratus's roles: admin does everything;
anyone else is refused (403, keystone wording), except for reading
themselves: their own user record, their projects, a project they hold a
role on, their own tokens. Regions are readable by any authenticated user.
"""
from stratus.api import wsgi
from stratus.common import exception
from stratus.db.api import assignments


def context():
    return wsgi.context()


def authenticated():
    """The caller's context; 401 without a valid token."""
    ctxt = wsgi.context()
    if not ctxt.user_id:
        raise exception.NotAuthenticated()
    return ctxt


def admin(action):
    ctxt = authenticated()
    if not ctxt.is_admin:
        raise exception.ForbiddenAction(action='identity:%s' % action)
    return ctxt


def admin_or_self(action, user_id):
    ctxt = authenticated()
    if not (ctxt.is_admin or ctxt.user_id == user_id):
        raise exception.ForbiddenAction(action='identity:%s' % action)
    return ctxt


def admin_or_member_of(action, project_id):
    """Admin, or a user holding any role on the project."""
    ctxt = authenticated()
    if ctxt.is_admin or ctxt.project_id == project_id or \
            assignments.has_role_on(ctxt.user_id, 'project', project_id):
        return ctxt
    raise exception.ForbiddenAction(action='identity:%s' % action)
