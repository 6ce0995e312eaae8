"""Block device mappings: the volumes of each server, with the device name
each has in the guest. Device names are handed out here, in the same
transaction that inserts the row, so two attaches at once never get the
same one."""
import json
import string
import uuid as uuidlib

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session

# The root disk of an image-backed server is vda; volumes follow it.
ROOT_DEVICE = '/dev/vda'
_PREFIX = '/dev/vd'
_COLUMNS = ('uuid', 'instance_uuid', 'source_type', 'destination_type',
            'boot_index', 'device_name', 'volume_id', 'attachment_id',
            'image_id', 'snapshot_id', 'volume_size', 'volume_type',
            'delete_on_termination', 'tag', 'connection_info')


def plain(row):
    values = row.to_dict()
    if values['connection_info'] is not None:
        values['connection_info'] = json.loads(values['connection_info'])
    return values


def _encode(values):
    out = {k: v for k, v in values.items() if k in _COLUMNS}
    if out.get('connection_info') is not None:
        out['connection_info'] = json.dumps(out['connection_info'])
    return out


def _not_found(instance_uuid, volume_id):
    return exception.VolumeBDMNotFound(instance_uuid=instance_uuid,
                                       volume_id=volume_id)


def device_letters(n):
    """0 -> 'a', 25 -> 'z', 26 -> 'aa' (as the kernel names disks)."""
    letters = ''
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = string.ascii_lowercase[rest] + letters
    return letters


def next_device_name(used, first=1):
    """The first /dev/vdX not in `used` (first=1: vdb, the root is vda)."""
    n = first
    while _PREFIX + device_letters(n) in used:
        n += 1
    return _PREFIX + device_letters(n)


def _used_names(s, instance_uuid):
    return set(s.scalars(sa.select(models.BlockDeviceMapping.device_name)
                         .filter_by(instance_uuid=instance_uuid)))


def _insert(s, values):
    values = dict(values)
    values.setdefault('uuid', str(uuidlib.uuid4()))
    row = models.BlockDeviceMapping(**_encode(values))
    s.add(row)
    s.flush()
    return plain(row)


def create(values):
    """One mapping as given (device name included)."""
    with session.writer() as s:
        return _insert(s, values)


def create_many(rows):
    """Mappings of new servers (the create request), in one transaction."""
    with session.writer() as s:
        return [_insert(s, values) for values in rows]


def reserve_device(instance_uuid, values, device_name=None,
                   root_is_volume=False):
    """A new mapping for `instance_uuid` with `device_name` if it is free
    (DevicePathInUse otherwise), or the next free name. The volume may be
    mapped to a server only once (VolumeAlreadyAttached)."""
    for _ in range(3):
        try:
            with session.writer() as s:
                used = _used_names(s, instance_uuid)
                if not root_is_volume:
                    used.add(ROOT_DEVICE)
                if values.get('volume_id') and s.scalars(sa.select(
                        models.BlockDeviceMapping.id).filter_by(
                        instance_uuid=instance_uuid,
                        volume_id=values['volume_id'])).first():
                    raise exception.VolumeAlreadyAttached(
                        volume_id=values['volume_id'],
                        instance_uuid=instance_uuid)
                if device_name and device_name in used:
                    raise exception.DevicePathInUse(path=device_name)
                name = device_name or next_device_name(used)
                return _insert(s, dict(values, instance_uuid=instance_uuid,
                                       device_name=name))
        except sa_exc.IntegrityError:
            # Another attach took the name (or the volume) meanwhile.
            continue
    raise exception.DevicePathInUse(path=device_name or 'the next device')


def _get_by_volume(s, instance_uuid, volume_id):
    row = s.scalars(sa.select(models.BlockDeviceMapping).filter_by(
        instance_uuid=instance_uuid, volume_id=volume_id)).first()
    if row is None:
        raise _not_found(instance_uuid, volume_id)
    return row


def get_by_volume(instance_uuid, volume_id):
    with session.reader() as s:
        return plain(_get_by_volume(s, instance_uuid, volume_id))


def _get(s, bdm_uuid):
    row = s.scalars(sa.select(models.BlockDeviceMapping).filter_by(
        uuid=bdm_uuid)).first()
    if row is None:
        raise exception.BDMNotFound(bdm_uuid=bdm_uuid)
    return row


def get(bdm_uuid):
    with session.reader() as s:
        return plain(_get(s, bdm_uuid))


def for_instance(instance_uuid):
    """The server's mappings, boot volume first, then by device name."""
    return for_instances([instance_uuid]).get(instance_uuid, [])


def for_instances(instance_uuids):
    """{instance uuid: [mappings]} in one query (server lists)."""
    found = {u: [] for u in instance_uuids}
    if not instance_uuids:
        return found
    model = models.BlockDeviceMapping
    with session.reader() as s:
        for row in s.scalars(sa.select(model).where(
                model.instance_uuid.in_(list(instance_uuids))).order_by(
                model.id)):
            found[row.instance_uuid].append(plain(row))
    for rows in found.values():
        rows.sort(key=sort_key)
    return found


def sort_key(bdm):
    boot = bdm['boot_index']
    return (boot is None or boot < 0, boot if boot is not None else 0,
            len(bdm['device_name'] or ''), bdm['device_name'] or '')


def update(bdm_uuid, values):
    with session.writer() as s:
        row = _get(s, bdm_uuid)
        for key, value in _encode(values).items():
            setattr(row, key, value)
        row.updated_at = models.utcnow()
        s.flush()
        return plain(row)


def destroy(bdm_uuid):
    """Remove a mapping; one already gone is fine (detach is retried)."""
    with session.writer() as s:
        s.execute(sa.delete(models.BlockDeviceMapping).filter_by(
            uuid=bdm_uuid))


def destroy_for_instance(instance_uuid):
    with session.writer() as s:
        s.execute(sa.delete(models.BlockDeviceMapping).filter_by(
            instance_uuid=instance_uuid))


def for_volume(volume_id):
    """Every mapping of the volume, whatever the server (nova's
    BlockDeviceMapping.get_by_volume: more than one is a multi-attach)."""
    model = models.BlockDeviceMapping
    with session.reader() as s:
        return [plain(row) for row in s.scalars(sa.select(model).where(
            model.volume_id == volume_id).order_by(model.id))]
