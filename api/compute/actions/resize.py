"""resize, migrate (202), confirmResize (204), revertResize (202)."""
from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import server_create

_resize = {
    'type': 'object',
    'properties': {
        'flavorRef': {'type': ['string', 'integer'], 'minLength': 1},
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
    },
    'required': ['flavorRef'],
    'additionalProperties': False,
}
_migrate_host = {
    'type': ['object', 'null'],
    'properties': {'host': {'type': ['string', 'null'], 'minLength': 1,
                            'maxLength': 255,
                            'pattern': '^[a-zA-Z0-9-._]*$'}},
    'additionalProperties': False,
}


def resize(compute, ctxt, server_id, value):
    value = validation.check(_resize, value)
    # nova: the server (404), its lock and state (409), then the flavor.
    compute.check_can(ctxt, compute.get(ctxt, server_id), 'resize')
    flavor = server_create.flavor_for(ctxt, value['flavorRef'])
    compute.resize(ctxt, server_id, flavor=flavor)
    return wsgi.response(status=202)


def migrate(compute, ctxt, server_id, value):
    # A target host arrives at 2.56; before, any value goes (nova's
    # schema is open). The body is checked first, then the server looked
    # up (404), then the policy, in nova's order.
    host = None
    if wsgi.version() >= (2, 56):
        host = (validation.check(_migrate_host, value) or {}).get('host')
    compute.get(ctxt, server_id)
    policy.require_admin(ctxt, 'os_compute_api:os-migrate-server:'
                               'migrate:host' if host else
                         'os_compute_api:os-migrate-server:migrate')
    compute.resize(ctxt, server_id, host=host)
    return wsgi.response(status=202)


def confirm_resize(compute, ctxt, server_id, value):
    compute.confirm_resize(ctxt, server_id)
    return wsgi.response(status=204)


def revert_resize(compute, ctxt, server_id, value):
    compute.revert_resize(ctxt, server_id)
    return wsgi.response(status=202)


HANDLERS = {'resize': resize, 'migrate': migrate,
            'confirmResize': confirm_resize, 'revertResize': revert_resize}
