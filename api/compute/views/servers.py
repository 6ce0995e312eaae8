"""Server response bodies, per microversion (2.1 .. 2.100).

`detail()` builds the 2.1 body and each band adds or reshapes what its
microversion changed, so one place says what a version sees.
"""
import hashlib

from stratus.api import timefmt
from stratus.api.compute.views import flavors as flavor_views
from stratus.api.compute.views import volume_attachments as volume_views
from stratus.compute import states

# Statuses whose body carries `progress` (nova shows it while building).
_PROGRESS = ('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE',
             'MIGRATING')


def links(base, uuid):
    return [{'rel': 'self',
             'href': '%s/compute/v2.1/servers/%s' % (base, uuid)},
            {'rel': 'bookmark',
             'href': '%s/compute/servers/%s' % (base, uuid)}]


def basic(instance, base):
    return {'id': instance['uuid'], 'name': instance['display_name'],
            'links': links(base, instance['uuid'])}


def host_id(instance):
    """Opaque per-project host id (same host, same project -> same id)."""
    if not instance['host']:
        return ''
    return hashlib.sha224((instance['project_id'] +
                           instance['host']).encode()).hexdigest()


def _image(instance, base, version):
    if not instance['image_ref']:
        return ''
    image = {'id': instance['image_ref'], 'links': [{
        'rel': 'bookmark',
        'href': '%s/compute/images/%s' % (base, instance['image_ref'])}]}
    if version >= (2, 98):
        image['properties'] = {
            key[len('image_'):]: value for key, value in
            instance['system_metadata'].items()
            if key.startswith('image_') and key not in (
                'image_base_image_ref', 'image_min_ram', 'image_min_disk',
                'image_disk_format', 'image_container_format')}
    return image


def _flavor(instance, base, version):
    flavor = instance['flavor']
    if version < (2, 47):
        return {'id': flavor['flavorid'],
                'links': [flavor_views.links(base, flavor['flavorid'])[1]]}
    return {'vcpus': flavor['vcpus'], 'ram': flavor['memory_mb'],
            'disk': flavor['root_gb'],
            'ephemeral': flavor.get('ephemeral_gb') or 0,
            'swap': flavor.get('swap') or 0,
            'original_name': flavor['name'],
            'extra_specs': flavor.get('extra_specs') or {}}


def _fault(instance, is_admin):
    fault = instance.get('fault')
    if not fault or instance['vm_state'] not in (states.ERROR,
                                                 states.DELETED):
        return None
    body = {'code': fault['code'], 'message': fault['message'],
            'created': timefmt.iso_z(fault['created_at'])}
    # Details (a traceback, or the scheduler's report) for admins, and for
    # everyone when the fault is not an internal error.
    if is_admin or fault['code'] != 500:
        body['details'] = fault['details'] or ''
    return body


def _host_status(instance, host_states):
    if not instance['host']:
        return ''
    return host_states.get(instance['host'], 'UNKNOWN')


def _extended_attributes(instance, body, version):
    """OS-EXT-SRV-ATTR:* beyond host/node/instance_name, from 2.3."""
    meta = instance['system_metadata']
    body.update({
        'OS-EXT-SRV-ATTR:reservation_id': instance['reservation_id'],
        'OS-EXT-SRV-ATTR:launch_index': instance['launch_index'],
        'OS-EXT-SRV-ATTR:hostname': instance['hostname'],
        'OS-EXT-SRV-ATTR:kernel_id': meta.get('image_kernel_id', ''),
        'OS-EXT-SRV-ATTR:ramdisk_id': meta.get('image_ramdisk_id', ''),
        'OS-EXT-SRV-ATTR:root_device_name': '/dev/vda',
        'OS-EXT-SRV-ATTR:user_data': instance['user_data'],
    })


