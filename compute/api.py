"""ComputeAPI: the Python API REST handlers call. One method per
operation: check the state, compare-and-swap the task_state, record the
action, cast. Runs in stratus-api (it reads and writes the database; the
compute daemon's own modules never do)."""
import secrets
import string

from stratus.common import exception
from stratus.common import log
from stratus.common import primitives
from stratus.compute import rpcapi as compute_rpcapi
from stratus.compute import states
from stratus.compute import unsent
from stratus.conductor import rpcapi as conductor_rpcapi
from stratus.db.api import action_events
from stratus.db.api import allocations
from stratus.db.api import instances
from stratus.db.api import services as db_services

LOG = log.getLogger(__name__)
_PASSWORD_CHARS = string.ascii_letters + string.digits


def generate_password(length=12):
    return ''.join(secrets.choice(_PASSWORD_CHARS) for _ in range(length))


def _group_facts(group):
    """What the scheduler needs of a server group (plain data)."""
    if not group:
        return None
    return {'uuid': group['uuid'], 'policy': group['policy']}


class ComputeAPI:
    def __init__(self):
        # A send the broker did not take undoes the task_state set for it.
        self.conductor = unsent.UndoUnsent(
            conductor_rpcapi.ConductorRPCClient())
        self.compute_rpc = unsent.UndoUnsent(
            compute_rpcapi.ComputeRPCClient())

    # --- reading -------------------------------------------------------------
    def get(self, ctxt, uuid, read_deleted=False, extras=True):
        """The instance if `ctxt` may see it; another project's is 404."""
        instance = instances.get(uuid, read_deleted=read_deleted,
                                 extras=extras)
        if not ctxt.is_admin and instance['project_id'] != ctxt.project_id:
            raise exception.InstanceNotFound(instance_id=uuid)
        return instance

    # --- create --------------------------------------------------------------
    def create(self, ctxt, request):
        """`request`: name, flavor (dict), image (dict or None), min_count,
        max_count, metadata, key (dict or None), user_data,
        availability_zone, networks, scheduler_hints, group (dict or None),
        description. Returns (instances, admin_password)."""
        from stratus.compute import create as create_helpers
        rows = create_helpers.instance_rows(ctxt, request)
        created = create_helpers.insert_within_quota(
            ctxt, rows, request['min_count'], request.get('metadata'),
            request.get('group'), request.get('tags') or (),
            request.get('security_groups') or ())
        uuids = [i['uuid'] for i in created]
        volumes = request.get('block_devices') or []
        if volumes:
            self._map_volumes(ctxt, uuids, volumes)
        for uuid in uuids:
            action_events.action_start(uuid, 'create', ctxt.request_id,
                                       ctxt.user_id, ctxt.project_id)
        try:
            self.conductor.build_instances(ctxt, uuids, {
                'flavor': request['flavor'], 'image': request['image'],
                'volume_backed': bool(request.get('volume_backed')),
                'volumes': bool(volumes),
                'availability_zone': request.get('availability_zone'),
                'scheduler_hints': request.get('scheduler_hints') or {},
                'group': _group_facts(request.get('group')),
                'requested_destination':
                    request.get('requested_destination')})
        except exception.BusUnavailable:
            # The client gets 503: the servers must not exist either.
            self._forget(ctxt, uuids)
            raise
        LOG.info('Creating %d instance(s) %s', len(uuids), uuids)
        return created, request.get('admin_password') or generate_password()

    @classmethod
    def _map_volumes(cls, ctxt, uuids, volumes):
        """The new servers' volume mappings, existing volumes reserved for
        them; if that fails the servers go again (nothing was cast)."""
        from stratus.compute import server_volumes
        try:
            for uuid in uuids:
                server_volumes.create_mappings(ctxt, uuid, volumes)
        except Exception:
            cls._forget(ctxt, uuids)
            raise

    @staticmethod
    def _forget(ctxt, uuids):
        """New servers go again: volumes released, rows deleted."""
        from stratus.compute import server_volumes
        for uuid in uuids:
            server_volumes.release_all(ctxt, uuid)
            instances.soft_delete(uuid)

    # --- updates -------------------------------------------------------------
    def update(self, ctxt, uuid, values):
        self.get(ctxt, uuid)
        return instances.update(uuid, values, full=True)

    def swap_volume(self, ctxt, instance, old_volume, new_volume):
        """nova's swap_volume (ACTIVE, PAUSED or RESIZED, not locked): the
        checks and the cast live with the other volume operations."""
        from stratus.compute import server_volumes
        server_volumes.ServerVolumesAPI(self).swap(ctxt, instance,
                                                   old_volume, new_volume)

    def _check_lock(self, ctxt, instance):
        if instance['locked'] and not ctxt.is_admin and \
                instance['locked_by'] != 'owner':
            raise exception.InstanceIsLocked(instance_uuid=instance['uuid'])
        if instance['locked'] and not ctxt.is_admin and \
                ctxt.project_id != instance['project_id']:
            raise exception.InstanceIsLocked(instance_uuid=instance['uuid'])

    def check_can(self, ctxt, instance, action):
        """nova's @check_instance_lock then @check_instance_state, for a
        caller that must check them before looking other things up."""
        self._check_lock(ctxt, instance)
        states.check(instance, action)

    def start_action(self, ctxt, uuid, action, task_state, check=None,
                     locked_ok=False):
        """Check lock (unless `locked_ok`) and state (nova's table,
        states.check under the name `check`, default `action`), move to
        `task_state` atomically, record the action. Returns the updated
        instance (a primitive)."""
        instance = self.get(ctxt, uuid, extras=False)
        if not locked_ok:
            self._check_lock(ctxt, instance)
        check = check or action
        states.check(instance, check, action)
        expected = {}
        if states.ALLOWED[check] is not None:
            expected['expected_vm_state'] = list(states.ALLOWED[check])
        if states.task_states_for(check) is not None:
            expected['expected_task_state'] = list(
                states.task_states_for(check))
        instance = instances.update(
            uuid, {'task_state': task_state}, action={
                'action': action, 'request_id': ctxt.request_id,
                'user_id': ctxt.user_id, 'project_id': ctxt.project_id},
            **expected)
        return primitives.to_primitive(instance)

    def stop(self, ctxt, uuid):
        instance = self.start_action(ctxt, uuid, 'stop',
                                     states.POWERING_OFF)
        self.compute_rpc.stop_instance(ctxt, instance)

    def start(self, ctxt, uuid):
        instance = self.start_action(ctxt, uuid, 'start', states.POWERING_ON)
        self.compute_rpc.start_instance(ctxt, instance)

    def reboot(self, ctxt, uuid, reboot_type):
        task_state = (states.REBOOTING_HARD if reboot_type == 'HARD'
                      else states.REBOOTING)
        instance = self.start_action(
            ctxt, uuid, 'reboot', task_state,
            check='reboot_hard' if reboot_type == 'HARD' else 'reboot')
        self.compute_rpc.reboot_instance(ctxt, instance, reboot_type)

    def pause(self, ctxt, uuid):
        instance = self.start_action(ctxt, uuid, 'pause', states.PAUSING)
        self.compute_rpc.pause_instance(ctxt, instance)

    def unpause(self, ctxt, uuid):
        instance = self.start_action(ctxt, uuid, 'unpause', states.UNPAUSING)
        self.compute_rpc.unpause_instance(ctxt, instance)

    def suspend(self, ctxt, uuid):
        instance = self.start_action(ctxt, uuid, 'suspend',
                                     states.SUSPENDING)
        self.compute_rpc.suspend_instance(ctxt, instance)

    def resume(self, ctxt, uuid):
        instance = self.start_action(ctxt, uuid, 'resume', states.RESUMING)
        self.compute_rpc.resume_instance(ctxt, instance)

    def rescue(self, ctxt, uuid, password=None, rescue_image=None):
        """`rescue_image`: an image dict, or None for the instance's own."""
        instance = self.start_action(ctxt, uuid, 'rescue', states.RESCUING)
        password = password or generate_password()
        image = rescue_image or {'id': instance['image_ref']}
        self.compute_rpc.rescue_instance(ctxt, instance, image, password)
        return password

    def unrescue(self, ctxt, uuid):
        instance = self.start_action(ctxt, uuid, 'unrescue',
                                     states.UNRESCUING)
        self.compute_rpc.unrescue_instance(ctxt, instance)

    def rebuild(self, ctxt, uuid, image, name=None, metadata=None,
                changes=None, reimage_boot_volume=False):
        """New disk from `image` (a checked image dict); id, flavor, host
        and metadata stay unless `name`/`metadata`/`changes` replace them.
        A volume-backed server keeps no image_ref (nova's rule); from 2.93
        (`reimage_boot_volume`) its root volume is re-imaged."""
        from stratus.compute import create
        from stratus.compute import volume_rebuild
        reimage = volume_rebuild.check(self, ctxt, self.get(ctxt, uuid),
                                       image, reimage_boot_volume)
        if metadata is not None:
            # nova: lock and state first, then the metadata_items quota.
            from stratus.compute import quota_checks
            current = self.get(ctxt, uuid, extras=False)
            self._check_lock(ctxt, current)
            states.check(current, 'rebuild')
            quota_checks.check_metadata(ctxt, metadata)
        if reimage_boot_volume:
            volume_rebuild.check_compute_version()
        instance = self.start_action(ctxt, uuid, 'rebuild',
                                     states.REBUILDING)
        meta = {k: v for k, v in instance['system_metadata'].items()
                if not k.startswith('image_')}
        meta.update(create.image_system_metadata(image))
        values = dict(changes or {}, system_metadata=meta)
        if instance['image_ref']:
            values['image_ref'] = image['id']
        if name is not None:
            values['display_name'] = name
        instance = instances.update(uuid, values, full=True)
        if metadata is not None:
            instances.metadata_update(uuid, metadata, replace=True)
            instance['metadata'] = metadata
        self.compute_rpc.rebuild_instance(
            ctxt, primitives.to_primitive(instance), image,
            reimage_boot_volume=reimage)
        return instance

    def snapshot(self, ctxt, uuid, name, metadata=None):
        """createImage: a queued image now, filled by the compute."""
        from stratus.compute import snapshot_images
        instance = self.get(ctxt, uuid)
        image = snapshot_images.create(ctxt, instance, name, metadata)
        try:
            # No lock check: nova lets a locked server be snapshotted.
            instance = self.start_action(ctxt, uuid, 'createImage',
                                         states.IMAGE_SNAPSHOT_PENDING,
                                         locked_ok=True)
        except Exception:
            snapshot_images.delete_quietly(image['id'])
            raise
        self.compute_rpc.snapshot_instance(ctxt, instance, image['id'])
        return image

    def backup(self, ctxt, uuid, name, backup_type, rotation,
               metadata=None):
        """createBackup: a queued backup image now, filled by the compute,
        which then rotates out the oldest backups of this type."""
        from stratus.compute import server_volumes
        from stratus.compute import snapshot_images
        instance = self.get(ctxt, uuid)
        if server_volumes.root_is_volume(instance):
            raise exception.Invalid('Backup is not supported for '
                                    'volume-backed instances.')
        properties = dict(metadata or {}, image_type='backup',
                          backup_type=backup_type)
        image = snapshot_images.create(ctxt, instance, name, properties)
        try:
            # nova does not refuse a backup of a locked server.
            instance = self.start_action(ctxt, uuid, 'createBackup',
                                         states.IMAGE_BACKUP,
                                         locked_ok=True)
        except Exception:
            snapshot_images.delete_quietly(image['id'])
            raise
        self.compute_rpc.backup_instance(ctxt, instance, image['id'],
                                         backup_type, rotation)
        return image

    def inject_network_info(self, ctxt, instance):
        self._check_lock(ctxt, instance)
        self.compute_rpc.inject_network_info(
            ctxt, primitives.to_primitive(instance))

    def shelve(self, ctxt, uuid):
        from stratus.compute import snapshot_images
        instance = self.start_action(ctxt, uuid, 'shelve', states.SHELVING)
        image = snapshot_images.create(
            ctxt, instance, '%s-shelved' % instance['display_name'],
            check_quota=False)
        self.compute_rpc.shelve_instance(ctxt, instance, image['id'])

    def shelve_offload(self, ctxt, uuid):
        instance = self.start_action(ctxt, uuid, 'shelveOffload',
                                     states.SHELVING_OFFLOADING)
        self.compute_rpc.shelve_offload_instance(ctxt, instance)

    def unshelve(self, ctxt, uuid, availability_zone=None, host=None,
                 zone_given=False):
        """`zone_given`: the body named a zone (null unpins). nova's order:
        lock and state, then a zone or host only for an offloaded server
        (409), the zone exists (400), the host only for admins (403)."""
        instance = self.get(ctxt, uuid, extras=False)
        self.check_can(ctxt, instance, 'unshelve')
        if (zone_given or host) and \
                instance['vm_state'] != states.SHELVED_OFFLOADED:
            raise exception.UnshelveInstanceInvalidState(
                instance_uuid=uuid, state=instance['vm_state'])
        if availability_zone and availability_zone not in {
                s['availability_zone'] for s in db_services.service_list(
                    binary='stratus-compute') if not s['disabled']}:
            raise exception.Invalid('The requested availability zone is '
                                    'not available')
        if host and not ctxt.is_admin:
            raise exception.Forbidden(
                action='os_compute_api:os-shelve:unshelve_to_host')
        self.start_action(ctxt, uuid, 'unshelve', states.UNSHELVING)
        self.conductor.unshelve_instance(ctxt, uuid, availability_zone,
                                         host)

    # --- resize and cold migration -------------------------------------------
    def resize(self, ctxt, uuid, flavor=None, host=None):
        """Resize to `flavor`, or cold-migrate (flavor None, optionally to
        `host`). The conductor finds the destination."""
        from stratus.compute import create
        from stratus.db.api import migration_records
        current = self.get(ctxt, uuid)
        action = 'resize' if flavor is not None else 'migrate'
        # nova's order: lock, state, same flavor, upsize quota.
        self._check_lock(ctxt, current)
        states.check(current, action)
        if flavor is not None and \
                flavor['flavorid'] == current['flavor']['flavorid']:
            raise exception.CannotResizeToSameFlavor()
        if flavor is not None:
            from stratus.compute import quota_checks
            quota_checks.check_upsize(ctxt, current['project_id'],
                                      current['flavor'], flavor)
        instance = self.start_action(ctxt, uuid, action, states.RESIZE_PREP)
        new_flavor = create.flavor_snapshot(flavor) if flavor \
            else current['flavor']
        migration = migration_records.create({
            'instance_uuid': uuid, 'status': 'pre-migrating',
            'migration_type': 'resize' if flavor else 'migration',
            'source_compute': instance['host'],
            'source_node': instance['node'],
            'old_flavor_id': current['flavor']['flavorid'],
            'new_flavor_id': new_flavor['flavorid'],
            'project_id': ctxt.project_id, 'user_id': ctxt.user_id})
        meta = dict(instance['system_metadata'],
                    old_vm_state=instance['vm_state'])
        instances.update(uuid, {'new_flavor': new_flavor,
                                'system_metadata': meta})
        self.conductor.migrate_server(ctxt, uuid, migration['uuid'],
                                      new_flavor, host)

    def _unconfirmed(self, instance):
        from stratus.db.api import migration_records
        migration = migration_records.in_progress_for(instance['uuid'])
        if migration is None:
            # nova's answer to a confirm or revert with nothing to do (400).
            raise exception.Invalid('Instance has not been resized.')
        return primitives.to_primitive(migration)

    def confirm_resize(self, ctxt, uuid):
        from stratus.db.api import migration_records
        instance = self.get(ctxt, uuid)
        self._check_lock(ctxt, instance)
        states.check(instance, 'confirmResize')
        migration = self._unconfirmed(instance)
        migration_records.update(migration['uuid'],
                                 {'status': 'confirming'})
        action_events.action_start(uuid, 'confirmResize', ctxt.request_id,
                                   ctxt.user_id, ctxt.project_id)
        self.compute_rpc.confirm_resize(
            ctxt, migration['source_compute'],
            primitives.to_primitive(instance), migration)

    def revert_resize(self, ctxt, uuid):
        from stratus.db.api import migration_records
        # The migration is found before the task_state changes (nova).
        from stratus.compute import quota_checks
        current = self.get(ctxt, uuid, extras=False)
        self.check_can(ctxt, current, 'revertResize')
        migration = self._unconfirmed({'uuid': uuid})
        if current.get('old_flavor'):
            # Reverting a resize down grows the server again: quota.
            quota_checks.check_upsize(ctxt, current['project_id'],
                                      current['flavor'],
                                      current['old_flavor'])
        instance = self.start_action(ctxt, uuid, 'revertResize',
                                     states.RESIZE_REVERTING)
        migration_records.update(migration['uuid'], {'status': 'reverting'})
        self.compute_rpc.revert_resize(ctxt, instance['host'], instance,
                                       migration)

    def lock(self, ctxt, uuid, reason=None):
        instance = self.get(ctxt, uuid)
        instances.update(uuid, {
            'locked': True, 'locked_reason': reason,
            'locked_by': 'owner' if ctxt.project_id == instance['project_id']
            else 'admin'})
        action_events.action_start(uuid, 'lock', ctxt.request_id,
                                   ctxt.user_id, ctxt.project_id)

    def unlock(self, ctxt, uuid):
        instance = self.get(ctxt, uuid)
        if instance['locked_by'] == 'admin' and not ctxt.is_admin:
            # nova: unlocking another's lock needs the override policy.
            raise exception.Forbidden(
                action='os_compute_api:os-lock-server:unlock:'
                       'unlock_override')
        instances.update(uuid, {'locked': False, 'locked_by': None,
                                'locked_reason': None})
        action_events.action_start(uuid, 'unlock', ctxt.request_id,
                                   ctxt.user_id, ctxt.project_id)

    def console_output(self, ctxt, uuid, length=None):
        """nova checks only that the server has a host (409 otherwise),
        no vm_state."""
        instance = self.get(ctxt, uuid)
        if not instance['host']:
            raise exception.InstanceNotReady(instance_id=uuid)
        return self.compute_rpc.get_console_output(
            ctxt, primitives.to_primitive(instance), length)

    def restore(self, ctxt, uuid):
        """Only for SOFT_DELETED, which servers here never are (deletes
        are immediate): the lock and state checks are nova's."""
        instance = self.get(ctxt, uuid)
        self._check_lock(ctxt, instance)
        states.check(instance, 'restore')
        instances.update(uuid, {'vm_state': states.ACTIVE,
                                'deleted_at': None})

    def force_delete(self, ctxt, uuid):
        """nova's force_delete checks the lock but no state: any server
        goes, as a delete does."""
        self.delete(ctxt, uuid)

    # --- metadata ------------------------------------------------------------
    def update_metadata(self, ctxt, uuid, metadata, replace=False):
        """Lock, state ('update metadata') and metadata_items quota on the
        whole result, as nova checks them. Returns the new metadata."""
        from stratus.compute import quota_checks
        instance = self.get(ctxt, uuid)
        self._check_lock(ctxt, instance)
        states.check(instance, 'update metadata')
        merged = dict(metadata) if replace else dict(
            instance.get('metadata') or {}, **metadata)
        quota_checks.check_metadata(ctxt, merged)
        return instances.metadata_update(uuid, metadata, replace=replace)

    def delete_metadata(self, ctxt, uuid, key):
        instance = self.get(ctxt, uuid)
        if key not in (instance.get('metadata') or {}):
            raise exception.MetadataItemNotFound(key=key)
        self._check_lock(ctxt, instance)
        states.check(instance, 'delete metadata')
        instances.metadata_delete(uuid, key)

    # --- delete --------------------------------------------------------------
    def delete(self, ctxt, uuid, force=False):
        """Any state may be deleted. Without a (live) host the record is
        removed here, as nova's local delete does."""
        instance = self.get(ctxt, uuid)
        if not force:
            self._check_lock(ctxt, instance)
        action_events.action_start(uuid, 'delete', ctxt.request_id,
                                   ctxt.user_id, ctxt.project_id)
        host = instance['host']
        if host and self._host_is_up(host):
            instance = instances.update(uuid, {'task_state':
                                               states.DELETING})
            self.compute_rpc.terminate_instance(
                ctxt, primitives.to_primitive(instance))
            return
        LOG.info('Deleting locally (host %s)', host or 'none',
                 instance=instance)
        from stratus.compute import server_volumes
        server_volumes.release_all(ctxt, uuid)
        instances.soft_delete(uuid)
        allocations.delete(uuid)

    def external_instance_event(self, ctxt, instances, events):
        """Deliver accepted external events to the servers' computes."""
        from stratus.compute import external_events
        external_events.dispatch(self.compute_rpc, ctxt, instances, events)

    @staticmethod
    def _host_is_up(host):
        rows = db_services.service_list(binary='stratus-compute', host=host)
        return bool(rows) and rows[0]['is_up']
