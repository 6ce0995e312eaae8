"""Live migration of libvirt guests, nova's way: the source's libvirtd
sends the running domain to the destination's (virDomainMigrateToURI3,
peer to peer) with VIR_MIGRATE_LIVE | PEER2PEER | PERSIST_DEST |
UNDEFINE_SOURCE, and NON_SHARED_INC for a block migration (the local
disk's changes are copied over the image both hosts cache).

The destination answers its libvirt URI (qemu+tcp://<its migration
address>/system, nova's default scheme) and, before the move, creates
the guest's directory; each volume is attached anew for it, and the
domain XML sent along (VIR_MIGRATE_PARAM_DEST_XML) names the new
connections and the destination as the guest's owner. Force complete
pauses the guest so the copy converges (resumed where it lands); abort
cancels the migration job and the guest runs on where it was.

Computes on one machine share one libvirtd, which cannot migrate a
domain to itself: the path is unit-tested at its seams (the domain
calls), not end to end here."""
import os
import shutil
import socket
import threading
from xml.etree import ElementTree as ET

import libvirt

from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.compute.virt import driver
from stratus.compute.virt.libvirt import disks
from stratus.compute.virt.libvirt import guest as guest_mod
from stratus.compute.virt.libvirt import volumes
from stratus.compute.virt.libvirt import xml

LOG = log.getLogger(__name__)
BASE_FLAGS = (libvirt.VIR_MIGRATE_LIVE | libvirt.VIR_MIGRATE_PEER2PEER |
              libvirt.VIR_MIGRATE_PERSIST_DEST |
              libvirt.VIR_MIGRATE_UNDEFINE_SOURCE)


PROGRESS = ('memory_total', 'memory_processed', 'memory_remaining',
            'disk_total', 'disk_processed', 'disk_remaining')
MONITOR_INTERVAL = 0.5


def flags(block_migration):
    return BASE_FLAGS | (libvirt.VIR_MIGRATE_NON_SHARED_INC
                         if block_migration else 0)


def destination_uri(address):
    return 'qemu+tcp://%s/system' % address


def destination_xml(domain_xml, dest_host, block_devices):
    """The domain as it must be defined on the destination: owned by
    `dest_host`, its volumes at their new connections."""
    root = ET.fromstring(domain_xml)
    q = '{%s}' % xml.METADATA_NS
    for owner in root.iter(q + 'owner'):
        owner.set('host', dest_host)
    devices = root.find('devices')
    wanted = {volumes.target_dev(d['device_name']): d
              for d in block_devices}
    for index, disk in enumerate(list(devices) if devices is not None
                                 else ()):
        target = disk.find('target') if disk.tag == 'disk' else None
        if target is None or target.get('dev') not in wanted:
            continue
        device = wanted[target.get('dev')]
        new = ET.fromstring(volumes.disk(device['connection_info'],
                                         target.get('dev')).to_xml())
        devices.remove(disk)
        devices.insert(index, new)
    return ET.tostring(root, encoding='unicode')


