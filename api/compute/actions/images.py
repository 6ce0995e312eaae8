"""createImage (202 + Location at 2.1), shelve, shelveOffload, unshelve."""
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import servers as server_schemas

_create_image = {
    'type': 'object',
    'properties': {'name': server_schemas._name,
                   'metadata': server_schemas._metadata},
    'required': ['name'],
    'additionalProperties': False,
}
_unshelve = {
    'type': ['object', 'null'],
    'properties': {'availability_zone': {'type': 'string', 'minLength': 1,
                                         'maxLength': 255}},
    'additionalProperties': False,
}


def create_image(compute, ctxt, server_id, value):
    value = validation.check(_create_image, value)
    image = compute.snapshot(ctxt, server_id, value['name'],
                             value.get('metadata'))
    return wsgi.response(status=202, headers={
        'Location': '%s/image/v2/images/%s' % (wsgi.host_url(),
                                               image['id'])})


def shelve(compute, ctxt, server_id, value):
    validation.check({'type': 'null'}, value)
    compute.shelve(ctxt, server_id)
    return wsgi.response(status=202)


def shelve_offload(compute, ctxt, server_id, value):
    validation.check({'type': 'null'}, value)
    compute.shelve_offload(ctxt, server_id)
    return wsgi.response(status=202)


def unshelve(compute, ctxt, server_id, value):
    # A body naming the availability zone is 2.77; before, only null.
    schema = _unshelve if wsgi.version() >= (2, 77) else {'type': 'null'}
    value = validation.check(schema, value) or {}
    compute.unshelve(ctxt, server_id, value.get('availability_zone'))
    return wsgi.response(status=202)


HANDLERS = {'createImage': create_image, 'shelve': shelve,
            'shelveOffload': shelve_offload, 'unshelve': unshelve}
