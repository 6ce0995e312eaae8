"""rebuild: 202 with the full server body (and adminPass)."""
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import server_create
from stratus.api.compute.schemas import servers as server_schemas
from stratus.compute import api as compute_api


def rebuild(compute, ctxt, server_id, value):
    from stratus.api.compute import servers
    version = wsgi.version()
    value = validation.check(server_schemas.rebuild(version), value)
    current = compute.get(ctxt, server_id)
    flavor = current['flavor']
    if not current['image_ref']:
        # Volume-backed: the root volume, not the flavor's disk, must fit
        # the image (checked with the volume).
        flavor = dict(flavor, root_gb=0)
    image = server_create.image_for(ctxt, value['imageRef'], flavor)
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
    instance = compute.rebuild(ctxt, server_id, image, value.get('name'),
                               value.get('metadata'), changes,
                               reimage_boot_volume=version >= (2, 93))
    body = _below_2_75(servers.show_view(ctxt, instance), version)
    if version >= (2, 57):
        # nova answers user_data under its own name from 2.57, never as
        # the extended attribute.
        body.pop('OS-EXT-SRV-ATTR:user_data', None)
        body['user_data'] = instance.get('user_data')
    body['adminPass'] = value.get('adminPass') or \
        compute_api.generate_password()
    return wsgi.response({'server': body}, status=202)


# What nova's rebuild answer leaves out before 2.75 (where it became the
# full show body): the extended attributes, and key_name / server_groups
# before the versions that added them to it.
_EXTENDED_PREFIXES = ('OS-EXT-', 'OS-SRV-USG:', 'os-extended-volumes:')
_EXTENDED_KEYS = ('config_drive', 'security_groups', 'host_status')


def _below_2_75(body, version):
    if version >= (2, 75):
        return body
    drop = [k for k in body if k.startswith(_EXTENDED_PREFIXES) or
            k in _EXTENDED_KEYS]
    if version < (2, 54):
        drop.append('key_name')
    if version < (2, 71):
        drop.append('server_groups')
    for key in drop:
        body.pop(key, None)
    return body


HANDLERS = {'rebuild': rebuild}
