"""createImage (202 + Location at 2.1), shelve, shelveOffload, unshelve."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order
from stratus.api.compute.schemas import servers as server_schemas

_create_image = {
    'type': 'object',
    'properties': {'name': server_schemas._name,
                   'metadata': server_schemas._metadata},
    'required': ['name'],
    'additionalProperties': False,
}
# 2.77: null, or an object naming the zone ({} is refused, as nova does).
_unshelve_277 = {
    'type': ['object', 'null'],
    'properties': {'availability_zone': server_schemas._name},
    'required': ['availability_zone'],
    'additionalProperties': False,
}
# 2.91: an admin may name the host; the zone may be null (unpin).
_unshelve_291 = {
    'type': ['object', 'null'],
    'properties': {'availability_zone': {'type': ['string', 'null']},
                   'host': {'type': 'string'}},
    'additionalProperties': False,
}


@nova_order.action('createImage', _create_image,
                   policy_name='os_compute_api:servers:create_image')
def create_image(compute, ctxt, server_id, value):
    if wsgi.version() < (2, 39):
        # Until 2.39 the metadata counts against metadata_items (403),
        # after the server's lookup and policy, before its state.
        from stratus.api.compute import image_metadata
        image_metadata.check_quota(ctxt, value.get('metadata'))
    image = compute.snapshot(ctxt, server_id, value['name'],
                             value.get('metadata'))
    # From 2.45 the image id is in the body and there is no Location.
    if wsgi.version() >= (2, 45):
        return wsgi.response({'image_id': image['id']}, status=202)
    return wsgi.response(status=202, headers={
        'Location': '%s/image/v2/images/%s' % (wsgi.host_url(),
                                               image['id'])})


@nova_order.action('shelve',
                   policy_name='os_compute_api:os-shelve:shelve')
def shelve(compute, ctxt, server_id, value):
    compute.shelve(ctxt, server_id)
    return wsgi.response(status=202)


@nova_order.action('shelveOffload', admin=True,
                   policy_name='os_compute_api:os-shelve:shelve_offload')
def shelve_offload(compute, ctxt, server_id, value):
    compute.shelve_offload(ctxt, server_id)
    return wsgi.response(status=202)


def _unshelve_schema(version):
    # A body naming the availability zone is 2.77; before, any value goes
    # and none of it is read (nova's schema is open).
    return _unshelve_291 if version >= (2, 91) else \
        _unshelve_277 if version >= (2, 77) else None


@nova_order.action('unshelve', _unshelve_schema,
                   policy_name='os_compute_api:os-shelve:unshelve')
def unshelve(compute, ctxt, server_id, value):
    value = (value if wsgi.version() >= (2, 77) else None) or {}
    # The host's policy is checked after the state, as nova does.
    compute.unshelve(ctxt, server_id, value.get('availability_zone'),
                     value.get('host'),
                     zone_given='availability_zone' in value)
    return wsgi.response(status=202)


HANDLERS = {'createImage': create_image, 'shelve': shelve,
            'shelveOffload': shelve_offload, 'unshelve': unshelve}
