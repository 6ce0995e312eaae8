"""rebuild: 202 with the full server body."""
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import server_create
from stratus.api.compute.schemas import servers as server_schemas
from stratus.api.compute.views import servers as views
from stratus.compute import api as compute_api

_rebuild = {
    'type': 'object',
    'properties': {
        'imageRef': {'type': 'string', 'minLength': 1},
        'name': server_schemas._name,
        'adminPass': {'type': 'string'},
        'metadata': server_schemas._metadata,
        'preserve_ephemeral': {'type': 'boolean'},
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'accessIPv4': {'type': 'string'},
        'accessIPv6': {'type': 'string'},
        'personality': {'type': 'array'},
    },
    'required': ['imageRef'],
    'additionalProperties': False,
}


def rebuild(compute, ctxt, server_id, value):
    value = validation.check(_rebuild, value)
    current = compute.get(ctxt, server_id)
    image = server_create.image_for(ctxt, value['imageRef'],
                                    current['flavor'])
    instance = compute.rebuild(ctxt, server_id, image, value.get('name'),
                               value.get('metadata'))
    body = views.detail(instance, wsgi.host_url(), ctxt.is_admin)
    body['adminPass'] = value.get('adminPass') or \
        compute_api.generate_password()
    return wsgi.response({'server': body}, status=202)


HANDLERS = {'rebuild': rebuild}