def detail(instance, base, is_admin=False, version=(2, 1),
           host_states=None, single=False):
    """The full server body at `version`; `host_states` maps host ->
    UP/DOWN/MAINTENANCE for host_status (2.16); `single` for show, update
    and rebuild (which alone carry server_groups from 2.71)."""
    status = states.status(instance['vm_state'], instance['task_state'])
    body = {
        'id': instance['uuid'],
        'name': instance['display_name'],
        'status': status,
        'tenant_id': instance['project_id'],
        'user_id': instance['user_id'],
        'metadata': instance.get('metadata', {}),
        'hostId': host_id(instance),
        'image': _image(instance, base, version),
        'flavor': _flavor(instance, base, version),
        'created': timefmt.iso_z(instance['created_at']),
        'updated': timefmt.iso_z(instance['updated_at'] or
                                 instance['created_at']),
        'addresses': {},
        'accessIPv4': instance.get('access_ip_v4') or '',
        'accessIPv6': instance.get('access_ip_v6') or '',
        'links': links(base, instance['uuid']),
        'OS-DCF:diskConfig': 'MANUAL',
        'OS-EXT-AZ:availability_zone': instance['availability_zone'] or '',
        'config_drive': instance['config_drive'] or '',
        'key_name': instance['key_name'],
        'OS-SRV-USG:launched_at': timefmt.iso_us(instance['launched_at']),
        'OS-SRV-USG:terminated_at': timefmt.iso_us(
            instance['terminated_at']),
        'OS-EXT-STS:task_state': instance['task_state'],
        'OS-EXT-STS:vm_state': instance['vm_state'],
        'OS-EXT-STS:power_state': instance['power_state'],
        'os-extended-volumes:volumes_attached':
            volume_views.volumes_attached(
                instance.get('volumes_attached') or [], version),
    }
    _security_groups(instance, body)
    if status in _PROGRESS:
        body['progress'] = instance['progress'] or 0
    if is_admin:
        body['OS-EXT-SRV-ATTR:host'] = instance['host']
        body['OS-EXT-SRV-ATTR:hypervisor_hostname'] = instance['node']
        body['OS-EXT-SRV-ATTR:instance_name'] = 'instance-%08x' % \
            instance['id']
        if version >= (2, 3):
            _extended_attributes(instance, body, version)
    if version >= (2, 90) and not is_admin:
        body['OS-EXT-SRV-ATTR:hostname'] = instance['hostname']
    if version >= (2, 9):
        body['locked'] = bool(instance['locked'])
    if version >= (2, 16) and is_admin:
        body['host_status'] = _host_status(instance, host_states or {})
    if version >= (2, 19):
        body['description'] = instance['display_description']
    if version >= (2, 26):
        body['tags'] = instance.get('tags', [])
    if version >= (2, 63):
        body['trusted_image_certificates'] = None
    if version >= (2, 71) and single:
        body['server_groups'] = instance.get('server_groups', [])
    if version >= (2, 73):
        body['locked_reason'] = instance['locked_reason']
    if version >= (2, 96):
        body['pinned_availability_zone'] = instance['system_metadata'].get(
            'pinned_availability_zone')
    if version >= (2, 100):
        body['scheduler_hints'] = instance.get('scheduler_hints') or {}
    fault = _fault(instance, is_admin)
    if fault:
        body['fault'] = fault
    return body


def _security_groups(instance, body):
    """The server's groups by name, as nova reads them off its ports: none
    at all leaves the key out. An instance read without its extras shows
    the group every server starts in."""
    groups = instance.get('security_groups', ['default'])
    if groups:
        body['security_groups'] = [{'name': name} for name in groups]


# What update and rebuild leave out below 2.75 (nova shows them from then).
_NOT_IN_UPDATE = ('OS-EXT-AZ:availability_zone', 'config_drive', 'key_name',
                  'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at',
                  'security_groups', 'OS-EXT-STS:task_state',
                  'OS-EXT-STS:vm_state', 'OS-EXT-STS:power_state',
                  'os-extended-volumes:volumes_attached', 'host_status')


def updated(instance, base, is_admin=False, version=(2, 1),
            host_states=None, rebuild=False):
    """The body of update and rebuild: below 2.75 nova's reduced show
    (no zone, config drive, key, usage, groups, statuses, volumes or
    extended attributes; rebuild keeps key_name from 2.54); a rebuild
    carries user_data at the top from 2.57, never as OS-EXT-SRV-ATTR."""
    body = detail(instance, base, is_admin, version, host_states,
                  single=True)
    if version < (2, 75):
        keep = ('key_name',) if rebuild and version >= (2, 54) else ()
        for key in list(body):
            if (key in _NOT_IN_UPDATE and key not in keep) or \
                    key.startswith('OS-EXT-SRV-ATTR:'):
                del body[key]
    if rebuild:
        body.pop('OS-EXT-SRV-ATTR:user_data', None)
        if version >= (2, 57):
            body['user_data'] = instance['user_data']
    return body


def created(instance, base, admin_password, security_groups=None):
    """`security_groups`: the request's own list, which nova echoes."""
    return {'id': instance['uuid'], 'links': links(base, instance['uuid']),
            'OS-DCF:diskConfig': 'MANUAL',
            'security_groups': [{'name': 'default'}]
            if security_groups is None else security_groups,
            'adminPass': admin_password}
