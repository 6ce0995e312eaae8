"""Cold migration and resize of libvirt guests: the disk moves, the
domain is defined again on the destination.

The destination tells the source where to put the disk (target(): its
instances path, address and machine id; the flows carry it in the
migration as 'dest_target'). The source stops the guest, moves its
directory aside to <uuid>_resize (with the domain XML, for a revert),
copies the disk overlay and the cached images under it (image, kernel,
ramdisk: the destination needs no token to download them) and undefines
its domain. Computes on one machine copy locally; another machine gets
them by rsync over ssh (written, untested here: these machines have no
second host). The destination adopts the images into its cache, rebases
the overlay onto them, grows it for a resize, defines and starts the
guest. Confirm removes <uuid>_resize; revert renames it back and defines
the saved domain again.

A guest booted from a volume has no local root disk (nova's libvirt
driver likewise copies nothing for it): only the kernel and ramdisk it
boots move; the destination defines the domain over the root volume as
connected there (boot index 0, vda), and the flavor's root_gb is ignored
(nova never resizes the volume).
"""
import os
import shutil
import socket
from xml.etree import ElementTree as ET

from stratus.common import log
from stratus.common.conf import CONF
from stratus.compute.virt import driver
from stratus.compute.virt.libvirt import disks
from stratus.compute.virt.libvirt import volumes
from stratus.compute.virt.libvirt import xml

LOG = log.getLogger(__name__)
SSH_OPTIONS = ('-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=accept-new')


def machine_id():
    for path in ('/etc/machine-id', '/var/lib/dbus/machine-id'):
        try:
            with open(path) as f:
                value = f.read().strip()
            if value:
                return value
        except OSError:
            continue
    return socket.gethostname()


def kernel_boot_of(domain_xml):
    """{'kernel_id', 'ramdisk_id', 'cmdline'} of a directly booted domain
    (its kernel and initrd are files of the image cache), else None."""
    os_ = ET.fromstring(domain_xml).find('os')
    kernel = os_.findtext('kernel') if os_ is not None else None
    if not kernel:
        return None
    initrd = os_.findtext('initrd')
    return {'kernel_id': os.path.basename(kernel),
            'ramdisk_id': os.path.basename(initrd) if initrd else None,
            'cmdline': os_.findtext('cmdline')}


