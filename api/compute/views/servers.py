"""Server response bodies (2.1)."""
import hashlib

from stratus.api import timefmt
from stratus.api.compute.views import flavors as flavor_views
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


def _image(instance, base):
    if not instance['image_ref']:
        return ''
    return {'id': instance['image_ref'], 'links': [{
        'rel': 'bookmark',
        'href': '%s/compute/images/%s' % (base, instance['image_ref'])}]}


def _flavor(instance, base):
    flavorid = instance['flavor']['flavorid']
    return {'id': flavorid, 'links': [flavor_views.links(base,
                                                         flavorid)[1]]}


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


def detail(instance, base, is_admin=False):
    status = states.status(instance['vm_state'], instance['task_state'])
    body = {
        'id': instance['uuid'],
        'name': instance['display_name'],
        'status': status,
        'tenant_id': instance['project_id'],
        'user_id': instance['user_id'],
        'metadata': instance.get('metadata', {}),
        'hostId': host_id(instance),
        'image': _image(instance, base),
        'flavor': _flavor(instance, base),
        'created': timefmt.iso_z(instance['created_at']),
        'updated': timefmt.iso_z(instance['updated_at'] or
                                 instance['created_at']),
        'addresses': {},
        'accessIPv4': '',
        'accessIPv6': '',
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
        'os-extended-volumes:volumes_attached': [],
        'security_groups': [{'name': 'default'}],
    }
    if status in _PROGRESS:
        body['progress'] = instance['progress'] or 0
    if is_admin:
        body['OS-EXT-SRV-ATTR:host'] = instance['host']
        body['OS-EXT-SRV-ATTR:hypervisor_hostname'] = instance['node']
        body['OS-EXT-SRV-ATTR:instance_name'] = 'instance-%08x' % \
            instance['id']
    fault = _fault(instance, is_admin)
    if fault:
        body['fault'] = fault
    return body


def created(instance, base, admin_password):
    return {'id': instance['uuid'], 'links': links(base, instance['uuid']),
            'OS-DCF:diskConfig': 'MANUAL',
            'security_groups': [{'name': 'default'}],
            'adminPass': admin_password}
