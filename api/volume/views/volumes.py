"""Volume response bodies per microversion (cinder's v2 view plus the
v3 additions): 3.13 group_id, 3.21 provider_id (admin), 3.48
shared_targets and service_uuid, 3.61 cluster_name (admin), 3.63
volume_type_id, 3.64 encryption_key_id (encrypted volumes only), 3.65
consumes_quota, 3.69 shared_targets may be null; 3.45 count in lists."""
from stratus.api import timefmt
from stratus.api.volume import common
from stratus.api.volume.views import consistencygroups as cg_views


def summary(volume):
    return {'id': volume['id'], 'name': volume['display_name'],
            'links': common.links('volumes', volume['id'])}


def _attachments(volume, is_admin):
    return [{'id': volume['id'], 'attachment_id': a['id'],
             'volume_id': volume['id'], 'server_id': a['instance_uuid'],
             'host_name': a['attached_host'] if is_admin else None,
             'device': a['mountpoint'],
             'attached_at': timefmt.iso_us(a['attach_time'])}
            for a in volume['attachments'] if a['attach_status'] == 'attached']


# Admin metadata every user sees among the metadata (cinder's
# add_visible_admin_metadata); they win over user keys of the same name.
_VISIBLE_ADMIN_METADATA = ('readonly', 'attached_mode')


def _metadata(volume):
    metadata = dict(volume['metadata'])
    admin = volume.get('admin_metadata') or {}
    metadata.update({key: admin[key] for key in _VISIBLE_ADMIN_METADATA
                     if key in admin})
    return metadata


def _status(volume):
    # cinder shows its internal managing states as the public ones.
    return {'managing': 'creating', 'error_managing': 'error',
            'error_managing_deleting': 'deleting'}.get(volume['status'],
                                                       volume['status'])


def _type_name(volume, version):
    # 3.63 shows the name or nothing; before, the id stands in.
    volume_type = volume['volume_type'] or {}
    if version >= (3, 63):
        return volume_type.get('name')
    if volume['volume_type_id'] and volume_type:
        return volume_type['name']
    return volume['volume_type_id']


def detail(volume, version, is_admin, extended=True):
    """`extended`: the keys cinder's show/detail extensions add (tenant,
    host, migration status, image metadata); create and update answers
    are the plain view without them."""
    body = {
        'id': volume['id'], 'status': _status(volume),
        'size': volume['size'],
        'availability_zone': volume['availability_zone'],
        'created_at': timefmt.iso_us(volume['created_at']),
        'updated_at': timefmt.iso_us(volume['updated_at']),
        'name': volume['display_name'],
        'description': volume['display_description'],
        'volume_type': _type_name(volume, version),
        'snapshot_id': volume['snapshot_id'],
        'source_volid': volume['source_volid'],
        'metadata': _metadata(volume),
        'links': common.links('volumes', volume['id']),
        'user_id': volume['user_id'],
        'bootable': str(bool(volume['bootable'])).lower(),
        'encrypted': volume['encryption_key_id'] is not None,
        'replication_status': volume['replication_status'],
        'consistencygroup_id': cg_views.volume_consistencygroup_id(volume),
        'multiattach': bool(volume['multiattach']),
        'attachments': _attachments(volume, is_admin),
    }
    if is_admin:
        body['migration_status'] = volume['migration_status']
    if extended:
        _extensions(body, volume, is_admin)
    _versioned(body, volume, version, is_admin)
    return body


def _extensions(body, volume, is_admin):
    body['os-vol-tenant-attr:tenant_id'] = volume['project_id']
    if volume['image_metadata']:
        body['volume_image_metadata'] = dict(volume['image_metadata'])
    if is_admin:
        body.update({'os-vol-host-attr:host': volume['host'],
                     'os-vol-mig-status-attr:migstat':
                         volume['migration_status'],
                     'os-vol-mig-status-attr:name_id':
                         volume.get('name_id')})


def _versioned(body, volume, version, is_admin):
    if version >= (3, 13):
        body['group_id'] = volume['group_id']
    if version >= (3, 21) and is_admin:
        body['provider_id'] = None
    if version >= (3, 48):
        shared = volume['shared_targets']
        body['shared_targets'] = True if shared is None and \
            version < (3, 69) else shared
        body['service_uuid'] = volume['service_uuid']
    if version >= (3, 61) and is_admin:
        body['cluster_name'] = volume['cluster_name']
    if version >= (3, 63):
        body['volume_type_id'] = volume['volume_type_id']
    if version >= (3, 64) and volume['encryption_key_id']:
        body['encryption_key_id'] = volume['encryption_key_id']
    if version >= (3, 65):
        body['consumes_quota'] = bool(volume['use_quota'])


def collection(items, links, count=None):
    body = {'volumes': items}
    if links:
        body['volumes_links'] = links
    if count is not None:
        body['count'] = count
    return body
