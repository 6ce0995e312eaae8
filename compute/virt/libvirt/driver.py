"""The libvirt driver: stratus instances as QEMU/KVM guests.

Glue only: host.py holds the connection, guest.py the domain calls,
xml.py the domain XML, disks.py the image cache and qcow2 overlays,
migration.py the disk moves, volumes.py the volumes' disks (attach,
detach, boot from a volume). Each instance lives in
<instances_path>/<uuid>/ (disk, console.log, and unrescue.xml while
rescued); its domain records the owning stratus host in <metadata>, so
computes sharing one libvirtd see only their own guests.
"""
import os
import shutil
import socket

from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.compute import states
from stratus.compute.virt import driver
from stratus.compute.virt.libvirt import console
from stratus.compute.virt.libvirt import disks
from stratus.compute.virt.libvirt import guest_admin
from stratus.compute.virt.libvirt import host as host_mod
from stratus.compute.virt.libvirt import migration
from stratus.compute.virt.libvirt import volumes
from stratus.compute.virt.libvirt import xml

LOG = log.getLogger(__name__)


def _image_client(ctxt):
    from stratus.compute.tasks import image
    return image.client_for(ctxt)


def _o_direct_works(directory):
    path = os.path.join(directory, '.o_direct_check')
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_DIRECT, 0o600)
        os.close(fd)
        return True
    except OSError:
        return False
    finally:
        disks.remove_quietly(path)