class LiveMigrator:
    def __init__(self, drv):
        self.drv = drv
        # uuid -> {'forced': bool}: moves running on this (source) host.
        self._running = {}
        self._lock = threading.Lock()

    # --- destination ---------------------------------------------------------
    def check_destination(self, instance, block_migration):
        address = CONF.libvirt.migration_inbound_addr or socket.gethostname()
        return {'libvirt_uri': destination_uri(address),
                'instances_path': self.drv.instances_path}

    def pre(self, ctxt, instance, block_devices, migrate_data):
        """The guest's directory; for a block migration its disk too: an
        empty overlay of the cached image (and kernel, ramdisk) that
        NON_SHARED_INC fills with the source's changes, as nova's
        _create_images_and_backing. A disk already there (shared instances
        path) is left alone."""
        directory = self.drv.instance_dir(instance['uuid'])
        created = not os.path.isdir(directory)
        os.makedirs(directory, exist_ok=True)
        migrate_data['created_dir'] = created
        disk = self.drv.disk_path(instance['uuid'])
        if migrate_data.get('block_migration') is None:
            # 'auto' (2.25): a block migration unless the disk is already
            # visible here (shared instances path), as nova decides.
            migrate_data['block_migration'] = not os.path.exists(disk)
        if migrate_data.get('block_migration') and \
                instance.get('image_ref') and not os.path.exists(disk):
            facts = self.drv.image_facts(ctxt, {'id': instance['image_ref']})
            self.drv.kernel_boot(ctxt, facts['properties'])
            disks.create_overlay(self.drv.cache.path(instance['image_ref']),
                                 facts['format'], disk,
                                 self.drv.root_size(instance, facts))

    def rollback_destination(self, instance, migrate_data):
        if migrate_data.get('created_dir') and \
                self.drv.libvirt.find(instance['uuid']) is None:
            shutil.rmtree(self.drv.instance_dir(instance['uuid']),
                          ignore_errors=True)

    def post_destination(self, instance, block_devices, migrate_data):
        guest = self.drv.libvirt.get(instance['uuid'])
        if (migrate_data.get('guest') or {}).get('resume'):
            # Paused by force complete, not by its owner.
            guest.unpause()

    # --- source --------------------------------------------------------------
    def migrate(self, instance, dest, migrate_data, progress=None):
        uuid = instance['uuid']
        guest = self.drv.libvirt.get(uuid)
        block = bool(migrate_data.get('block_migration'))
        devices = [dict(v, attachment_id=v['new_attachment_id'])
                   for v in migrate_data.get('volumes', ())]
        params = {libvirt.VIR_MIGRATE_PARAM_DEST_XML: destination_xml(
            guest.xml_desc(), dest, devices)}
        with self._lock:
            self._running[uuid] = {'forced': False, 'guest': guest}
        LOG.info('Live migrating to %s (%s)', migrate_data['libvirt_uri'],
                 'block migration' if block else 'shared storage',
                 instance=instance)
        done = threading.Event()
        if progress is not None:
            threading.Thread(target=self._monitor, daemon=True,
                             args=(guest, progress, done)).start()
        try:
            guest._domain.migrateToURI3(migrate_data['libvirt_uri'], params,
                                        flags(block))
        except libvirt.libvirtError as exc:
            if exc.get_error_code() == libvirt.VIR_ERR_OPERATION_ABORTED:
                raise exception.LiveMigrationCancelled(instance_uuid=uuid)
            raise driver.DriverError(reason='live migration to %s failed: '
                                     '%s' % (dest, exc.get_error_message()
                                             or exc))
        finally:
            done.set()
            with self._lock:
                move = self._running.pop(uuid, {})
        return {'resume': move.get('forced', False)}

    @staticmethod
    def _monitor(guest, progress, done):
        """The migration job's figures while it runs, as nova's monitor
        copies them onto the migration (0 is no figure: null)."""
        while not done.wait(MONITOR_INTERVAL):
            try:
                stats = guest._domain.jobStats()
            except libvirt.libvirtError:
                continue
            progress({key: stats.get(key) or None for key in PROGRESS})

    def post_source(self, instance, migrate_data):
        """The domain left (undefined here); a copied disk's directory
        goes unless both hosts share it."""
        directory = self.drv.instance_dir(instance['uuid'])
        shared = migrate_data.get('instances_path') == \
            self.drv.instances_path
        if not shared and os.path.isdir(directory):
            shutil.rmtree(directory, ignore_errors=True)

    def force_complete(self, instance):
        with self._lock:
            move = self._running.get(instance['uuid'])
        if move is None:
            return
        move['forced'] = True
        move['guest'].pause()

    def abort(self, instance):
        with self._lock:
            move = self._running.get(instance['uuid'])
        if move is None:
            return
        with guest_mod.translated(instance['uuid'], 'aborting the job'):
            move['guest']._domain.abortJob()
