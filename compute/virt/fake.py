"""An in-memory driver for tests and scale benchmarks: guests are dicts,
the node's size comes from config. `[fake_driver] fail_methods` makes the
named methods raise, so tests can reach every revert path through real
daemons."""
import threading

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.compute import states
from stratus.compute.virt import driver


class FakeDriver(driver.ComputeDriver):
    capabilities = dict(driver.ComputeDriver.capabilities,
                        supports_same_host_resize=True,
                        supports_extend_volume=True)

    def __init__(self):
        self._guests = {}
        # Guests a resize moved away, kept until confirm or revert.
        self._resize_sources = {}
        self._lock = threading.Lock()
        self.host = None

    # --- helpers -------------------------------------------------------------
    def _maybe_fail(self, method):
        if method in CONF.fake_driver.fail_methods:
            raise driver.DriverError(reason='injected failure in %s' % method)

    def _guest(self, instance):
        guest = self._guests.get(instance['uuid'])
        if guest is None:
            raise exception.InstanceNotFound(instance_id=instance['uuid'])
        return guest

    def _set_power(self, method, instance, power_state, **extra):
        self._maybe_fail(method)
        with self._lock:
            guest = self._guest(instance)
            guest['power_state'] = power_state
            guest.update(extra)

    # --- the node ------------------------------------------------------------
    def init_host(self, host):
        self.host = host

    def list_instance_uuids(self):
        with self._lock:
            return list(self._guests)

    def get_available_resource(self):
        with self._lock:
            guests = list(self._guests.values())
        return driver.NodeResources(
            hypervisor_hostname=self.host, hypervisor_type='fake',
            hypervisor_version=1000, vcpus=CONF.fake_driver.vcpus,
            memory_mb=CONF.fake_driver.memory_mb,
            local_gb=CONF.fake_driver.local_gb,
            vcpus_used=sum(g['vcpus'] for g in guests),
            memory_mb_used=sum(g['memory_mb'] for g in guests),
            local_gb_used=sum(g['root_gb'] for g in guests),
            running_vms=len(guests), host_ip='127.0.0.1')

    def get_power_state(self, instance):
        with self._lock:
            return self._guest(instance)['power_state']

    # --- lifecycle -----------------------------------------------------------
    def spawn(self, ctxt, instance, image, *, power_on=True,
              block_devices=None):
        self._maybe_fail('spawn')
        flavor = instance['flavor']
        volumes = {d['device_name']: d['connection_info']
                   for d in block_devices or ()}
        root = [d['volume_id'] for d in block_devices or ()
                if d['boot_index'] == 0]
        with self._lock:
            self._guests[instance['uuid']] = {
                'power_state': states.RUNNING if power_on else states.SHUTDOWN,
                'image': None if root else (image or {}).get('id'),
                'root_volume': root[0] if root else None,
                'volumes': volumes,
                'vcpus': flavor['vcpus'], 'memory_mb': flavor['memory_mb'],
                # A volume-backed guest has no local root disk.
                'root_gb': 0 if root else flavor['root_gb'],
                'rescued': False,
                'console': ['fake guest %s booted\n' % instance['uuid']]}

    def destroy(self, instance, *, destroy_disks=True):
        self._maybe_fail('destroy')
        with self._lock:
            self._guests.pop(instance['uuid'], None)

    def reboot(self, instance, reboot_type):
        self._set_power('reboot', instance, states.RUNNING)

    def power_off(self, instance, timeout=0):
        self._set_power('power_off', instance, states.SHUTDOWN)

    def power_on(self, instance):
        self._set_power('power_on', instance, states.RUNNING)

    def pause(self, instance):
        self._set_power('pause', instance, states.PAUSED_POWER)

    def unpause(self, instance):
        self._set_power('unpause', instance, states.RUNNING)

    def suspend(self, instance):
        self._set_power('suspend', instance, states.SUSPENDED_POWER)

    def resume(self, instance):
        self._set_power('resume', instance, states.RUNNING)

    def rescue(self, instance, rescue_image, rescue_password):
        self._set_power('rescue', instance, states.RUNNING, rescued=True)

    def unrescue(self, instance):
        self._set_power('unrescue', instance, states.RUNNING, rescued=False)

    def snapshot(self, instance, write_to):
        self._maybe_fail('snapshot')
        with self._lock:
            self._guest(instance)
        write_to.write(('fake disk of %s\n' % instance['uuid']).encode())
        return 'raw'

    # --- moving between hosts ------------------------------------------------
    def migrate_disk_and_power_off(self, instance, dest_host, flavor):
        self._maybe_fail('migrate_disk_and_power_off')
        with self._lock:
            guest = self._guests.pop(instance['uuid'], None)
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance['uuid'])
            guest['power_state'] = states.SHUTDOWN
            self._resize_sources[instance['uuid']] = guest
        return {'source_host': self.host}

    def finish_migration(self, instance, disk_info, image, *, resize_disk,
                         power_on, block_devices=None):
        self._maybe_fail('finish_migration')
        self.spawn(None, instance, image, power_on=power_on,
                   block_devices=block_devices)

    def confirm_migration(self, instance):
        self._maybe_fail('confirm_migration')
        with self._lock:
            self._resize_sources.pop(instance['uuid'], None)

    def finish_revert_migration(self, instance, *, power_on,
                                block_devices=None):
        self._maybe_fail('finish_revert_migration')
        with self._lock:
            guest = self._resize_sources.pop(instance['uuid'], None) or \
                self._guests.get(instance['uuid'])
            if guest is None:
                raise exception.InstanceNotFound(instance_id=instance['uuid'])
            guest['power_state'] = (states.RUNNING if power_on
                                    else states.SHUTDOWN)
            if block_devices:
                # Connected here again: the new connection infos.
                guest['volumes'] = {d['device_name']: d['connection_info']
                                    for d in block_devices}
            self._guests[instance['uuid']] = guest

    def get_console_output(self, instance):
        with self._lock:
            return ''.join(self._guest(instance)['console'])

    # --- volumes -------------------------------------------------------------
    def get_volume_connector(self, instance):
        self._maybe_fail('get_volume_connector')
        return {'host': self.host, 'hostname': self.host,
                'ip': '127.0.0.1', 'initiator': 'iqn.2010-10.org.fake:%s'
                % self.host, 'platform': 'x86_64', 'os_type': 'linux',
                'multipath': False}

    def attach_volume(self, instance, connection_info, mountpoint):
        self._maybe_fail('attach_volume')
        with self._lock:
            volumes = self._guest(instance).setdefault('volumes', {})
            held = volumes.get(mountpoint)
            if held is not None and held != connection_info:
                raise driver.DriverError(reason='%s is in use' % mountpoint)
            volumes[mountpoint] = connection_info

    def detach_volume(self, instance, connection_info, mountpoint):
        self._maybe_fail('detach_volume')
        with self._lock:
            guest = self._guests.get(instance['uuid'])
            if guest is not None:
                guest.setdefault('volumes', {}).pop(mountpoint, None)

    # --- diagnostics: figures derived from the guest's flavor ------------
    def get_diagnostics(self, instance):
        with self._lock:
            guest = dict(self._guest(instance))
        figures = {'cpu%d_time' % i: 17300000000 for i in
                   range(guest['vcpus'])}
        figures.update({'memory': guest['memory_mb'] * 1024,
                        'vda_read': 262144, 'vda_read_req': 112,
                        'vda_write': 5778432, 'vda_write_req': 488,
                        'vda_errors': -1})
        return figures

    def get_instance_diagnostics(self, instance):
        with self._lock:
            guest = dict(self._guest(instance))
        disks = ([{'read_bytes': 262144, 'read_requests': 112,
                   'write_bytes': 5778432, 'write_requests': 488,
                   'errors_count': 0}] if guest['root_gb'] else []) + [
            {'read_bytes': 0, 'read_requests': 0, 'write_bytes': 0,
             'write_requests': 0, 'errors_count': 0}
            for _ in guest['volumes']]
        return {
            'state': states.POWER_STATE_NAMES[guest['power_state']],
            'driver': 'libvirt', 'hypervisor': 'fake',
            'hypervisor_os': 'linux', 'uptime': 46664,
            'config_drive': False, 'num_cpus': guest['vcpus'],
            'num_nics': 0, 'num_disks': len(disks),
            'cpu_details': [{'id': i, 'time': 17300000000,
                             'utilisation': 15}
                            for i in range(guest['vcpus'])],
            'nic_details': [], 'disk_details': disks,
            'memory_details': {'maximum': guest['memory_mb'], 'used': 0}}

    def swap_volume(self, instance, old_connection_info,
                    new_connection_info, mountpoint):
        """The guest's volume at `mountpoint` becomes the new one (a fake
        guest has no bytes to copy)."""
        self._maybe_fail('swap_volume')
        with self._lock:
            volumes = self._guest(instance).setdefault('volumes', {})
            if mountpoint not in volumes:
                raise driver.DriverError(reason='no volume at %s'
                                         % mountpoint)
            volumes[mountpoint] = new_connection_info

    def extend_volume(self, connection_info, instance, requested_size):
        """Recorded per volume id: a fake guest has no disk to grow."""
        self._maybe_fail('extend_volume')
        volume_id = (connection_info.get('data') or {}).get('volume_id')
        with self._lock:
            self._guest(instance).setdefault('extended_volumes', {})[
                volume_id] = requested_size

    def power_update_event(self, instance, target_power_state):
        self._set_power('power_update_event', instance,
                        states.RUNNING if target_power_state == 'POWER_ON'
                        else states.SHUTDOWN)

    # --- evac: changePassword, trigger_crash_dump --------------------------
    def set_admin_password(self, instance, new_pass):
        self._maybe_fail('set_admin_password')
        with self._lock:
            self._guest(instance)['admin_password'] = new_pass

    def trigger_crash_dump(self, instance):
        """Counted per guest; only a running guest takes an NMI."""
        self._maybe_fail('trigger_crash_dump')
        with self._lock:
            guest = self._guest(instance)
            if guest['power_state'] != states.RUNNING:
                raise exception.InstanceNotRunning(
                    instance_id=instance['uuid'])
            guest['crash_dumps'] = guest.get('crash_dumps', 0) + 1

    # --- live migration: the guest dict moves at once (after
    # [fake_driver] live_migration_seconds, cut short by force complete
    # or abort) ---------------------------------------------------------------
    def _live_move(self, instance, start=False):
        """The running move of the instance (None when there is none)."""
        with self._lock:
            moves = self.__dict__.setdefault('_live_moves', {})
            if start:
                moves[instance['uuid']] = {'done': threading.Event(),
                                           'aborted': False}
            return moves.get(instance['uuid'])

    def check_can_live_migrate_destination(self, instance, block_migration):
        self._maybe_fail('check_can_live_migrate_destination')
        return {}

    def pre_live_migration(self, ctxt, instance, block_devices,
                           migrate_data):
        self._maybe_fail('pre_live_migration')

    def live_migration(self, instance, dest, migrate_data, progress=None):
        self._maybe_fail('live_migration')
        move = self._live_move(instance, start=True)
        try:
            move['done'].wait(CONF.fake_driver.live_migration_seconds)
            if move['aborted']:
                raise exception.LiveMigrationCancelled(
                    instance_uuid=instance['uuid'])
        finally:
            with self._lock:
                self._live_moves.pop(instance['uuid'], None)
        with self._lock:
            guest = self._guests.pop(instance['uuid'], None)
        if guest is None:
            raise exception.InstanceNotFound(instance_id=instance['uuid'])
        return {'guest': guest}

    def post_live_migration(self, instance, migrate_data):
        self._maybe_fail('post_live_migration')

    def post_live_migration_at_destination(self, instance, block_devices,
                                           migrate_data):
        self._maybe_fail('post_live_migration_at_destination')
        guest = dict((migrate_data.get('guest') or {}).get('guest') or {})
        if not guest:
            raise driver.DriverError(reason='no guest arrived')
        guest['volumes'] = {d['device_name']: d['connection_info']
                            for d in block_devices}
        with self._lock:
            self._guests[instance['uuid']] = guest

    def rollback_live_migration_at_destination(self, instance,
                                               migrate_data):
        self._maybe_fail('rollback_live_migration_at_destination')

    def live_migration_force_complete(self, instance):
        move = self._live_move(instance)
        if move:
            move['done'].set()

    def live_migration_abort(self, instance):
        move = self._live_move(instance)
        if move:
            move['aborted'] = True
            move['done'].set()
