"""Turning a validated create request into instance rows, inserted within
the project's quota (min_count..max_count, as nova does)."""
import base64
import re
import secrets
import uuid as uuidlib

from stratus.common import exception
from stratus.compute import states
from stratus.db.api import instances

_FLAVOR_KEYS = ('flavorid', 'name', 'memory_mb', 'vcpus', 'root_gb',
                'ephemeral_gb', 'swap', 'rxtx_factor', 'is_public',
                'extra_specs', 'description')


def flavor_snapshot(flavor):
    """The flavor as the instance keeps it (it may change or go later)."""
    return {key: flavor.get(key) for key in _FLAVOR_KEYS}


def check_user_data(text):
    if text is None:
        return None
    try:
        base64.b64decode(text, validate=True)
    except ValueError:
        raise exception.ValidationError(field='user_data',
                                        reason='It is not base64 encoded.')
    return text


def hostname_of(name):
    """A DNS-safe hostname from a display name, as nova sanitizes it."""
    host = re.sub(r'[^\w.-]+', '-', name.lower()).strip('-.')
    host = re.sub(r'[_]', '-', host)
    return (host or 'server')[:63]


def image_system_metadata(image):
    """Image facts copied onto the instance (image_<property>, ...)."""
    if not image:
        return {}
    meta = {'image_base_image_ref': image['id']}
    for key in ('min_ram', 'min_disk', 'disk_format', 'container_format'):
        if image.get(key) is not None:
            meta['image_' + key] = str(image[key])
    for key, value in (image.get('properties') or {}).items():
        meta['image_' + key] = value
    return meta


def instance_rows(ctxt, request):
    flavor = flavor_snapshot(request['flavor'])
    image = request.get('image')
    key = request.get('key')
    count = request['max_count']
    reservation_id = 'r-%s' % secrets.token_hex(4)
    rows = []
    for index in range(count):
        name = request['name']
        if count > 1:
            name = '%s-%d' % (name, index + 1)
        hostname = request.get('hostname') or hostname_of(name)
        if request.get('hostname') and count > 1:
            hostname = '%s-%d' % (request['hostname'], index + 1)
        system_metadata = image_system_metadata(image)
        if request.get('availability_zone'):
            system_metadata['pinned_availability_zone'] = \
                request['availability_zone']
        rows.append({
            'uuid': str(uuidlib.uuid4()),
            'project_id': ctxt.project_id, 'user_id': ctxt.user_id,
            'display_name': name, 'hostname': hostname,
            'display_description': request.get('description'),
            'flavor': flavor, 'vcpus': flavor['vcpus'],
            'memory_mb': flavor['memory_mb'], 'root_gb': flavor['root_gb'],
            'ephemeral_gb': flavor['ephemeral_gb'] or 0,
            # A server booted from a volume has no image (nova's rule:
            # its `image` shows as "").
            'image_ref': image['id'] if image and
            not request.get('volume_backed') else '',
            'key_name': key['name'] if key else None,
            'key_data': key['public_key'] if key else None,
            'user_data': check_user_data(request.get('user_data')),
            'vm_state': states.BUILDING, 'task_state': states.SCHEDULING,
            'power_state': states.NOSTATE, 'launch_index': index,
            'reservation_id': reservation_id,
            'availability_zone': request.get('availability_zone'),
            'config_drive': '',
            'access_ip_v4': request.get('access_ip_v4'),
            'access_ip_v6': request.get('access_ip_v6'),
            'networks': request.get('networks'),
            'scheduler_hints': request.get('scheduler_hints') or {},
            'system_metadata': system_metadata,
        })
    return rows


def _deltas(rows):
    return {'instances': len(rows),
            'cores': sum(r['vcpus'] for r in rows),
            'ram': sum(r['memory_mb'] for r in rows)}


def insert_within_quota(ctxt, rows, min_count, metadata, group, tags=(),
                        security_group_ids=()):
    """As many as max_count allows, but at least min_count, or 403. The
    servers carry the groups the request named (neutron would put them on
    their ports), written in the same transaction."""
    group_id = group['id'] if group else None
    extra = {'metadata_items': len(metadata or {})}
    try:
        return instances.create(rows, metadata, dict(_deltas(rows), **extra),
                                group_id, tags, security_group_ids)
    except exception.QuotaExceeded:
        if min_count >= len(rows):
            raise
    return instances.create(rows[:min_count], metadata,
                            dict(_deltas(rows[:min_count]), **extra),
                            group_id, tags, security_group_ids)

