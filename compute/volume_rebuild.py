"""The API side of rebuilding a volume-backed server, nova's rules: the
image in its root volume (the volume's image metadata) may be rebuilt
from at any microversion; another image only from 2.93 on, which re-images
the root volume through the block storage (os-reimage) on the compute.
Every volume of the server must be in-use, the new image's min_disk
must fit the root volume, and every compute must speak the compute RPC
version that re-images (nova's RPC version check)."""
from stratus.common import exception
from stratus.common import log
from stratus.compute import server_volumes
from stratus.compute import states

LOG = log.getLogger(__name__)
GiB = 1024 ** 3


def _check_state(compute, ctxt, instance):
    """Lock and state first, as nova's decorators check them before any
    image check (the state change itself comes later)."""
    compute._check_lock(ctxt, instance)
    for attr, allowed in (('vm_state', states.ALLOWED['rebuild']),
                          ('task_state', (None,))):
        if instance[attr] not in allowed:
            raise exception.InstanceInvalidState(
                action='rebuild', instance_uuid=instance['uuid'], attr=attr,
                state=instance[attr])


def check(compute, ctxt, instance, image, reimage_boot_volume):
    """For a volume-backed `instance`: True when its root volume is to be
    re-imaged; raises nova's 400s. False for an image-backed server."""
    if not server_volumes.root_is_volume(instance):
        return False
    _check_state(compute, ctxt, instance)
    bdms = server_volumes.ServerVolumesAPI(compute).list(ctxt,
                                                         instance['uuid'])
    root = next((b for b in bdms if b['boot_index'] == 0), None)
    if root is None:
        raise exception.StratusException(
            'Unable to find root block device mapping for volume-backed '
            'instance.')
    volume = server_volumes.volume_api().get(ctxt, root['volume_id'])
    current = (volume.get('image_metadata') or {}).get('image_id')
    if current != image['id'] and not reimage_boot_volume:
        raise exception.ImageUnacceptable(
            image_id=image['id'], reason='Unable to rebuild with a '
            'different image for a volume-backed server.')
    min_disk = int(image.get('min_disk') or 0) * GiB
    size = int(volume['size']) * GiB
    if min_disk > size:
        raise exception.Invalid(
            'Volume is smaller than the minimum size specified in image '
            'metadata. Volume size is %i bytes, minimum size is %i bytes.'
            % (size, min_disk))
    for bdm in bdms:
        attached = volume if bdm is root else \
            server_volumes.volume_api().get(ctxt, bdm['volume_id'])
        if attached['status'] != 'in-use':
            raise exception.InvalidVolume(
                reason="volume '%s' status must be 'in-use'. Currently in "
                       "'%s' status" % (attached['id'], attached['status']))
    return bool(reimage_boot_volume)


# The compute RPC version that re-images a root volume
# (rebuild_instance's reimage_boot_volume; nova's compute RPC 6.1).
REIMAGE_VERSION = '1.5'


def _version(text):
    return tuple(int(part) for part in text.split('.'))


def compute_version_cap():
    """The highest compute RPC version the computes all speak: the
    [upgrade_levels] pin, else the oldest version a compute reported (as
    nova's automatic pin; a compute that reported none, or none at all,
    leaves it open, as nova's version 0 does); None when open."""
    from stratus.common.conf import CONF
    from stratus.db.api import services
    if CONF.upgrade_levels.compute:
        return CONF.upgrade_levels.compute
    versions = [row['version'] for row in
                services.service_list(binary='stratus-compute')
                if row.get('version') and not row['forced_down']]
    return min(versions, key=_version) if versions else None


def check_compute_version():
    """nova's compute RPC client refuses reimage_boot_volume (sent by
    every rebuild from 2.93, image-backed too) below its version; here
    before anything changed (nova's conductor raises it when it casts;
    the cast here is the API's)."""
    cap = compute_version_cap()
    if cap and _version(cap) < _version(REIMAGE_VERSION):
        exc = exception.ComputeRPCTooOld(parameter='reimage_boot_volume')
        # The user sees an unexpected 500 (as nova's); the log says why.
        LOG.error('%s (compute RPC version cap %s, re-imaging needs %s)',
                  exc.message, cap, REIMAGE_VERSION)
        raise exc


def reimage(ctxt, volume_id, image_id):
    """The conductor's part of a 2.93 rebuild: os-reimage of the server's
    root volume (reserved: the compute has handed its attachment over).
    The block storage sends the volume-reimaged event when it has written
    the image; the compute waits for that (as nova's does), not this."""
    from stratus.volume import reimage_api
    api = server_volumes.volume_api()
    volume = api.get(ctxt, volume_id)
    reimage_api.reimage(api.volume_rpc, ctxt, volume, image_id,
                        reserved=True)