class LibvirtDriver(driver.ComputeDriver):
    capabilities = dict(driver.ComputeDriver.capabilities,
                        supports_extend_volume=True)

    def __init__(self, client_factory=_image_client):
        self.host = None
        self.instances_path = None
        self.cache = None
        self.libvirt = None
        self.client_factory = client_factory
        self.disk_cache_mode = None
        self.mover = None

    # --- paths and pieces ----------------------------------------------------
    def instance_dir(self, uuid):
        return os.path.join(self.instances_path, uuid)

    def disk_path(self, uuid):
        return os.path.join(self.instance_dir(uuid), 'disk')

    def _guest(self, instance):
        return self.libvirt.get(instance['uuid'])

    @staticmethod
    def domain_name(instance):
        return CONF.libvirt.instance_name_template % instance['id']

    def _cpu(self):
        mode = CONF.libvirt.cpu_mode or (
            'host-model' if CONF.libvirt.virt_type == 'kvm' else 'none')
        return None if mode == 'none' else xml.Cpu(mode,
                                                   CONF.libvirt.cpu_model)

    def root_disk(self, path, target='vda'):
        return xml.Disk(source=path, target=target, driver_type='qcow2',
                        cache=self.disk_cache_mode)

    def domain(self, instance, disk_list, kernel_boot):
        flavor = instance['flavor']
        virt_type = CONF.libvirt.virt_type
        return xml.Domain(
            name=self.domain_name(instance), uuid=instance['uuid'],
            memory_mib=flavor['memory_mb'], vcpus=flavor['vcpus'],
            virt_type=virt_type, machine=CONF.libvirt.machine_type,
            arch=os.uname().machine,
            owner=xml.Owner(host=self.host,
                            instance_name=instance.get('display_name') or '',
                            flavor_name=flavor.get('name') or '',
                            project_id=instance.get('project_id') or '',
                            user_id=instance.get('user_id') or ''),
            kernel_boot=kernel_boot, cpu=self._cpu(),
            tb_cache_mib=CONF.libvirt.tb_cache_mb or None,
            disks=disk_list,
            console=xml.SerialConsole(os.path.join(
                self.instance_dir(instance['uuid']), 'console.log')),
            mem_stats_period=CONF.libvirt.mem_stats_period_seconds,
            guest_agent=guest_admin.agent_enabled(instance))

    def define(self, instance, disk_list, kernel_boot):
        """Define the instance's domain here; never over another host's."""
        owner = self.libvirt.owner_of(instance['uuid'])
        if owner not in (None, self.host):
            raise driver.DriverError(
                reason='libvirt already has guest %s of host %s'
                       % (instance['uuid'], owner))
        return self.libvirt.define(
            self.domain(instance, disk_list, kernel_boot).to_xml(),
            instance['uuid'])

    def image_facts(self, ctxt, image):
        """The cached image's facts, its boot properties overridden by the
        image record's (they may have changed since the download)."""
        facts = self.cache.fetch(ctxt, image['id'])
        props = dict(facts['properties'])
        props.update({k: v for k, v in (image.get('properties') or
                                        {}).items()
                      if k in disks.PROPERTIES and v})
        return dict(facts, properties=props)

    def kernel_boot(self, ctxt, props):
        """Direct kernel boot for images naming kernel_id (and
        ramdisk_id), as nova does; None boots the disk."""
        if not props.get('kernel_id'):
            return None
        self.cache.fetch(ctxt, props['kernel_id'])
        initrd = None
        if props.get('ramdisk_id'):
            self.cache.fetch(ctxt, props['ramdisk_id'])
            initrd = self.cache.path(props['ramdisk_id'])
        return xml.KernelBoot(
            kernel=self.cache.path(props['kernel_id']), initrd=initrd,
            cmdline=props.get('os_command_line') or
            CONF.libvirt.default_kernel_cmdline)

    @staticmethod
    def root_size(instance, facts):
        """Bytes of the root disk: the flavor's, or the image's when the
        flavor says 0; never smaller than the image."""
        root_gb = instance['flavor'].get('root_gb') or 0
        if not root_gb:
            return None
        size = root_gb * disks.GiB
        if size < facts['virtual_size']:
            raise driver.DriverError(
                reason='flavor disk (%d GiB) is smaller than image %s '
                       '(%d bytes)' % (root_gb, facts['id'],
                                       facts['virtual_size']))
        return size

    # --- the node ------------------------------------------------------------
    def init_host(self, host):
        self.host = host
        self.instances_path = CONF.libvirt.instances_path
        os.makedirs(self.instances_path, mode=0o755, exist_ok=True)
        self.cache = disks.ImageCache(
            os.path.join(self.instances_path,
                         CONF.libvirt.image_cache_subdirectory_name),
            self.client_factory)
        self.libvirt = host_mod.Host(CONF.libvirt.connection_uri, host)
        self.libvirt.connection()       # fail at start, not on a request
        self.disk_cache_mode = CONF.libvirt.disk_cache_mode
        if self.disk_cache_mode == 'none' and \
                not _o_direct_works(self.instances_path):
            LOG.warning('%s has no O_DIRECT: disk cache mode writeback',
                        self.instances_path)
            self.disk_cache_mode = 'writeback'
        self.mover = migration.Mover(self)
        LOG.info('libvirt driver on %s (%s, virt_type %s), instances in %s',
                 host, CONF.libvirt.connection_uri, CONF.libvirt.virt_type,
                 self.instances_path)

    def list_instance_uuids(self):
        return [g.uuid for g in self.libvirt.guests()]

    def get_available_resource(self):
        cpus, memory_mb = self.libvirt.node_info()
        fs = os.statvfs(self.instances_path)
        total_gb = fs.f_blocks * fs.f_frsize // disks.GiB
        free_gb = fs.f_bavail * fs.f_frsize // disks.GiB
        guests = self.libvirt.guests()
        return driver.NodeResources(
            hypervisor_hostname=self.host, hypervisor_type='QEMU',
            hypervisor_version=self.libvirt.version(), vcpus=cpus,
            memory_mb=memory_mb, local_gb=total_gb,
            vcpus_used=sum(g.vcpus() for g in guests),
            memory_mb_used=_host_memory_used_mb(memory_mb),
            local_gb_used=total_gb - free_gb,
            running_vms=sum(1 for g in guests if g.is_active()),
            host_ip=self.host_ip(), cpu_info=self.libvirt.cpu_info())

    def host_ip(self):
        address = CONF.libvirt.migration_inbound_addr or socket.gethostname()
        try:
            return socket.gethostbyname(address)
        except OSError:
            return '127.0.0.1'

    def get_power_state(self, instance):
        return self._guest(instance).power_state()

    def cache_image(self, ctxt, image_id):
        facts = self.cache.fetch(ctxt, image_id)
        self.kernel_boot(ctxt, facts['properties'])
        return True

    # --- lifecycle -----------------------------------------------------------
    def spawn(self, ctxt, instance, image, *, power_on=True,
              block_devices=None):
        uuid = instance['uuid']
        block_devices = sorted(block_devices or (),
                               key=lambda d: d['device_name'])
        root = [d for d in block_devices if d['boot_index'] == 0]
        if not root and not (image or {}).get('id'):
            raise driver.DriverError(reason='nothing to boot: no image and '
                                            'no boot volume')
        # A retried build starts afresh.
        self.destroy(instance, destroy_disks=False)
        os.makedirs(self.instance_dir(uuid), mode=0o755, exist_ok=True)
        if root:
            # Booted from a volume: no local disk; the image (if any) only
            # lends its boot properties.
            kernel_boot = self.kernel_boot(
                ctxt, (image or {}).get('properties') or {})
            disk_list = []
            source = 'volume %s' % root[0]['volume_id']
        else:
            facts = self.image_facts(ctxt, image)
            kernel_boot = self.kernel_boot(ctxt, facts['properties'])
            disk = self.disk_path(uuid)
            disks.remove_quietly(disk)
            disks.create_overlay(self.cache.path(image['id']),
                                 facts['format'], disk,
                                 self.root_size(instance, facts))
            disk_list = [self.root_disk(disk)]
            source = 'image %s' % image['id']
        disk_list += [volumes.disk(d['connection_info'],
                                   volumes.target_dev(d['device_name']))
                      for d in block_devices]
        guest = self.define(instance, disk_list, kernel_boot)
        if power_on:
            guest.launch()
        LOG.info('Guest %s %s from %s', guest.name,
                 'started' if power_on else 'defined', source,
                 instance=instance)

    def destroy(self, instance, *, destroy_disks=True):
        guest = self.libvirt.find(instance['uuid'])
        if guest is not None:
            guest.destroy()
            guest.undefine()
        if destroy_disks:
            shutil.rmtree(self.instance_dir(instance['uuid']),
                          ignore_errors=True)

    def reboot(self, instance, reboot_type):
        guest = self._guest(instance)
        if reboot_type == 'SOFT' and guest.power_state() == \
                states.RUNNING:
            guest.shutdown()
            if guest.wait_for_shutoff(CONF.libvirt.wait_soft_reboot_seconds,
                                      press_again=True):
                guest.launch()
                return
            LOG.warning('Guest did not shut down for a soft reboot; '
                        'resetting it', instance=instance)
        guest.destroy()
        guest.remove_managed_save()
        guest.launch()

    def power_off(self, instance, timeout=0):
        guest = self._guest(instance)
        # Stopping a suspended guest drops its saved state.
        guest.remove_managed_save()
        guest.power_off(timeout)

    def power_on(self, instance):
        guest = self._guest(instance)
        if guest.power_state() == states.PAUSED_POWER:
            guest.unpause()
        else:
            guest.launch()

    def pause(self, instance):
        self._guest(instance).pause()

    def unpause(self, instance):
        self._guest(instance).unpause()

    def suspend(self, instance):
        self._guest(instance).managed_save()

    def resume(self, instance):
        self._guest(instance).launch()

    def rescue(self, instance, rescue_image, rescue_password):
        from stratus.compute.virt.libvirt import rescue
        rescue.rescue(self, instance, rescue_image)

    def unrescue(self, instance):
        from stratus.compute.virt.libvirt import rescue
        rescue.unrescue(self, instance)

    def snapshot(self, instance, write_to):
        from stratus.compute.virt.libvirt import snapshot
        return snapshot.snapshot(self, instance, write_to)

    def get_console_output(self, instance):
        directory = self.instance_dir(instance['uuid'])
        if not os.path.isdir(directory):
            raise exception.InstanceNotFound(instance_id=instance['uuid'])
        return console.tail(os.path.join(directory, 'console.log'),
                            CONF.libvirt.console_log_max_bytes)

    # --- moving between hosts ------------------------------------------------
    def migration_target(self):
        return self.mover.target()

    def migrate_disk_and_power_off(self, instance, dest_host, flavor,
                                   dest_target=None):
        return self.mover.migrate_disk_and_power_off(instance, dest_host,
                                                     flavor, dest_target)

    def finish_migration(self, instance, disk_info, image, *, resize_disk,
                         power_on, block_devices=None):
        self.mover.finish_migration(instance, disk_info,
                                    resize_disk=resize_disk,
                                    power_on=power_on,
                                    block_devices=block_devices or ())

    def confirm_migration(self, instance):
        self.mover.confirm_migration(instance)

    def finish_revert_migration(self, instance, *, power_on,
                                block_devices=None):
        self.mover.finish_revert_migration(
            instance, power_on=power_on, block_devices=block_devices or ())

    # --- volumes -------------------------------------------------------------
    def get_volume_connector(self, instance):
        return volumes.connector(self.host, self.host_ip())

    def attach_volume(self, instance, connection_info, mountpoint):
        live = volumes.attach(self._guest(instance), connection_info,
                              mountpoint)
        LOG.info('Volume %s attached at %s (%s)',
                 (connection_info.get('data') or {}).get('volume_id'),
                 mountpoint, 'live and persistent' if live
                 else 'persistent', instance=instance)

    def detach_volume(self, instance, connection_info, mountpoint):
        guest = self.libvirt.find(instance['uuid'])
        if guest is None:
            return
        volumes.detach(guest, mountpoint)
        LOG.info('Volume %s detached from %s',
                 (connection_info.get('data') or {}).get('volume_id'),
                 mountpoint, instance=instance)

    # --- diagnostics (the domain's own statistics) -----------------------
    def get_diagnostics(self, instance):
        from stratus.compute.virt.libvirt import diagnostics
        return diagnostics.legacy(self._guest(instance))

    def get_instance_diagnostics(self, instance):
        from stratus.compute.virt.libvirt import diagnostics
        return diagnostics.standard(self._guest(instance))

    def swap_volume(self, instance, old_connection_info,
                    new_connection_info, mountpoint):
        from stratus.compute.virt.libvirt import volume_swap
        volume_swap.swap(self._guest(instance), old_connection_info,
                         new_connection_info, mountpoint)
        LOG.info('Volume at %s swapped for %s', mountpoint,
                 (new_connection_info.get('data') or {}).get('volume_id'),
                 instance=instance)

    def extend_volume(self, connection_info, instance, requested_size):
        volumes.extend(self._guest(instance), connection_info,
                       requested_size)
        LOG.info('Volume %s resized to %d bytes',
                 (connection_info.get('data') or {}).get('volume_id'),
                 requested_size, instance=instance)

    # --- evac: changePassword, trigger_crash_dump --------------------------
    def set_admin_password(self, instance, new_pass):
        guest_admin.set_admin_password(self._guest(instance), instance,
                                       new_pass)

    def trigger_crash_dump(self, instance):
        guest_admin.trigger_crash_dump(self._guest(instance), instance)

    # --- live migration (compute/virt/libvirt/live_migration.py) ---------
    def _live(self):
        from stratus.compute.virt.libvirt import live_migration
        if getattr(self, '_live_migrator', None) is None:
            self._live_migrator = live_migration.LiveMigrator(self)
        return self._live_migrator

    def check_can_live_migrate_destination(self, instance, block_migration):
        return self._live().check_destination(instance, block_migration)

    def pre_live_migration(self, ctxt, instance, block_devices,
                           migrate_data):
        self._live().pre(ctxt, instance, block_devices, migrate_data)

    def live_migration(self, instance, dest, migrate_data, progress=None):
        return self._live().migrate(instance, dest, migrate_data, progress)

    def post_live_migration(self, instance, migrate_data):
        self._live().post_source(instance, migrate_data)

    def post_live_migration_at_destination(self, instance, block_devices,
                                           migrate_data):
        self._live().post_destination(instance, block_devices, migrate_data)

    def rollback_live_migration_at_destination(self, instance,
                                               migrate_data):
        self._live().rollback_destination(instance, migrate_data)

    def live_migration_force_complete(self, instance):
        self._live().force_complete(instance)

    def live_migration_abort(self, instance):
        self._live().abort(instance)


def _host_memory_used_mb(total_mb):
    """Memory in use on the machine (total - MemAvailable), as nova
    reports it."""
    try:
        with open('/proc/meminfo') as f:
            for line in f:
                if line.startswith('MemAvailable:'):
                    return max(0, total_mb - int(line.split()[1]) // 1024)
    except OSError:
        pass
    return 0
