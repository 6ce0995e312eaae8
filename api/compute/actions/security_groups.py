"""addSecurityGroup / removeSecurityGroup, at every microversion (nova
serves them after the proxies went): 202 with no body."""
from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import server_security_groups
from stratus.api.compute.schemas import security_groups as schemas
from stratus.common import exception


def _handler(action, rule, change):
    def handle(compute, ctxt, server_id, value):
        validation.check(schemas.action(action), {action: value})
        instance = compute.get(ctxt, server_id, extras=False)
        policy.require_member(ctxt, 'os_compute_api:os-security-groups:%s'
                              % rule)
        name = value['name']
        if not name.strip():
            raise exception.Invalid('Security group name cannot be empty')
        change(ctxt, instance, name)
        return wsgi.response(status=202)
    # Body, server, then policy, as nova orders them.
    handle.checks_own_policy = True
    return handle


HANDLERS = {
    'addSecurityGroup': _handler('addSecurityGroup', 'add',
                                 server_security_groups.add),
    'removeSecurityGroup': _handler('removeSecurityGroup', 'remove',
                                    server_security_groups.remove),
}
