"""RequestContext: who is asking, for which project, under which request id.

It crosses RPC as a plain dict (``to_dict``/``from_dict``); building one
stores it in oslo.context's thread-local, so every log line of the thread
carries its request ids. ``system_scope`` ('all' for a system-scoped token,
else None) is oslo.context's own field and crosses RPC with the rest.
"""
import copy

from oslo_context import context as o_context

ADMIN_ROLE = 'admin'
MEMBER_ROLES = ('admin', 'member', 'manager')
READER_ROLES = ('admin', 'member', 'manager', 'reader')


class RequestContext(o_context.RequestContext):

    def __init__(self, *, read_deleted='no', **kwargs):
        super().__init__(**kwargs)
        self.read_deleted = read_deleted
        if not self.is_admin and ADMIN_ROLE in (self.roles or ()):
            self.is_admin = True

    @property
    def can_write(self):
        return self.is_admin or any(r in MEMBER_ROLES for r in self.roles)

    @property
    def can_read(self):
        return self.is_admin or any(r in READER_ROLES for r in self.roles)

    def to_dict(self):
        values = super().to_dict()
        values['read_deleted'] = self.read_deleted
        return values

    @classmethod
    def from_dict(cls, values, **kwargs):
        kwargs.setdefault('read_deleted', values.get('read_deleted', 'no'))
        kwargs.setdefault('is_admin', values.get('is_admin', False))
        return super().from_dict(values, **kwargs)

    def elevated(self):
        """A copy with admin rights, for internal work on behalf of a user."""
        ctx = copy.copy(self)
        ctx.roles = list(self.roles or ())
        if ADMIN_ROLE not in ctx.roles:
            ctx.roles.append(ADMIN_ROLE)
        ctx.is_admin = True
        return ctx


def get_admin_context(overwrite=True):
    """A fresh context (new req- id) for periodic and internal work."""
    return RequestContext(is_admin=True, roles=[ADMIN_ROLE],
                          overwrite=overwrite)
