"""The virt driver contract: what stratus-compute asks of a hypervisor.

Drivers talk in instances (plain dicts with at least 'uuid', 'flavor',
'host'); hypervisor ids never leave the driver. No DB, no RPC. Every
method is safe to call again after a crash (destroying a missing guest is
a no-op). Errors are InstanceNotFound, InstanceInvalidState or DriverError,
never a hypervisor library's own exception.
"""
import dataclasses

from stratus.common import exception


class DriverError(exception.StratusException):
    msg_fmt = 'Hypervisor error: %(reason)s'


@dataclasses.dataclass
class NodeResources:
    """What a node has and uses, as the scheduler sees it."""
    hypervisor_hostname: str
    hypervisor_type: str
    hypervisor_version: int
    vcpus: int
    memory_mb: int
    local_gb: int
    vcpus_used: int = 0
    memory_mb_used: int = 0
    local_gb_used: int = 0
    running_vms: int = 0
    host_ip: str | None = None
    # JSON: arch, model, vendor, topology, features (hypervisor show).
    cpu_info: str | None = None


class ComputeDriver:
    capabilities = {'supports_rescue': True, 'supports_suspend': True,
                    'supports_same_host_resize': False,
                    'supports_volume_attach': True}

    # --- the node ------------------------------------------------------------
    def init_host(self, host):
        """Prepare the hypervisor connection for `host` before serving."""
        raise NotImplementedError()

    def list_instance_uuids(self):
        """Uuids of the guests this host owns."""
        raise NotImplementedError()

    def get_available_resource(self):
        """A NodeResources of this node, cheap enough to run periodically."""
        raise NotImplementedError()

    def get_power_state(self, instance):
        """The guest's power state (compute/states.py ints); cheap."""
        raise NotImplementedError()

    def cache_image(self, ctxt, image_id):
        """Make `image_id` (and the kernel/ramdisk it names) local before
        an operation that has no request context to download with
        (rescue). True when the driver keeps an image cache."""
        return False

    # --- lifecycle -----------------------------------------------------------
    def spawn(self, ctxt, instance, image, *, power_on=True,
              block_devices=None):
        """Create and (by default) start the guest from `image` (a dict
        with at least 'id' and 'properties', or None) and the server's
        volumes `block_devices`: [{'device_name', 'boot_index',
        'volume_id', 'connection_info'}]. One with boot_index 0 is the
        root disk (booted from a volume): no image disk is made then, the
        image only lends its properties (kernel_id, ...)."""
        raise NotImplementedError()

    def destroy(self, instance, *, destroy_disks=True):
        """Stop and remove the guest (and its local disks)."""
        raise NotImplementedError()

    def reboot(self, instance, reboot_type):
        """'SOFT' asks the guest; 'HARD' resets it."""
        raise NotImplementedError()

    def power_off(self, instance, timeout=0):
        """Clean shutdown within `timeout` seconds, then forced off."""
        raise NotImplementedError()

    def power_on(self, instance):
        raise NotImplementedError()

    def pause(self, instance):
        """Freeze in memory."""
        raise NotImplementedError()

    def unpause(self, instance):
        raise NotImplementedError()

    def suspend(self, instance):
        """Save the guest's state to disk and stop it."""
        raise NotImplementedError()

    def resume(self, instance):
        raise NotImplementedError()

    def rescue(self, instance, rescue_image, rescue_password):
        """Boot `rescue_image` with the instance's disk attached second."""
        raise NotImplementedError()

    def unrescue(self, instance):
        raise NotImplementedError()

    def snapshot(self, instance, write_to):
        """Write the root disk, flattened, to the file object `write_to`;
        returns the disk format written ('qcow2', 'raw')."""
        raise NotImplementedError()

    # --- moving between hosts ------------------------------------------------
    def migration_target(self):
        """On the destination: plain facts the source needs to ship a
        disk here (the libvirt driver: instances path, address, machine
        id). They travel in the migration dict as 'dest_target'; {} when
        the driver needs none."""
        return {}

    def migrate_disk_and_power_off(self, instance, dest_host, flavor):
        """On the source: stop the guest and ship its disk to `dest_host`.
        Returns disk info for finish_migration. Drivers whose
        migration_target() says something also get it as `dest_target=`."""
        raise NotImplementedError()

    def finish_migration(self, instance, disk_info, image, *, resize_disk,
                         power_on, block_devices=None):
        """On the destination: define and start the guest from the shipped
        disk with the instance's (new) flavor; `block_devices` (as spawn
        gets them) are its volumes, connected to this host."""
        raise NotImplementedError()

    def confirm_migration(self, instance):
        """On the source, after confirm: remove what stayed behind."""
        raise NotImplementedError()

    def finish_revert_migration(self, instance, *, power_on,
                                block_devices=None):
        """On the source, after revert: bring the original guest back
        (`block_devices`: its volumes, connected here again)."""
        raise NotImplementedError()

    def get_console_output(self, instance):
        raise NotImplementedError()

    # --- volumes -------------------------------------------------------------
    def get_volume_connector(self, instance):
        """What the volume service needs to export a volume to this host:
        'host' (this compute's host name, which the volume backend compares
        with its own to answer a local block device), 'hostname' (the
        machine's), 'ip', 'initiator', 'platform', 'os_type',
        'multipath'."""
        raise NotImplementedError()

    def attach_volume(self, instance, connection_info, mountpoint):
        """Plug the volume `connection_info` describes ({'driver_volume_type':
        'local' | 'nbd' | ..., 'data': {...}}) into the guest at
        `mountpoint` (e.g. /dev/vdb): live and persistent when it runs,
        persistent only when it is off. Plugging the same volume at the
        same place again is a no-op."""
        raise NotImplementedError()

    def detach_volume(self, instance, connection_info, mountpoint):
        """Unplug the volume at `mountpoint`; one that is not there (or a
        guest that is gone) is fine."""
        raise NotImplementedError()

    # --- diagnostics and network info (nova's optional driver calls) ------
    def get_diagnostics(self, instance):
        """The driver's own figures, a flat dict (the pre-2.48 view)."""
        raise NotImplementedError()

    def get_instance_diagnostics(self, instance):
        """The standardized figures: a dict with the keys of
        compute/diagnostics.FIELDS (the 2.48 view)."""
        raise NotImplementedError()

    def inject_network_info(self, instance):
        """Push the network info into the guest (no-op where the driver
        has nothing to push)."""

    def swap_volume(self, instance, old_connection_info,
                    new_connection_info, mountpoint):
        """Copy the volume at `mountpoint` (`old_connection_info`) onto the
        one `new_connection_info` describes (as large or larger) and make
        the guest use the new one there, live and persistent when it
        runs (nova's libvirt blockCopy then pivot). On failure the guest
        still uses the old volume."""
        raise NotImplementedError()

    def extend_volume(self, connection_info, instance, requested_size):
        """Make the guest see that its attached volume
        (`connection_info`) grew to `requested_size` bytes (drivers whose
        capabilities say supports_extend_volume)."""
        raise NotImplementedError()

    def power_update_event(self, instance, target_power_state):
        """Take in a power change made outside stratus ('POWER_ON' or
        'POWER_OFF'; nova's ironic driver is the one that does)."""
        raise NotImplementedError()

    # --- evac: changePassword, trigger_crash_dump, evacuate -----------------
    def set_admin_password(self, instance, new_pass):
        """Set the guest's admin (root) password in the running guest
        (nova's libvirt: through the qemu guest agent); drivers that cannot
        raise SetAdminPasswdNotSupported or InstanceAgentNotEnabled."""
        raise NotImplementedError()

    def trigger_crash_dump(self, instance):
        """Inject an NMI into the running guest (InstanceNotRunning when it
        is not, TriggerCrashDumpNotSupported where the driver cannot)."""
        raise NotImplementedError()

    def instance_on_disk(self, instance):
        """Whether this host sees the guest's files where its (down) host
        left them (shared instance storage): evacuate then keeps them."""
        return False

    # --- live migration ------------------------------------------------------
    def check_can_live_migrate_destination(self, instance, block_migration):
        """On the destination: refuse (MigrationPreCheckError) or return
        plain facts the source needs ({} when none)."""
        raise NotImplementedError()

    def pre_live_migration(self, ctxt, instance, block_devices,
                           migrate_data):
        """On the destination: ready the guest's arrival (its volumes,
        `block_devices`, connected here; for a block migration, its disk
        over the cached image). What it adds to `migrate_data` travels on."""
        raise NotImplementedError()

    def live_migration(self, instance, dest, migrate_data, progress=None):
        """On the source: move the running guest to host `dest`; returns
        plain data the destination takes over with. On failure or abort
        (LiveMigrationCancelled) the guest still runs here. `progress`
        (values) takes memory_/disk_ total/processed/remaining bytes."""
        raise NotImplementedError()

    def post_live_migration(self, instance, migrate_data):
        """On the source, after the move: let go of what stayed here."""
        raise NotImplementedError()

    def post_live_migration_at_destination(self, instance, block_devices,
                                           migrate_data):
        """On the destination, after the move: the guest is this host's."""
        raise NotImplementedError()

    def rollback_live_migration_at_destination(self, instance,
                                               migrate_data):
        """On the destination, when the move failed: undo the
        preparation."""
        raise NotImplementedError()

    def live_migration_force_complete(self, instance):
        """Make a running live migration finish now (the libvirt driver
        pauses the guest, nova's way)."""
        raise NotImplementedError()

    def live_migration_abort(self, instance):
        """Stop a running live migration; the guest stays on the source."""
        raise NotImplementedError()
