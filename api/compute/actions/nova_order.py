"""nova's order of checks for a server action.

nova's wsgi layer picks the action method by the body's key and checks the
value against the method's schema (400) before the method runs; the method
then looks the server up (404: another project's server is not found) and
only then checks the action's policy (403) against it."""
import functools

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi


def action(name, schema=None, policy_name=None, admin=False):
    """Decorate a handler (compute, ctxt, server_id, value).

    `schema`: the value's schema, or a function of the microversion giving
    it (None where nova leaves the value open). `policy_name`: the policy
    checked after the lookup (member, or admin when `admin`); without one
    the handler checks its own after looking the server up.
    """
    def wrap(handler):
        @functools.wraps(handler)
        def ordered(compute, ctxt, server_id, value):
            value_schema = schema(wsgi.version()) if callable(schema) \
                else schema
            if value_schema is not None:
                validation.check_action(name, value_schema, value)
            if policy_name:
                compute.get(ctxt, server_id, extras=False)
                require = policy.require_admin if admin else \
                    policy.require_member
                require(ctxt, policy_name)
            return handler(compute, ctxt, server_id, value)
        ordered.checks_own_policy = True
        return ordered
    return wrap