class Mover:
    def __init__(self, drv):
        self.drv = drv

    def target(self):
        return {'host': self.drv.host,
                'instances_path': self.drv.instances_path,
                'address': CONF.libvirt.migration_inbound_addr or
                socket.gethostname(),
                'machine_id': machine_id()}

    def _resize_dir(self, uuid):
        return self.drv.instance_dir(uuid) + '_resize'

    # --- source --------------------------------------------------------------
    def migrate_disk_and_power_off(self, instance, dest_host, flavor,
                                   dest_target):
        if not dest_target:
            raise driver.DriverError(reason='destination %s sent no disk '
                                            'target' % dest_host)
        uuid = instance['uuid']
        guest = self.drv.libvirt.get(uuid)
        disk = self.drv.disk_path(uuid)
        # No local disk: the root is a volume, which stays where it is.
        local_root = os.path.exists(disk)
        if local_root:
            self._check_size(disk, flavor)
        domain_xml = guest.xml_desc(inactive=True)
        bases = self._bases(disk if local_root else None, domain_xml)
        was_running = guest.is_active()
        guest.remove_managed_save()
        guest.power_off(CONF.shutdown_timeout)
        directory, resize_dir = self.drv.instance_dir(uuid), \
            self._resize_dir(uuid)
        try:
            os.rename(directory, resize_dir)
            with open(os.path.join(resize_dir, 'domain.xml'), 'w') as f:
                f.write(domain_xml)
            shipped = self._ship(uuid, resize_dir, bases, dest_target,
                                 local_root)
        except Exception:
            LOG.exception('Moving the disk to %s failed; the guest stays',
                          dest_host, instance=instance)
            self.finish_revert_migration(instance, power_on=was_running)
            raise
        guest.undefine()
        LOG.info('Disk moved to %s:%s', dest_host,
                 dest_target['instances_path'], instance=instance)
        return {'source_host': self.drv.host, 'bases': shipped,
                'root_image_id': bases[0][0] if local_root else None,
                'kernel_boot': kernel_boot_of(domain_xml)}

    @staticmethod
    def _check_size(disk, flavor):
        current = disks.info(disk, 'qcow2')['virtual-size']
        wanted = (flavor.get('root_gb') or 0) * disks.GiB
        if wanted and wanted < current:
            raise driver.DriverError(
                reason='cannot resize a root disk down (%d GiB < %d bytes)'
                       % (flavor['root_gb'], current))

    def _bases(self, disk, domain_xml):
        """[(image id, cache path, facts)]: the disk's backing image
        first (none without a local `disk`), then the kernel and ramdisk
        it boots."""
        ids = []
        if disk:
            ids.append(os.path.basename(disks.backing_file(disk) or ''))
        boot = kernel_boot_of(domain_xml) or {}
        ids += [boot.get('kernel_id'), boot.get('ramdisk_id')]
        found = []
        for image_id in filter(None, ids):
            facts = self.drv.cache.get(image_id)
            if facts is None:
                raise driver.DriverError(reason='image %s under the disk is '
                                                'not in the cache' % image_id)
            found.append((image_id, self.drv.cache.path(image_id), facts))
        return found

    def _ship(self, uuid, resize_dir, bases, target, local_root=True):
        dest_dir = os.path.join(target['instances_path'], uuid)
        disk = os.path.join(resize_dir, 'disk')
        if target.get('machine_id') == machine_id():
            os.makedirs(dest_dir, mode=0o755, exist_ok=True)
            if local_root:
                disks.copy_sparse(disk, os.path.join(dest_dir, 'disk'))
            return [{'facts': facts, 'path': path}
                    for _, path, facts in bases]
        remote = '%s@%s' % (CONF.libvirt.migration_ssh_user,
                            target['address'])
        ship_dir = os.path.join(dest_dir, '_ship')
        disks.execute('ssh', *SSH_OPTIONS, remote, 'mkdir', '-p', ship_dir)
        rsh = 'ssh ' + ' '.join(SSH_OPTIONS)
        if local_root:
            disks.execute('rsync', '-S', '-e', rsh, disk,
                          '%s:%s/disk' % (remote, dest_dir))
        shipped = []
        for image_id, path, facts in bases:
            dest = os.path.join(ship_dir, image_id)
            disks.execute('rsync', '-S', '-e', rsh, path,
                          '%s:%s' % (remote, dest))
            shipped.append({'facts': facts, 'path': dest})
        return shipped

    def confirm_migration(self, instance):
        shutil.rmtree(self._resize_dir(instance['uuid']), ignore_errors=True)

    def finish_revert_migration(self, instance, *, power_on,
                                block_devices=()):
        uuid = instance['uuid']
        directory, resize_dir = self.drv.instance_dir(uuid), \
            self._resize_dir(uuid)
        if os.path.isdir(resize_dir):
            shutil.rmtree(directory, ignore_errors=True)
            os.rename(resize_dir, directory)
        saved = os.path.join(directory, 'domain.xml')
        if os.path.exists(saved):
            owner = self.drv.libvirt.owner_of(uuid)
            if owner not in (None, self.drv.host):
                raise driver.DriverError(
                    reason='guest %s is still defined by host %s'
                           % (uuid, owner))
            with open(saved) as f:
                guest = self.drv.libvirt.define(
                    _with_volumes(f.read(), block_devices), uuid)
            os.unlink(saved)
        else:
            guest = self.drv.libvirt.get(uuid)
        if power_on:
            guest.launch()

    # --- destination ---------------------------------------------------------
    def finish_migration(self, instance, disk_info, *, resize_disk,
                         power_on, block_devices=()):
        uuid = instance['uuid']
        disk = self.drv.disk_path(uuid)
        root_volume = any(d['boot_index'] == 0 for d in block_devices)
        if root_volume:
            os.makedirs(self.drv.instance_dir(uuid), mode=0o755,
                        exist_ok=True)
        elif not os.path.exists(disk):
            raise driver.DriverError(reason='the disk of %s did not arrive '
                                            'in %s' % (uuid, disk))
        for base in disk_info['bases']:
            self.drv.cache.adopt(base['facts'], base['path'])
        shutil.rmtree(os.path.join(self.drv.instance_dir(uuid), '_ship'),
                      ignore_errors=True)
        if not root_volume:
            self._rebase_and_grow(instance, disk, disk_info, resize_disk)
        boot = disk_info.get('kernel_boot')
        kernel_boot = None
        if boot:
            kernel_boot = xml.KernelBoot(
                kernel=self.drv.cache.path(boot['kernel_id']),
                initrd=self.drv.cache.path(boot['ramdisk_id'])
                if boot.get('ramdisk_id') else None,
                cmdline=boot.get('cmdline'))
        # The volumes, connected to this host, follow the shipped disk (or
        # the root volume is vda itself).
        disk_list = [] if root_volume else [self.drv.root_disk(disk)]
        disk_list += [
            volumes.disk(d['connection_info'],
                         volumes.target_dev(d['device_name']))
            for d in sorted(block_devices, key=lambda d: d['device_name'])]
        guest = self.drv.define(instance, disk_list, kernel_boot)
        if power_on:
            guest.launch()
        LOG.info('Guest %s arrived from %s%s', guest.name,
                 disk_info.get('source_host'),
                 ' (root disk: a volume)' if root_volume else '',
                 instance=instance)

    def _rebase_and_grow(self, instance, disk, disk_info, resize_disk):
        root = disk_info['root_image_id']
        disks.rebase_unsafe(disk, self.drv.cache.path(root),
                            self.drv.cache.get(root)['format'])
        root_gb = instance['flavor'].get('root_gb') or 0
        if resize_disk and root_gb:
            disks.grow(disk, root_gb * disks.GiB)


def _with_volumes(domain_xml, block_devices):
    """The saved domain with each volume's disk as it is connected now:
    the guest's volumes were disconnected from this host while it was
    away, and their block devices may have other paths."""
    if not block_devices:
        return domain_xml
    root = ET.fromstring(domain_xml)
    devices = root.find('devices')
    fresh = {}
    for device in block_devices:
        target = volumes.target_dev(device['device_name'])
        fresh[target] = volumes.disk(device['connection_info'],
                                     target).element()
    for index, disk in enumerate(list(devices)):
        target = disk.find('target') if disk.tag == 'disk' else None
        if target is not None and target.get('dev') in fresh:
            devices.remove(disk)
            devices.insert(index, fresh.pop(target.get('dev')))
    for element in fresh.values():
        devices.append(element)
    return ET.tostring(root, encoding='unicode')

