"""ExtractVolumeRequestTask: turn a create request into a checked volume
spec (size, zone, type, source), with cinder's messages for what is
wrong."""
import time

from stratus.common import exception
from stratus.common import flow_engine
from stratus.common.conf import CONF
from stratus.db.api import default_types
from stratus.db.api import image_members
from stratus.db.api import images as db_images
from stratus.db.api import services as db_services
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.volume import encryption_keys
from stratus.volume import host_names
from stratus.volume import size_limits
from stratus.volume import states

GiB = 1024 ** 3


def visible_image(ctxt, image_id):
    try:
        image = db_images.get(image_id)
    except exception.ImageNotFound:
        raise exception.Invalid(reason='Invalid image identifier or unable '
                                'to access requested image.')
    owner = ctxt['is_admin'] or image['owner'] == ctxt['project_id']
    if owner or image['visibility'] in ('public', 'community') or (
            image['visibility'] == 'shared' and image_members.member_get(
                image_id, ctxt['project_id']) is not None):
        return image
    raise exception.Invalid(reason='Invalid image identifier or unable to '
                            'access requested image.')


def check_image(image, size):
    if image['status'] != 'active':
        raise exception.Invalid(reason='Image %s is not active.'
                                % image['id'])
    if image.get('size') and image['size'] > size * GiB:
        raise exception.Invalid(
            reason='Size of specified image %sGB is larger than volume size '
                   '%sGB.' % (-(-image['size'] // GiB), size))
    if (image.get('min_disk') or 0) > size:
        raise exception.Invalid(
            reason='Volume size %sGB cannot be smaller than the image '
                   'minDisk size %sGB.' % (size, image['min_disk']))


def _size(size, snapshot, source):
    if size is None and source is not None:
        size = source['size']
    elif size is None and snapshot is not None:
        size = snapshot['volume_size']
    try:
        size = int(size)
    except (TypeError, ValueError):
        raise exception.Invalid(reason="Volume size '%s' must be an integer "
                                "and greater than 0" % size)
    if size <= 0:
        raise exception.Invalid(reason="Volume size '%s' must be an integer "
                                "and greater than 0" % size)
    if source is not None and size < source['size']:
        raise exception.Invalid(
            reason="Volume size '%s'GB cannot be smaller than original "
                   "volume size  %sGB. They must be >= original volume "
                   "size." % (size, source['size']))
    if snapshot is not None and size < snapshot['volume_size']:
        raise exception.Invalid(
            reason="Volume size '%s'GB cannot be smaller than the snapshot "
                   "size %sGB. They must be >= original snapshot size."
                   % (size, snapshot['volume_size']))
    return size


# Zones change when a volume service is added: a short cache spares a
# query per create (cinder caches them for az_cache_duration).
_ZONES = {'expires': 0.0, 'zones': frozenset()}
ZONE_CACHE_SECONDS = 10


def known_zones(refresh=False):
    now = time.monotonic()
    if refresh or now >= _ZONES['expires']:
        zones = {s['availability_zone'] or CONF.storage_availability_zone
                 for s in db_services.service_list(binary='stratus-volume')}
        _ZONES.update(expires=now + ZONE_CACHE_SECONDS,
                      zones=frozenset(zones or
                                      {CONF.storage_availability_zone}))
    return _ZONES['zones']


def _zone(requested, snapshot_volume, source):
    for origin, what in ((snapshot_volume, 'snapshot'),
                         (source, 'source volume')):
        if origin is None:
            continue
        if requested and requested != origin['availability_zone']:
            raise exception.Invalid(
                reason='Volume must be in the same availability zone as the '
                       '%s' % what)
        requested = requested or origin['availability_zone']
    zone = requested or CONF.storage_availability_zone
    if zone not in known_zones() and zone not in known_zones(refresh=True):
        raise exception.InvalidAvailabilityZone(az=zone)
    return zone


def _type(ctxt, requested, origin):
    project = None if ctxt['is_admin'] else ctxt['project_id']
    if requested:
        return volume_types.type_get_by_name_or_id(requested, project)
    if origin is not None and origin.get('volume_type_id'):
        try:
            return volume_types.type_get(origin['volume_type_id'])
        except exception.VolumeTypeNotFound:
            pass
    return default_types.effective_default(ctxt['project_id'])


def _sources(ctxt, request):
    """(snapshot, its volume, source volume) of the request, checked."""
    snapshot = snap_volume = source = None
    project = None if ctxt['is_admin'] else ctxt['project_id']
    if request.get('snapshot_id'):
        snapshot = db_snapshots.get(request['snapshot_id'])
        if project and snapshot['project_id'] != project:
            raise exception.SnapshotNotFound(snapshot_id=snapshot['id'])
        if snapshot['status'] != states.SNAP_AVAILABLE:
            raise exception.InvalidSnapshot(
                reason="Originating snapshot status must be one of "
                       "'available' values")
        snap_volume = db_volumes.get(snapshot['volume_id'])
    if request.get('source_volid'):
        source = db_volumes.get(request['source_volid'])
        if project and source['project_id'] != project:
            raise exception.VolumeNotFound(volume_id=source['id'])
        if source['status'] not in states.SOURCE_FROM:
            raise exception.InvalidVolume(
                reason='Unable to create a volume from an originating source '
                       'volume when its status is not one of available, '
                       'in-use values')
    return snapshot, snap_volume, source


def _type_spec(volume_type):
    return {'id': volume_type['id'], 'name': volume_type['name'],
            'extra_specs': dict(volume_type['extra_specs'])}


class ExtractVolumeRequestTask(flow_engine.StratusTask):
    """Validate size, type, zone and source; the result is the volume spec
    every later task reads. Revert: nothing (it changed nothing)."""
    default_provides = 'volume_spec'

    def execute(self, ctxt, request):
        snapshot, snap_volume, source = _sources(ctxt, request)
        size = _size(request.get('size'), snapshot, source)
        image = None
        if request.get('image_id'):
            image = visible_image(ctxt, request['image_id'])
            check_image(image, size)
        volume_type = _type(ctxt, request.get('volume_type'),
                            source or snap_volume)
        # cinder's provision filter on size: the requested type's limits
        # (the default type's when none is named).
        size_limits.check(volume_type['id'] if request.get('volume_type')
                          else None, size, ctxt['project_id'])
        group = None
        if request.get('group_id'):
            from stratus.volume import group_member
            group = group_member.check(ctxt, request, volume_type)
        origin = source or snap_volume
        multiattach = bool(request.get('multiattach')) or (
            volume_type['extra_specs'].get('multiattach') == '<is> True')
        zone = _zone(request.get('availability_zone'), snap_volume, source)
        # After the zone, as cinder asks its key manager.
        encryption_keys.create_key(volume_type)
        return {
            'size': size,
            'availability_zone': zone,
            'volume_type': _type_spec(volume_type),
            'snapshot_id': snapshot['id'] if snapshot else None,
            'source_volid': source['id'] if source else None,
            'image_id': image['id'] if image else None,
            'image_metadata': image_metadata(image) if image else (
                dict(origin['image_metadata']) if origin else {}),
            'bootable': bool(image) or bool(origin and origin['bootable']),
            'resource_backend': host_names.extract(origin['host'], 'backend')
            if origin else (host_names.extract(group['host'], 'backend')
                            if group and group['host'] else None),
            'group_id': group['id'] if group else None,
            'multiattach': multiattach,
            'name': request.get('name'),
            'description': request.get('description'),
            'metadata': request.get('metadata') or {},
            'scheduler_hints': request.get('scheduler_hints') or {},
        }

    def revert(self, result, **kwargs):
        pass


def image_metadata(image):
    """What cinder keeps of an image on the volume (volume_image_metadata)."""
    meta = {'image_id': image['id'], 'image_name': image.get('name') or '',
            'checksum': image.get('checksum') or '',
            'container_format': image.get('container_format') or '',
            'disk_format': image.get('disk_format') or '',
            'min_disk': str(image.get('min_disk') or 0),
            'min_ram': str(image.get('min_ram') or 0),
            'size': str(image.get('size') or 0)}
    meta.update({k: str(v) for k, v in (image.get('properties') or {})
                 .items()})
    return meta
