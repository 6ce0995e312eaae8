"""Who may call which identity API.

Keystone's defaults, reduced to stratus's roles: admin (role admin on any
scope: keystone's admin_required) does everything; a system reader (role
reader on a system-scoped token; a system admin is one too, as admin
implies reader) reads everything; anyone else is refused (403, keystone
wording), except for reading themselves: their own user record, their
projects, a project they hold a role on, their own tokens. Regions are
readable by any authenticated user.
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


def is_system_reader(ctxt):
    """keystone's SYSTEM_READER persona: role:reader and system_scope:all."""
    return ctxt.system_scope == 'all' and 'reader' in (ctxt.roles or ())


def admin_or_system_reader(action):
    ctxt = authenticated()
    if not (ctxt.is_admin or is_system_reader(ctxt)):
        raise exception.ForbiddenAction(action='identity:%s' % action)
    return ctxt


def admin(action):
    ctxt = authenticated()
    if not ctxt.is_admin:
        raise exception.ForbiddenAction(action='identity:%s' % action)
    return ctxt


def admin_or_self(action, user_id):
    ctxt = authenticated()
    if not (ctxt.is_admin or is_system_reader(ctxt) or
            ctxt.user_id == user_id):
        raise exception.ForbiddenAction(action='identity:%s' % action)
    return ctxt


def admin_or_member_of(action, project_id):
    """Admin, system reader, or a user holding any role on the project."""
    ctxt = authenticated()
    if ctxt.is_admin or is_system_reader(ctxt) or \
            ctxt.project_id == project_id or \
            assignments.has_role_on(ctxt.user_id, 'project', project_id):
        return ctxt
    raise exception.ForbiddenAction(action='identity:%s' % action)
