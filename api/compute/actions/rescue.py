"""rescue (200 {"adminPass"}) and unrescue (202)."""
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import server_create

_rescue = {
    'type': ['object', 'null'],
    'properties': {
        'adminPass': {'type': 'string'},
        'rescue_image_ref': {'type': 'string', 'format': 'uuid'},
    },
    'additionalProperties': False,
}


def rescue(compute, ctxt, server_id, value):
    value = validation.check(_rescue, value) or {}
    image = None
    if value.get('rescue_image_ref'):
        # nova: the server, its lock and state, then the image.
        compute.check_can(ctxt, compute.get(ctxt, server_id), 'rescue')
        image = server_create.image_for(ctxt, value['rescue_image_ref'])
    password = compute.rescue(ctxt, server_id, value.get('adminPass'),
                              image)
    return wsgi.response({'adminPass': password})


def unrescue(compute, ctxt, server_id, value):
    compute.unrescue(ctxt, server_id)
    return wsgi.response(status=202)


HANDLERS = {'rescue': rescue, 'unrescue': unrescue}
