"""rebuild: 202 with the server body (nova's reduced one below 2.75, and
user_data from 2.57), adminPass and a Location."""
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order
from stratus.api.compute import server_create
from stratus.api.compute.schemas import servers as server_schemas
from stratus.common import exception
from stratus.compute import api as compute_api


@nova_order.action('rebuild', server_schemas.rebuild,
                   policy_name='os_compute_api:servers:rebuild')
def rebuild(compute, ctxt, server_id, value):
    from stratus.api.compute import servers
    version = wsgi.version()
    current = compute.get(ctxt, server_id)
    # nova: lock and state (409) before the image (400).
    compute.check_can(ctxt, current, 'rebuild')
    flavor = current['flavor']
    if not current['image_ref']:
        # Volume-backed: the root volume, not the flavor's disk, must fit
        # the image (checked with the volume).
        flavor = dict(flavor, root_gb=0)
    try:
        image = server_create.image_for(ctxt, value['imageRef'], flavor)
    except exception.Invalid as error:
        if 'could not be found' in str(error):
            raise exception.Invalid('Cannot find image for rebuild')
        raise
    changes = {}
    if 'description' in value:
        changes['display_description'] = value['description']
    if 'hostname' in value:
        changes['hostname'] = value['hostname']
    if 'user_data' in value:
        changes['user_data'] = value['user_data']
    if 'key_name' in value:
        key = server_create.key_for(ctxt, value['key_name'])
        changes['key_name'] = key['name'] if key else None
        changes['key_data'] = key['public_key'] if key else None
    changes.update(servers.access_ips(value))
    instance = compute.rebuild(ctxt, server_id, image, value.get('name'),
                               value.get('metadata'), changes,
                               reimage_boot_volume=version >= (2, 93))
    body = servers.update_view(ctxt, instance, rebuild=True)
    body['adminPass'] = value.get('adminPass') or \
        compute_api.generate_password()
    return wsgi.response({'server': body}, status=202, headers={
        'Location': body['links'][0]['href']})


HANDLERS = {'rebuild': rebuild}
