"""block_device_mapping_v2 of POST /servers: which disk the server boots
from and which volumes it gets, checked as nova checks them (each miss a
400 that says what is wrong).

Served: the image as the local root disk (what the CLI always sends for
--image), a boot volume (boot_index 0, destination volume) made from an
image, a snapshot or an existing volume, and more volumes (an existing
one, or a new one from an image, a snapshot or blank). Ephemeral and swap
disks (other local destinations) are refused.
"""

from stratus.common import exception
from stratus.compute import image_facts

_TRUE = ('true', '1', 'yes', 'y', 't', 'on')
_BOOT_SEQUENCE = ('Boot sequence for the instance and image/block device '
                  'mapping combination is not valid.')


def _bad(reason):
    return exception.InvalidBDM(reason=reason)


def _boot_index(entry):
    value = entry.get('boot_index')
    if value is None or value == '':
        return None
    try:
        index = int(value)
    except (TypeError, ValueError):
        raise _bad('Boot index is invalid.')
    return index if index >= 0 else None


def _size(entry):
    value = entry.get('volume_size')
    if value in (None, ''):
        return None
    try:
        size = int(value)
    except (TypeError, ValueError):
        raise _bad('Invalid volume_size.')
    if size < 0:
        raise _bad('Invalid volume_size.')
    return size


def _device_name(device):
    """nova refuses only empty names, names over 255 characters and names
    with spaces (the request schema checks the characters); 'vdb' is
    /dev/vdb, as the guest sees it."""
    if device is None:
        return None
    if not device or len(device) > 255:
        raise _bad('Device name empty or too long.')
    if ' ' in device:
        raise _bad('Device name contains spaces.')
    return device if device.startswith('/dev/') else '/dev/' + device


def _normalise(entry):
    source = entry.get('source_type')
    if source not in ('image', 'volume', 'snapshot', 'blank'):
        raise _bad('Unrecognized legacy format.' if not source else
                   'source_type %s is not valid.' % source)
    default = 'local' if source in ('image', 'blank') else 'volume'
    destination = entry.get('destination_type') or default
    device = _device_name(entry.get('device_name'))
    return {
        'source_type': source, 'destination_type': destination,
        'boot_index': _boot_index(entry), 'uuid': entry.get('uuid'),
        'device_name': device or None, 'volume_size': _size(entry),
        'volume_type': entry.get('volume_type'), 'tag': entry.get('tag'),
        'delete_on_termination': str(entry.get(
            'delete_on_termination', False)).lower() in _TRUE,
    }


def _check_source(ctxt, bdm, max_count, image_for):
    """The volume, snapshot or image the entry names, checked; returns
    the fields of its mapping row."""
    from stratus.compute import server_volumes
    source, uuid = bdm['source_type'], bdm['uuid']
    row = {k: bdm[k] for k in ('source_type', 'destination_type',
                               'boot_index', 'device_name', 'volume_size',
                               'volume_type', 'tag',
                               'delete_on_termination')}
    # nova: only an existing volume cannot serve many servers; a snapshot
    # gives each server a volume of its own.
    if source == 'volume' and max_count > 1:
        raise exception.Invalid('Cannot attach one or more volumes to '
                                'multiple instances')
    if source == 'volume':
        try:
            volume = server_volumes.volume_api().get(ctxt, uuid)
        except exception.NotFound:
            raise _bad('failed to get volume %s.' % uuid)
        server_volumes.check_available(volume)
        row.update(volume_id=volume['id'], volume=volume)
    elif source == 'snapshot':
        try:
            snapshot = server_volumes.snapshot_api().get(ctxt, uuid)
        except exception.NotFound:
            raise _bad('failed to get snapshot %s.' % uuid)
        row['snapshot_id'] = snapshot['id']
    elif source == 'image':
        if not bdm['volume_size']:
            raise _bad("Images with destination_type 'volume' need to have "
                       "a non-zero size specified")
        row['image_id'] = image_for(uuid)['id']
    elif not bdm['volume_size']:
        raise _bad("Blank volumes (source: 'blank', dest: 'volume') need "
                   "to have non-zero size")
    return row


def _volume_image(volume):
    """The image facts a boot volume carries (volume_image_metadata)."""
    meta = dict(volume.get('image_metadata') or {})
    if not meta.get('image_id'):
        return None
    standard = ('image_id', 'image_name', 'checksum', 'container_format',
                'disk_format', 'min_disk', 'min_ram', 'size')
    return image_facts.summary({
        'id': meta['image_id'], 'name': meta.get('image_name'),
        'min_ram': int(meta.get('min_ram') or 0),
        'min_disk': int(meta.get('min_disk') or 0),
        'disk_format': meta.get('disk_format'),
        'container_format': meta.get('container_format'),
        'properties': {k: v for k, v in meta.items() if k not in standard}})


def parse(ctxt, server, max_count, image_for):
    """(boot image or None, volume-backed?, mapping rows) of the request.
    `image_for(image_id)` is the server API's checked image lookup.
    Without a boot volume the image is the request's imageRef (or the
    image->local entry), as before."""
    entries = [_normalise(e) for e in
               server.get('block_device_mapping_v2') or ()]
    boots = [e for e in entries if e['boot_index'] == 0]
    if len(boots) > 1:
        raise _bad(_BOOT_SEQUENCE)
    rows = []
    for bdm in entries:
        if bdm['destination_type'] == 'local':
            if bdm['source_type'] == 'image' and bdm['boot_index'] == 0:
                continue                # the image-backed root disk
            raise _bad('local disks other than the image (ephemeral, '
                       'swap) are not supported')
        if bdm['boot_index'] not in (None, 0):
            bdm['boot_index'] = None   # no boot order among data volumes
        rows.append(_check_source(ctxt, bdm, max_count, image_for))
    boot = [r for r in rows if r['boot_index'] == 0]
    if not boot:
        return None, False, _device_names(rows, root_is_volume=False)
    root = boot[0]
    if root['source_type'] == 'blank':
        raise _bad(_BOOT_SEQUENCE)
    if root['source_type'] == 'image':
        image = image_for(root['image_id'])
    elif root['source_type'] == 'volume':
        image = _volume_image(root['volume'])
    else:
        image = None
    return image, True, _device_names(rows, root_is_volume=True)


def _device_names(rows, root_is_volume):
    """/dev/vda for the boot volume, a name given kept, the rest
    /dev/vdb... in order (the image root is vda when not a volume)."""
    from stratus.db.api import block_devices
    used = {r['device_name'] for r in rows if r['device_name']}
    for row in rows:
        if row['boot_index'] == 0:
            row['device_name'] = block_devices.ROOT_DEVICE
    if not root_is_volume:
        used.add(block_devices.ROOT_DEVICE)
    names = [r['device_name'] for r in rows if r['device_name']]
    if len(names) != len(set(names)):
        raise _bad('Device name %s is used twice.' % sorted(
            n for n in names if names.count(n) > 1)[0])
    for row in rows:
        if not row['device_name']:
            row['device_name'] = block_devices.next_device_name(used)
            used.add(row['device_name'])
        row.pop('volume', None)
    return rows
