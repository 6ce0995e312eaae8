"""POST /servers: from a validated body to ComputeAPI.create's request,
resolving flavor, image, key pair, zone and group as nova does (each
miss is a 400 that says which)."""
from stratus.api.compute import block_device_mapping
from stratus.common import exception
from stratus.compute import image_facts
from stratus.db.api import flavors as db_flavors
from stratus.db.api import services as db_services


def _bad(message):
    return exception.Invalid(message)


def flavor_for(ctxt, ref):
    return _flavor(ctxt, ref)


def _flavor(ctxt, ref):
    flavorid = str(ref).rstrip('/').rsplit('/', 1)[-1]
    try:
        return db_flavors.flavor_get(
            flavorid, project_id=None if ctxt.is_admin else ctxt.project_id)
    except exception.FlavorNotFound:
        raise _bad('Flavor %s could not be found.' % flavorid)


def _image_id(server):
    image_ref = server.get('imageRef') or ''
    if not image_ref:
        for bdm in server.get('block_device_mapping_v2') or []:
            if bdm.get('source_type') == 'image' and \
                    bdm.get('destination_type', 'local') == 'local' and \
                    str(bdm.get('boot_index')) == '0':
                image_ref = bdm.get('uuid') or ''
    return image_ref.rstrip('/').rsplit('/', 1)[-1]


def image_for(ctxt, image_ref, flavor=None):
    """A usable image by id or URL, checked against `flavor` if given."""
    return _image(ctxt, str(image_ref).rstrip('/').rsplit('/', 1)[-1],
                  flavor)


def _image(ctxt, image_id, flavor):
    from stratus.db.api import images as db_images
    if not image_id:
        raise _bad('Block Device Mapping is Invalid: Boot sequence for the '
                   'instance and image/block device mapping combination '
                   'is not valid.')
    try:
        image = db_images.get(image_id)
    except exception.NotFound:
        raise _bad('Image %s could not be found.' % image_id)
    visible = (ctxt.is_admin or image['owner'] == ctxt.project_id or
               image['visibility'] in ('public', 'community'))
    if not visible:
        raise _bad('Image %s could not be found.' % image_id)
    if image['status'] != 'active':
        raise _bad('Image %s is not active.' % image_id)
    if flavor and (image.get('min_ram') or 0) > flavor['memory_mb']:
        raise _bad("Flavor's memory is too small for requested image.")
    if flavor and flavor['root_gb'] and (image.get('min_disk') or 0) > \
            flavor['root_gb']:
        raise _bad("Flavor's disk is too small for requested image.")
    return image_facts.summary(image)


def key_for(ctxt, name):
    return _key(ctxt, name)


def _key(ctxt, name):
    if not name:
        return None
    from stratus.db.api import keypairs
    try:
        return keypairs.get(ctxt.user_id, name)
    except exception.NotFound:
        raise _bad('Invalid key_name provided.')


def _zone(zone):
    if not zone:
        return None
    from stratus.db.api import aggregates
    zones = {s['availability_zone'] for s in aggregates.with_zones(
        db_services.service_list(binary='stratus-compute'))
        if not s['disabled']}
    if zone not in zones:
        raise _bad('The requested availability zone is not available')
    return zone


def _group(ctxt, hints):
    group_uuid = (hints or {}).get('group')
    if not group_uuid:
        return None
    from stratus.db.api import server_groups
    try:
        group = server_groups.get(group_uuid)
    except exception.NotFound:
        raise _bad('Invalid server group %s' % group_uuid)
    if not ctxt.is_admin and group['project_id'] != ctxt.project_id:
        raise _bad('Invalid server group %s' % group_uuid)
    return group


def _count(server, key):
    return int(server.get(key, 1))


def _requested_host(ctxt, server):
    """2.74: an admin may name the host (and node) to build on."""
    if 'host' not in server and 'hypervisor_hostname' not in server:
        return None
    if not ctxt.is_admin:
        raise exception.Forbidden(action='os_compute_api:servers:create:'
                                         'requested_destination')
    return {'host': server.get('host'),
            'node': server.get('hypervisor_hostname')}


def resolve(ctxt, body, version=(2, 1)):
    from stratus.api.compute import server_networks
    server = body['server']
    server_networks.check_shape(server.get('networks'))
    hints = body.get('os:scheduler_hints') or \
        body.get('OS-SCH-HNT:scheduler_hints') or {}
    min_count = _count(server, 'min_count')
    max_count = max(_count(server, 'max_count'), min_count) \
        if 'max_count' not in server else _count(server, 'max_count')
    if min_count < 1 or max_count < 1:
        raise _bad('min_count and max_count must be at least 1')
    if min_count > max_count:
        raise _bad('min_count must be <= max_count')
    flavor = _flavor(ctxt, server['flavorRef'])
    group = _group(ctxt, hints)
    image, volume_backed, volumes = block_device_mapping.parse(
        ctxt, server, max_count, lambda image_id: _image(ctxt, image_id,
                                                         None))
    if volume_backed:
        # The root disk is a volume: the flavor's disk does not count.
        if image and (image.get('min_ram') or 0) > flavor['memory_mb']:
            raise _bad("Flavor's memory is too small for requested image.")
    else:
        image = _image(ctxt, _image_id(server), flavor)
    from stratus.compute import quota_checks
    # nova looks the security groups up before the networks.
    from stratus.api.compute import server_security_groups
    security_groups = server_security_groups.requested(
        ctxt, server.get('security_groups'), server.get('networks'))
    networks = server_networks.resolve(server.get('networks'))
    quota_checks.check_metadata(ctxt, server.get('metadata'))
    return {
        'name': server['name'],
        'flavor': flavor,
        'image': image,
        'volume_backed': volume_backed,
        'block_devices': volumes,
        'min_count': min_count, 'max_count': max_count,
        'metadata': server.get('metadata') or {},
        'key': _key(ctxt, server.get('key_name')),
        'user_data': server.get('user_data'),
        'availability_zone': _zone(server.get('availability_zone')),
        'networks': networks,
        'security_groups': security_groups,
        'access_ip_v4': server.get('accessIPv4'),
        'access_ip_v6': server.get('accessIPv6'),
        'scheduler_hints': hints,
        'group': group,
        'admin_password': server.get('adminPass'),
        'description': server.get('description'),
        'tags': server.get('tags') or [],
        'hostname': server.get('hostname'),
        'requested_destination': _requested_host(ctxt, server),
    }
