"""nova's views of block-storage volumes and snapshots (the os-volumes and
os-snapshots proxies): cinder's records in nova's camelCase shape."""
from stratus.api import timefmt
from stratus.api.volume.views import volumes as cinder_views


def volume(vol):
    attached = [a for a in vol.get('attachments') or ()
                if a.get('attach_status') == 'attached']
    if attached:
        # nova shows the first attachment only (its multiattach note).
        first = attached[0]
        attachment = {'id': vol['id'], 'volumeId': vol['id'],
                      'serverId': first['instance_uuid']}
        if first.get('mountpoint'):
            attachment['device'] = first['mountpoint']
        attachments = [attachment]
    else:
        attachments = [{}]
    volume_type = vol.get('volume_type') or {}
    return {
        'id': vol['id'], 'status': cinder_views._status(vol),
        'size': vol['size'], 'availabilityZone': vol['availability_zone'],
        'createdAt': timefmt.iso_us(vol['created_at']),
        'attachments': attachments,
        'displayName': vol['display_name'],
        'displayDescription': vol['display_description'],
        # nova reads cinder's volume_type, which is the type's name.
        'volumeType': volume_type.get('name'),
        'snapshotId': vol['snapshot_id'],
        'metadata': dict(vol.get('metadata') or {}),
    }


def snapshot(snap):
    return {
        'id': snap['id'], 'volumeId': snap['volume_id'],
        'status': snap['status'], 'size': snap['volume_size'],
        'createdAt': timefmt.iso_us(snap['created_at']),
        'displayName': snap['display_name'],
        'displayDescription': snap['display_description'],
    }
