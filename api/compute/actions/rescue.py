"""rescue (200 {"adminPass"}) and unrescue (202)."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order
from stratus.api.compute import server_create

_rescue = {
    'type': ['object', 'null'],
    'properties': {
        'adminPass': {'type': 'string'},
        'rescue_image_ref': {'type': 'string', 'format': 'uuid'},
    },
    'additionalProperties': False,
}


@nova_order.action('rescue', _rescue,
                   policy_name='os_compute_api:os-rescue')
def rescue(compute, ctxt, server_id, value):
    value = value or {}
    image = None
    if value.get('rescue_image_ref'):
        # nova: the server, its lock and state, then the image.
        compute.check_can(ctxt, compute.get(ctxt, server_id), 'rescue')
        image = server_create.image_for(ctxt, value['rescue_image_ref'])
    password = compute.rescue(ctxt, server_id, value.get('adminPass'),
                              image)
    return wsgi.response({'adminPass': password})


@nova_order.action('unrescue',
                   policy_name='os_compute_api:os-unrescue')
def unrescue(compute, ctxt, server_id, value):
    compute.unrescue(ctxt, server_id)
    return wsgi.response(status=202)


HANDLERS = {'rescue': rescue, 'unrescue': unrescue}
