"""resize, migrate (202), confirmResize (204), revertResize (202)."""
from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute.actions import moves
from stratus.api.compute.actions import nova_order
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


@nova_order.action('resize', _resize,
                   policy_name='os_compute_api:servers:resize')
def resize(compute, ctxt, server_id, value):
    # nova: the server (404), its lock and state (409), then the flavor.
    compute.check_can(ctxt, compute.get(ctxt, server_id), 'resize')
    flavor = server_create.flavor_for(ctxt, value['flavorRef'])
    compute.resize(ctxt, server_id, flavor=flavor)
    return wsgi.response(status=202)


# A target host arrives at 2.56; before, any value goes (nova's schema is
# open). The policy depends on the host: the handler checks it.
@nova_order.action('migrate',
                   lambda v: _migrate_host if v >= (2, 56) else None)
def migrate(compute, ctxt, server_id, value):
    host = None
    if wsgi.version() >= (2, 56):
        host = (value or {}).get('host')
    compute.get(ctxt, server_id)
    # nova 34: a project manager may migrate; naming the host is admin's.
    if host:
        policy.require_admin(ctxt, 'os_compute_api:os-migrate-server:'
                                   'migrate:host')
    else:
        moves.require_manager_or_admin(
            ctxt, 'os_compute_api:os-migrate-server:migrate')
    compute.resize(ctxt, server_id, host=host)
    return wsgi.response(status=202)


@nova_order.action('confirmResize',
                   policy_name='os_compute_api:servers:confirm_resize')
def confirm_resize(compute, ctxt, server_id, value):
    compute.confirm_resize(ctxt, server_id)
    return wsgi.response(status=204)


@nova_order.action('revertResize',
                   policy_name='os_compute_api:servers:revert_resize')
def revert_resize(compute, ctxt, server_id, value):
    compute.revert_resize(ctxt, server_id)
    return wsgi.response(status=202)


HANDLERS = {'resize': resize, 'migrate': migrate,
            'confirmResize': confirm_resize, 'revertResize': revert_resize}
