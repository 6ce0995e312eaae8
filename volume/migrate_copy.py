"""A migration's copy to a destination served by another stratus-volume
host: the destination exports its new volume to this host like to any
consumer (initialize_connection over the volume RPC API) and the bytes
are written through that connection (qemu-img: a block device when the
destination shares this machine, the NBD export its target answers
otherwise); the export goes again afterwards. cinder's generic migration
attaches both volumes to the source host through os-brick the same way."""
import os
import socket
import tempfile

from stratus.common import exception
from stratus.common import log
from stratus.common import processutils
from stratus.common.conf import CONF
from stratus.volume.drivers import driver as volume_driver
from stratus.volume import host_names

LOG = log.getLogger(__name__)


def connector(manager):
    """This host as a consumer of the destination's volume."""
    configuration = getattr(manager.driver, 'configuration', None)
    return {'host': host_names.extract(manager.host, 'host'),
            'hostname': socket.gethostname(),
            'ip': getattr(configuration, 'target_ip_address', None),
            'initiator': None, 'platform': os.uname().machine,
            'os_type': 'linux', 'multipath': False}


def target_of(connection_info):
    """Where qemu-img writes the destination's bytes."""
    kind = connection_info.get('driver_volume_type')
    data = connection_info.get('data') or {}
    if kind == 'local' and data.get('device_path'):
        return data['device_path']
    if kind == 'nbd' and data.get('uri'):
        return data['uri']
    raise exception.VolumeMigrationFailed(
        reason='cannot write to a %r connection of the destination' % kind)


def _write(source, target):
    processutils.execute(['qemu-img', 'convert', '-n', '-f', 'raw',
                          '-O', 'raw', source, target])


def copy_to_remote(manager, ctxt, volume, new_volume):
    """Every byte of `volume` (this backend's) into `new_volume` (another
    host's), through the destination's connection to this host."""
    consumer = connector(manager)
    info = manager.volume_rpc.initialize_connection(ctxt, new_volume,
                                                    consumer)
    try:
        target = target_of(info)
        try:
            source = manager.driver.local_path(
                volume_driver.driver_volume(volume))
        except NotImplementedError:
            source = None
        if source and os.path.exists(source):
            _write(source, target)
        else:
            # A backend without a block device here hands its bytes over
            # as a file.
            os.makedirs(CONF.image_conversion_dir, exist_ok=True)
            fd, path = tempfile.mkstemp(dir=CONF.image_conversion_dir,
                                        prefix='migrate-%s-' % volume['id'])
            os.close(fd)
            try:
                manager.driver.copy_volume_to_image(
                    volume_driver.driver_volume(volume), path)
                _write(path, target)
            finally:
                os.unlink(path)
        LOG.info('Volume %s copied to %s on %s', volume['id'],
                 new_volume['id'], new_volume['host'])
    finally:
        try:
            manager.volume_rpc.terminate_connection(ctxt, new_volume,
                                                    consumer)
        except Exception as exc:
            LOG.warning('Export of %s to this host stays: %s',
                        new_volume['id'], exc)
