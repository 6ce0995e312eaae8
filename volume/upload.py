"""os-volume_upload_image, volume host side: the driver reads the
volume into a file, converted to the image's disk format when it is not
raw, and the file is uploaded into the queued image with the user's
token. The volume returns to its previous status (available or in-use)
either way; a failed upload deletes the image, as cinder does."""
import os
import tempfile

from stratus.common import log
from stratus.common import processutils
from stratus.common.conf import CONF
from stratus.db.api import volumes as db_volumes
from stratus.volume.drivers import driver as volume_driver

LOG = log.getLogger(__name__)
# glance disk_format -> qemu-img output format
_QEMU = {'vhd': 'vpc', 'vhdx': 'vhdx', 'qcow2': 'qcow2', 'vmdk': 'vmdk',
         'vdi': 'vdi', 'ploop': 'parallels'}


def image_client(ctxt):
    from stratus.common import image_client as client_module
    return client_module.ImageClient(
        CONF.glance.api_servers[0], ctxt.auth_token,
        global_request_id=ctxt.request_id)


def _temp(prefix):
    os.makedirs(CONF.image_conversion_dir, exist_ok=True)
    fd, path = tempfile.mkstemp(dir=CONF.image_conversion_dir, prefix=prefix)
    os.close(fd)
    return path


def _convert(path, disk_format):
    fmt = _QEMU.get(disk_format)
    if fmt is None:
        return path
    out = path + '.' + disk_format
    processutils.execute(['qemu-img', 'convert', '-f', 'raw', '-O', fmt,
                          path, out])
    return out


def _restore_status(volume_id):
    volume = db_volumes.get(volume_id)
    db_volumes.update(volume_id, {
        'status': volume['previous_status'] or 'available',
        'previous_status': None}, expected={'status': 'uploading'})


def copy_volume_to_image(ctxt, driver, volume_id, image_id,
                         client_factory=None):
    volume = db_volumes.get(volume_id)
    client = (client_factory or image_client)(ctxt)
    paths = [_temp('upload-%s-' % volume_id)]
    try:
        driver.copy_volume_to_image(volume_driver.driver_volume(volume),
                                    paths[0])
        image = client.get(image_id)
        paths.append(_convert(paths[0], image.get('disk_format') or 'raw'))
        with open(paths[-1], 'rb') as f:
            client.upload(image_id, f, size=os.path.getsize(paths[-1]))
        LOG.info('Volume %s uploaded to image %s', volume_id, image_id)
    except Exception as exc:
        LOG.error('Upload of volume %s to image %s failed: %s', volume_id,
                  image_id, exc)
        try:
            client.delete(image_id)
        except Exception as delete_exc:
            LOG.warning('Image %s not deleted: %s', image_id, delete_exc)
        raise
    finally:
        for path in set(paths):
            if os.path.exists(path):
                os.unlink(path)
        _restore_status(volume_id)


COPY_VOLUME_TO_IMAGE = ('006', 'copy volume to image')


def record_failure(ctxt, volume_id, exc):
    """The owner learns why the upload failed (cinder's user message)."""
    from stratus.volume import messages
    try:
        project_id = db_volumes.get(volume_id)['project_id']
    except Exception:
        return
    messages.record(ctxt, COPY_VOLUME_TO_IMAGE, volume_id, exc, project_id)
