"""Rescue and unrescue: the same domain (name, uuid, owner) redefined to
boot the rescue image from a fresh overlay (vda) with the instance's own
disk attached second (vdb); the original definition waits in
<instance dir>/unrescue.xml until unrescue puts it back."""
import os

from stratus.common import log
from stratus.compute.virt import driver
from stratus.compute.virt.libvirt import disks

LOG = log.getLogger(__name__)


def _paths(drv, uuid):
    directory = drv.instance_dir(uuid)
    return (os.path.join(directory, 'unrescue.xml'),
            os.path.join(directory, 'disk.rescue'))


def rescue(drv, instance, rescue_image):
    uuid = instance['uuid']
    guest = drv.libvirt.get(uuid)
    image_id = (rescue_image or {}).get('id') or instance['image_ref']
    # The task cached it with the request's context (cache_image).
    facts = drv.cache.get(image_id)
    if facts is None:
        raise driver.DriverError(reason='rescue image %s is not in the '
                                        'image cache' % image_id)
    kernel_boot = drv.kernel_boot(None, facts['properties'])
    unrescue_xml, rescue_disk = _paths(drv, uuid)
    # A retried rescue keeps the first saved definition: the real one.
    if not os.path.exists(unrescue_xml):
        original = guest.xml_desc(inactive=True)
        with open(unrescue_xml + '.tmp', 'w') as f:
            f.write(original)
        os.replace(unrescue_xml + '.tmp', unrescue_xml)
    guest.remove_managed_save()
    guest.destroy()
    disks.remove_quietly(rescue_disk)
    disks.create_overlay(drv.cache.path(image_id), facts['format'],
                         rescue_disk)
    rescued = drv.define(instance, [
        drv.root_disk(rescue_disk, 'vda'),
        drv.root_disk(drv.disk_path(uuid), 'vdb')], kernel_boot)
    rescued.launch()
    LOG.info('Rescue guest started from image %s', image_id,
             instance=instance)


def unrescue(drv, instance):
    uuid = instance['uuid']
    guest = drv.libvirt.get(uuid)
    unrescue_xml, rescue_disk = _paths(drv, uuid)
    guest.destroy()
    if os.path.exists(unrescue_xml):
        with open(unrescue_xml) as f:
            guest = drv.libvirt.define(f.read(), uuid)
    guest.launch()
    disks.remove_quietly(unrescue_xml)
    disks.remove_quietly(rescue_disk)
    LOG.info('Original guest started again', instance=instance)
