"""Compute RPC endpoint: each method runs its operation's flow on this
host. Bookkeeping (events, faults, state on failure) lives in the flows'
first task and the runner's listeners, not here."""
import importlib

import oslo_messaging as messaging

from stratus.common import exception
from stratus.common import log
from stratus.common import periodic
from stratus.common import rpc
from stratus.common.conf import CONF
from stratus.compute import reconcile
from stratus.compute import resources
from stratus.compute import rpcapi

LOG = log.getLogger(__name__)


class ComputeManager:
    target = messaging.Target(version=rpcapi.ComputeRPCClient.VERSION)

    def __init__(self, host, driver, conductor):
        self.host = host
        self.driver = driver
        self.conductor = conductor
        self.compute_rpc = rpcapi.ComputeRPCClient()
        self.journal = None     # from init_host on (see compute.journal)

    def init_host(self, ctxt):
        """Before any queued message is taken (as nova's init_host):
        operations the restart cut short are failed or settled, queued ones
        are left to their messages, and every idle server's power state is
        synced at once rather than at the next periodic sync."""
        from stratus.compute import journal
        self.driver.init_host(self.host)
        self.journal = journal.Journal(self.host)
        self.journal.prune()
        resources.report(ctxt, self.driver, self.conductor)
        evacuated = reconcile.destroy_evacuated(ctxt, self.host, self.driver,
                                                self.conductor)
        reconcile.recover(ctxt, self.host, self.driver, self.conductor,
                          skip=evacuated, journal=self.journal)
        reconcile.sync_power_states(ctxt, self.host, self.driver,
                                    self.conductor)

    # --- periodic -------------------------------------------------------
    @periodic.task(lambda: CONF.update_resources_interval)
    def update_available_resource(self, ctxt):
        resources.report(ctxt, self.driver, self.conductor)

    @periodic.task(lambda: CONF.sync_power_state_interval)
    def sync_power_states(self, ctxt):
        reconcile.sync_power_states(ctxt, self.host, self.driver,
                                    self.conductor)

    # --- running flows --------------------------------------------------
    def _run(self, ctxt, flow_name, instance, flow_options=None, **store):
        """Run compute/flows/<flow_name>.py; True when it succeeded. Flows
        are imported on first use: an idle compute does not carry TaskFlow
        (and networkx)."""
        from stratus.common import flow_engine
        flow_module = importlib.import_module('stratus.compute.flows.' +
                                              flow_name)

        def record(events):
            self.conductor.action_events_record(ctxt, instance['uuid'],
                                                events)
        options = flow_options or {}

        def build():
            return flow_module.get_flow(self.driver, self.conductor,
                                        **options)
        store.update(ctxt=ctxt.to_dict(), instance=instance)
        entry, may_run = None, True
        if self.journal is not None:
            migration = store.get('migration')
            entry, may_run = self.journal.begin(
                ctxt.request_id, instance, flow_name,
                'compute_' + flow_module.FLOW_NAME,
                migration=migration.get('uuid')
                if isinstance(migration, dict) else None)
        if not may_run:
            LOG.info('%s of request %s already ran here (message delivered '
                     'again); nothing to do', flow_module.FLOW_NAME,
                     ctxt.request_id, instance=instance)
            return False
        try:
            flow_engine.run(build, store, key=(
                flow_name, self.driver, self.conductor,
                tuple(sorted(options.items()))), listeners=[
                lambda engine: flow_engine.ActionEventListener(
                    engine, record, 'compute_' + flow_module.FLOW_NAME,
                    host=self.host)])
        except Exception as exc:
            # The flow's first task has already recorded the outcome.
            if flow_engine.disappeared(exc):
                LOG.info('Instance disappeared during %s: %s',
                         flow_module.FLOW_NAME, exc, instance=instance)
            else:
                LOG.error('%s failed: %s', flow_module.FLOW_NAME, exc,
                          instance=instance)
            return False
        finally:
            if entry is not None:
                self.journal.end(entry)
        return True

    # --- operations -----------------------------------------------------
    def build_and_run_instance(self, ctxt, instance, image):
        self._run(ctxt, 'spawn', instance, image=image)

    def terminate_instance(self, ctxt, instance):
        self._run(ctxt, 'delete', instance)

    def stop_instance(self, ctxt, instance):
        self._run(ctxt, 'stop', instance)

    def start_instance(self, ctxt, instance):
        self._run(ctxt, 'start', instance)

    def reboot_instance(self, ctxt, instance, reboot_type):
        self._run(ctxt, 'reboot', instance, reboot_type=reboot_type)

    def pause_instance(self, ctxt, instance):
        self._run(ctxt, 'pause', instance)

    def unpause_instance(self, ctxt, instance):
        self._run(ctxt, 'unpause', instance)

    def suspend_instance(self, ctxt, instance):
        self._run(ctxt, 'suspend', instance)

    def resume_instance(self, ctxt, instance):
        self._run(ctxt, 'resume', instance)

    def rescue_instance(self, ctxt, instance, rescue_image, rescue_password):
        self._run(ctxt, 'rescue', instance, rescue_image=rescue_image,
                  rescue_password=rescue_password)

    def unrescue_instance(self, ctxt, instance):
        self._run(ctxt, 'unrescue', instance)

    def rebuild_instance(self, ctxt, instance, image,
                         reimage_boot_volume=False):
        self._run(ctxt, 'rebuild', instance, image=image,
                  reimage_boot_volume=reimage_boot_volume)

    def snapshot_instance(self, ctxt, instance, image_id):
        self._run(ctxt, 'snapshot', instance, image_id=image_id)

    def shelve_instance(self, ctxt, instance, image_id):
        if self._run(ctxt, 'shelve', instance, image_id=image_id) and \
                CONF.shelved_offload_time == 0:
            self._run(ctxt, 'shelve_offload', instance)

    def shelve_offload_instance(self, ctxt, instance):
        self._run(ctxt, 'shelve_offload', instance)

    def unshelve_instance(self, ctxt, instance, image):
        offloaded = instance['vm_state'] == 'shelved_offloaded'
        self._run(ctxt, 'unshelve', instance, {'offloaded': offloaded},
                  image=image)

    # --- resize and cold migration (source and destination sides) ----------
    def _resize(self, ctxt, flow_name, instance, **store):
        self._run(ctxt, flow_name, instance,
                  {'compute_rpc': self.compute_rpc}, **store)

    def prep_resize(self, ctxt, instance, migration, new_flavor, image):
        self._resize(ctxt, 'resize_prep', instance, migration=migration,
                     new_flavor=new_flavor, image=image)

    def resize_instance(self, ctxt, instance, migration, new_flavor, image):
        self._resize(ctxt, 'resize_migrate', instance, migration=migration,
                     new_flavor=new_flavor, image=image)

    def finish_resize(self, ctxt, instance, migration, disk_info,
                      new_flavor, image):
        self._resize(ctxt, 'resize_finish', instance, migration=migration,
                     disk_info=disk_info, new_flavor=new_flavor, image=image)

    def confirm_resize(self, ctxt, instance, migration):
        self._resize(ctxt, 'resize_confirm', instance, migration=migration)

    def revert_resize(self, ctxt, instance, migration):
        self._resize(ctxt, 'resize_revert', instance, migration=migration)

    def finish_revert_resize(self, ctxt, instance, migration):
        self._resize(ctxt, 'resize_revert_finish', instance,
                     migration=migration)

    # --- volumes ------------------------------------------------------------
    def attach_volume(self, ctxt, instance, bdm):
        self._run(ctxt, 'volume_attach', instance, bdm=bdm)

    def detach_volume(self, ctxt, instance, bdm):
        self._run(ctxt, 'volume_detach', instance, bdm=bdm)

    def get_console_output(self, ctxt, instance, tail_length=None):
        text = self.driver.get_console_output(instance)
        if tail_length is not None:
            lines = text.splitlines(True)
            text = ''.join(lines[-tail_length:]) if tail_length else ''
        return text

    # --- 1.4 --------------------------------------------------------------
    def backup_instance(self, ctxt, instance, image_id, backup_type,
                        rotation):
        self._run(ctxt, 'backup', instance, image_id=image_id,
                  backup_type=backup_type, rotation=rotation)

    def inject_network_info(self, ctxt, instance):
        from stratus.compute import diagnostics
        diagnostics.inject_network_info(self.driver, instance)

    def get_diagnostics(self, ctxt, instance):
        from stratus.compute import diagnostics
        return diagnostics.legacy(self.driver, instance)

    def get_instance_diagnostics(self, ctxt, instance):
        from stratus.compute import diagnostics
        return diagnostics.standard(self.driver, instance)

    def swap_volume(self, ctxt, instance, bdm, old_volume_id, new_volume_id,
                    new_attachment_id):
        self._run(ctxt, 'volume_swap', instance, bdm=bdm,
                  old_volume_id=old_volume_id, new_volume_id=new_volume_id,
                  new_attachment_id=new_attachment_id)

    # --- 1.6 --------------------------------------------------------------
    def external_instance_event(self, ctxt, instances, events):
        from stratus.compute import event_handlers
        event_handlers.handle(ctxt, self.driver, self.conductor, self.host,
                              instances, events)

    # 1.8
    def evacuate_instance(self, ctxt, instance, migration, image, password,
                          on_shared_storage, target_state):
        # The password is not injected: no driver here writes into guests.
        self._run(ctxt, 'evacuate', instance, migration=migration,
                  image=image, on_shared_storage=on_shared_storage,
                  target_state=target_state)

    @rpc.expected_exceptions(NotImplementedError,
                             exception.InstancePasswordSetFailed,
                             exception.SetAdminPasswdNotSupported,
                             exception.InstanceAgentNotEnabled)
    def set_admin_password(self, ctxt, instance, new_pass):
        from stratus.compute import guest_admin
        guest_admin.set_admin_password(self.driver, self.conductor,
                                       self.host, ctxt, instance, new_pass)

    def trigger_crash_dump(self, ctxt, instance):
        self._run(ctxt, 'trigger_crash_dump', instance)

    # --- 1.7: live migration (source and destination sides) --------------
    def check_can_live_migrate_destination(self, ctxt, instance,
                                           block_migration):
        from stratus.compute.tasks import live_migration
        return live_migration.check_destination(self.driver, instance,
                                                block_migration)

    def live_migration(self, ctxt, instance, migration, dest_data,
                       block_migration):
        from stratus.compute.tasks import live_migration
        tracker = live_migration.tracker_for(self.host)
        tracker.queue(instance['uuid'], migration['uuid'])
        self.conductor.migration_update(ctxt, migration['uuid'],
                                        {'status': 'queued'})
        self._run(ctxt, 'live_migrate', instance,
                  {'compute_rpc': self.compute_rpc, 'tracker': tracker},
                  migration=migration, dest_data=dest_data,
                  block_migration=block_migration)

    def pre_live_migration(self, ctxt, instance, migration, dest_data,
                           block_migration):
        from stratus.compute.tasks import live_migration
        return live_migration.pre_live_migration(
            self.driver, self.conductor, ctxt.to_dict(), instance,
            dest_data, block_migration)

    def post_live_migration_at_destination(self, ctxt, instance, migration,
                                           migrate_data):
        from stratus.compute.tasks import live_migration
        live_migration.post_at_destination(
            self.driver, self.conductor, ctxt.to_dict(), instance,
            migration, migrate_data)

    def rollback_live_migration_at_destination(self, ctxt, instance,
                                               migration, migrate_data):
        from stratus.compute.tasks import live_migration
        live_migration.rollback_at_destination(
            self.driver, self.conductor, ctxt.to_dict(), instance,
            migrate_data)

    def live_migration_force_complete(self, ctxt, instance, migration_uuid):
        from stratus.compute.tasks import live_migration
        live_migration.recorded(
            self.conductor, self.host, ctxt, instance,
            'compute_live_migration_force_complete',
            self.driver.live_migration_force_complete, instance)

    def live_migration_abort(self, ctxt, instance, migration_uuid):
        from stratus.compute.tasks import live_migration

        def abort():
            # Not moving yet: the flow cancels itself when it gets there.
            if not live_migration.tracker_for(self.host).drop(
                    instance['uuid']):
                self.driver.live_migration_abort(instance)
        live_migration.recorded(self.conductor, self.host, ctxt, instance,
                                'compute_live_migration_abort', abort)
