"""Client side of the compute RPC API (topic ``compute``, server = host).

Casts change state; calls answer now (console output).
"""
from stratus.common import rpc


class ComputeRPCClient(rpc.RPCClientBase):
    TOPIC = 'compute'
    VERSION = '1.8'
    HISTORY = (
        '1.0 initial: no methods yet (instance operations arrive with the '
        'compute API)',
        '1.1 build_and_run_instance, terminate_instance, stop_instance, '
        'start_instance, reboot_instance, pause_instance, unpause_instance, '
        'suspend_instance, resume_instance, get_console_output, '
        'rescue_instance, unrescue_instance, rebuild_instance, '
        'snapshot_instance, shelve_instance, shelve_offload_instance, '
        'unshelve_instance, prep_resize, resize_instance, finish_resize, '
        'confirm_resize, revert_resize, finish_revert_resize',
        '1.2 attach_volume, detach_volume',
        '1.3 swap_volume',
        '1.4 backup_instance, inject_network_info, get_diagnostics, '
        'get_instance_diagnostics',
        '1.5 rebuild_instance takes reimage_boot_volume',
        '1.6 external_instance_event',
        '1.7 check_can_live_migrate_destination, live_migration, '
        'pre_live_migration, post_live_migration_at_destination, '
        'rollback_live_migration_at_destination, '
        'live_migration_force_complete, live_migration_abort',
        '1.8 evacuate_instance, set_admin_password, trigger_crash_dump',
    )

    def _cast(self, ctxt, since, method, host, **kwargs):
        self._prepare(since, server=host).cast(ctxt, method, **kwargs)

    def build_and_run_instance(self, ctxt, instance, image):
        self._cast(ctxt, '1.1', 'build_and_run_instance', instance['host'],
                   instance=instance, image=image)

    def terminate_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'terminate_instance', instance['host'],
                   instance=instance)

    def stop_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'stop_instance', instance['host'],
                   instance=instance)

    def start_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'start_instance', instance['host'],
                   instance=instance)

    def reboot_instance(self, ctxt, instance, reboot_type):
        self._cast(ctxt, '1.1', 'reboot_instance', instance['host'],
                   instance=instance, reboot_type=reboot_type)

    def pause_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'pause_instance', instance['host'],
                   instance=instance)

    def unpause_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'unpause_instance', instance['host'],
                   instance=instance)

    def suspend_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'suspend_instance', instance['host'],
                   instance=instance)

    def resume_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'resume_instance', instance['host'],
                   instance=instance)

    def rescue_instance(self, ctxt, instance, rescue_image, rescue_password):
        self._cast(ctxt, '1.1', 'rescue_instance', instance['host'],
                   instance=instance, rescue_image=rescue_image,
                   rescue_password=rescue_password)

    def unrescue_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'unrescue_instance', instance['host'],
                   instance=instance)

    def rebuild_instance(self, ctxt, instance, image,
                         reimage_boot_volume=False):
        if reimage_boot_volume:
            # Only a 1.5 compute re-images a root volume.
            self._cast(ctxt, '1.5', 'rebuild_instance', instance['host'],
                       instance=instance, image=image,
                       reimage_boot_volume=True)
            return
        self._cast(ctxt, '1.1', 'rebuild_instance', instance['host'],
                   instance=instance, image=image)

    def snapshot_instance(self, ctxt, instance, image_id):
        self._cast(ctxt, '1.1', 'snapshot_instance', instance['host'],
                   instance=instance, image_id=image_id)

    def shelve_instance(self, ctxt, instance, image_id):
        self._cast(ctxt, '1.1', 'shelve_instance', instance['host'],
                   instance=instance, image_id=image_id)

    def shelve_offload_instance(self, ctxt, instance):
        self._cast(ctxt, '1.1', 'shelve_offload_instance', instance['host'],
                   instance=instance)

    def unshelve_instance(self, ctxt, instance, image):
        self._cast(ctxt, '1.1', 'unshelve_instance', instance['host'],
                   instance=instance, image=image)

    # --- resize / cold migration: `host` names which side gets the cast ---
    def prep_resize(self, ctxt, host, instance, migration, new_flavor,
                    image):
        self._cast(ctxt, '1.1', 'prep_resize', host, instance=instance,
                   migration=migration, new_flavor=new_flavor, image=image)

    def resize_instance(self, ctxt, host, instance, migration, new_flavor,
                        image):
        self._cast(ctxt, '1.1', 'resize_instance', host, instance=instance,
                   migration=migration, new_flavor=new_flavor, image=image)

    def finish_resize(self, ctxt, host, instance, migration, disk_info,
                      new_flavor, image):
        self._cast(ctxt, '1.1', 'finish_resize', host, instance=instance,
                   migration=migration, disk_info=disk_info,
                   new_flavor=new_flavor, image=image)

    def confirm_resize(self, ctxt, host, instance, migration):
        self._cast(ctxt, '1.1', 'confirm_resize', host, instance=instance,
                   migration=migration)

    def revert_resize(self, ctxt, host, instance, migration):
        self._cast(ctxt, '1.1', 'revert_resize', host, instance=instance,
                   migration=migration)

    def finish_revert_resize(self, ctxt, host, instance, migration):
        self._cast(ctxt, '1.1', 'finish_revert_resize', host,
                   instance=instance, migration=migration)

    # --- volumes: `bdm` is the block device mapping (plain dict) --------
    def attach_volume(self, ctxt, instance, bdm):
        self._cast(ctxt, '1.2', 'attach_volume', instance['host'],
                   instance=instance, bdm=bdm)

    def detach_volume(self, ctxt, instance, bdm):
        self._cast(ctxt, '1.2', 'detach_volume', instance['host'],
                   instance=instance, bdm=bdm)

    def get_console_output(self, ctxt, instance, tail_length=None):
        return self._prepare('1.1', server=instance['host']).call(
            ctxt, 'get_console_output', instance=instance,
            tail_length=tail_length)

    # --- 1.4: backups, network info, diagnostics ------------------------
    def backup_instance(self, ctxt, instance, image_id, backup_type,
                        rotation):
        self._cast(ctxt, '1.4', 'backup_instance', instance['host'],
                   instance=instance, image_id=image_id,
                   backup_type=backup_type, rotation=rotation)

    def inject_network_info(self, ctxt, instance):
        self._cast(ctxt, '1.4', 'inject_network_info', instance['host'],
                   instance=instance)

    def get_diagnostics(self, ctxt, instance):
        return self._prepare('1.4', server=instance['host']).call(
            ctxt, 'get_diagnostics', instance=instance)

    def get_instance_diagnostics(self, ctxt, instance):
        return self._prepare('1.4', server=instance['host']).call(
            ctxt, 'get_instance_diagnostics', instance=instance)

    def swap_volume(self, ctxt, instance, bdm, old_volume_id, new_volume_id,
                    new_attachment_id):
        """Move the guest's disk at `bdm` from the old volume to the new
        one (reserved by `new_attachment_id`); a volume migration's."""
        self._cast(ctxt, '1.3', 'swap_volume', instance['host'],
                   instance=instance, bdm=bdm, old_volume_id=old_volume_id,
                   new_volume_id=new_volume_id,
                   new_attachment_id=new_attachment_id)

    # --- 1.6: events from other services ---------------------------------
    def external_instance_event(self, ctxt, host, instances, events):
        """Events (neutron's, cinder's) for servers on `host`."""
        self._cast(ctxt, '1.6', 'external_instance_event', host,
                   instances=instances, events=events)

    # 1.8
    # --- evacuate, changePassword, trigger_crash_dump -------------------
    def evacuate_instance(self, ctxt, host, instance, migration, image,
                          password, on_shared_storage, target_state):
        """Re-create a server whose host is down on `host` (the
        destination); `image` None for a volume-backed one."""
        self._cast(ctxt, '1.8', 'evacuate_instance', host,
                   instance=instance, migration=migration, image=image,
                   password=password, on_shared_storage=on_shared_storage,
                   target_state=target_state)

    def set_admin_password(self, ctxt, instance, new_pass):
        """A call, as nova's: the driver's refusal is the API's answer."""
        return self._prepare('1.8', server=instance['host']).call(
            ctxt, 'set_admin_password', instance=instance, new_pass=new_pass)

    def trigger_crash_dump(self, ctxt, instance):
        self._cast(ctxt, '1.8', 'trigger_crash_dump', instance['host'],
                   instance=instance)

    # --- 1.7: live migration (source and destination sides) --------------
    def check_can_live_migrate_destination(self, ctxt, host, instance,
                                           block_migration):
        """Asked of the destination before anything moves: what the source
        needs to reach it (its driver's migration target)."""
        return self._prepare('1.7', server=host, timeout=120).call(
            ctxt, 'check_can_live_migrate_destination', instance=instance,
            block_migration=block_migration)

    def live_migration(self, ctxt, host, instance, migration, dest_data,
                       block_migration):
        """To the source: run the live migration flow."""
        self._cast(ctxt, '1.7', 'live_migration', host, instance=instance,
                   migration=migration, dest_data=dest_data,
                   block_migration=block_migration)

    def pre_live_migration(self, ctxt, host, instance, migration,
                           dest_data, block_migration):
        """To the destination: volumes connected there (new attachments);
        returns the migrate data the source moves the guest with."""
        return self._prepare('1.7', server=host, timeout=300).call(
            ctxt, 'pre_live_migration', instance=instance,
            migration=migration, dest_data=dest_data,
            block_migration=block_migration)

    def post_live_migration_at_destination(self, ctxt, host, instance,
                                           migration, migrate_data):
        """To the destination once the guest runs there: it is its now."""
        return self._prepare('1.7', server=host, timeout=300).call(
            ctxt, 'post_live_migration_at_destination', instance=instance,
            migration=migration, migrate_data=migrate_data)

    def rollback_live_migration_at_destination(self, ctxt, host, instance,
                                               migration, migrate_data):
        """To the destination when the move failed: undo its preparation."""
        self._cast(ctxt, '1.7', 'rollback_live_migration_at_destination',
                   host, instance=instance, migration=migration,
                   migrate_data=migrate_data)

    def live_migration_force_complete(self, ctxt, host, instance,
                                      migration_uuid):
        self._cast(ctxt, '1.7', 'live_migration_force_complete', host,
                   instance=instance, migration_uuid=migration_uuid)

    def live_migration_abort(self, ctxt, host, instance, migration_uuid):
        self._cast(ctxt, '1.7', 'live_migration_abort', host,
                   instance=instance, migration_uuid=migration_uuid)
