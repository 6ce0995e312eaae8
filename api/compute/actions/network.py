"""injectNetworkInfo (admin): ask the server's compute to push its network
info into the guest again. Refused (409) on a locked server only."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order


@nova_order.action(
    'injectNetworkInfo', admin=True,
    policy_name='os_compute_api:os-admin-actions:inject_network_info')
def inject_network_info(compute, ctxt, server_id, value):
    instance = compute.get(ctxt, server_id, extras=False)
    compute.inject_network_info(ctxt, instance)
    return wsgi.response(status=202)


HANDLERS = {'injectNetworkInfo': inject_network_info}
