"""VolumeAPI: the Python API the block-storage REST handlers call. One
method per operation: check the state (compare-and-swap), quota, cast.
Runs in stratus-api; snapshots are in snapshot_api.py, attaching in
attach_api.py."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volume_attachments
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.scheduler import rpcapi as scheduler_rpcapi
from stratus.volume import admin_ops
from stratus.volume import rpcapi as volume_rpcapi
from stratus.volume import size_limits
from stratus.volume import states

LOG = log.getLogger(__name__)

DELETE_REFUSED = ('Volume %s must not be migrating, attached, belong to a '
                  'group, have snapshots, awaiting a transfer, or be '
                  'disassociated from snapshots after volume transfer.')


class VolumeAPI:
    def __init__(self):
        self.scheduler_rpc = scheduler_rpcapi.SchedulerRPCClient()
        self.volume_rpc = volume_rpcapi.VolumeRPCClient()

    # --- reading -------------------------------------------------------------
    def get(self, ctxt, volume_id):
        """The volume if `ctxt` may see it; another project's is 404."""
        volume = db_volumes.get(volume_id)
        if not ctxt.is_admin and volume['project_id'] != ctxt.project_id:
            raise exception.VolumeNotFound(volume_id=volume_id)
        return volume

    # --- create --------------------------------------------------------------
    def create(self, ctxt, request):
        """Runs volume_create_api; returns the new volume (creating)."""
        # TaskFlow (and networkx) load on the first create, not at start.
        from stratus.volume.flows.api import create as create_flow
        volume = create_flow.run(ctxt, request, self.scheduler_rpc)
        LOG.info('Create volume request issued successfully: %s',
                 volume['id'])
        return volume

    # --- delete --------------------------------------------------------------
    def delete(self, ctxt, volume_id, cascade=False, force=False):
        volume = self.get(ctxt, volume_id)
        if not volume['host']:
            # Never placed (or its scheduling failed): nothing on any
            # backend, the row simply goes.
            db_volumes.destroy(volume['id'])
            LOG.info('Volume %s had no backend; deleted', volume['id'])
            return
        admin_ops.assert_not_frozen(volume['host'])
        if volume['status'] == states.MAINTENANCE and not force:
            raise exception.InvalidVolume(
                reason='The volume cannot be deleted in maintenance mode.')
        statuses = None if force else states.DELETE_FROM
        snapshot_statuses = None if force else states.CASCADE_SNAPSHOT_FROM
        updated = db_volumes.begin_delete(
            volume['id'], statuses=statuses, cascade=cascade,
            snapshot_statuses=snapshot_statuses,
            project_id=None if ctxt.is_admin else ctxt.project_id)
        if updated is None:
            status = '' if force else 'status must be %s and' % \
                states.or_list(states.DELETE_FROM)
            raise exception.InvalidVolume(reason=DELETE_REFUSED % status)
        self.volume_rpc.delete_volume(ctxt, updated, cascade)
        LOG.info('Delete volume request issued successfully: %s',
                 volume['id'])

    # --- update --------------------------------------------------------------
    def update(self, ctxt, volume_id, values):
        volume = self.get(ctxt, volume_id)
        if volume['status'] == states.MAINTENANCE:
            raise exception.InvalidVolume(
                reason='The volume cannot be updated during maintenance.')
        return db_volumes.update(volume['id'], values, view=True)

    def update_metadata(self, ctxt, volume_id, metadata, delete=False):
        volume = self.get(ctxt, volume_id)
        if volume['status'] in (states.MAINTENANCE, 'uploading'):
            raise exception.InvalidVolume(
                reason='Updating volume metadata is not allowed for volumes '
                       'in %s status.' % volume['status'])
        return db_volumes.metadata_update(volume['id'], metadata, delete)

    def delete_metadata(self, ctxt, volume_id, key):
        volume = self.get(ctxt, volume_id)
        if volume['status'] in (states.MAINTENANCE, 'uploading'):
            raise exception.InvalidVolume(
                reason='Deleting volume metadata is not allowed for volumes '
                       'in %s status.' % volume['status'])
        db_volumes.metadata_delete(volume['id'], key)

    # --- extend --------------------------------------------------------------
    def extend(self, ctxt, volume_id, new_size, attached=False):
        """`attached`: an in-use volume may grow (3.42 and later)."""
        volume = self.get(ctxt, volume_id)
        increase = int(new_size) - volume['size']
        if increase <= 0:
            raise exception.Invalid(
                reason='New size for extend must be greater than current '
                       'size. (current: %s, extended: %s).' % (
                           volume['size'], new_size))
        size_limits.check(volume['volume_type_id'], new_size,
                          volume['project_id'])
        expected = states.EXTEND_ATTACHED_FROM[0] if attached \
            else states.EXTEND_FROM[0]
        if volume['status'] != expected:
            raise exception.InvalidVolume(
                reason="Volume %s status must be '%s' to extend, currently "
                       "%s." % (volume['id'], {'status': expected},
                                volume['status']))
        type_name = (volume['volume_type'] or {}).get('name')
        deltas = {'gigabytes': increase}
        if type_name:
            deltas['gigabytes_%s' % type_name] = increase
        reservations = volume_quotas.reserve(volume['project_id'], deltas,
                                             volume_size=int(new_size))
        updated = db_volumes.update(volume['id'], {
            'status': states.EXTENDING, 'previous_status': volume['status']},
            expected={'status': expected})
        if updated is None:
            volume_quotas.rollback(reservations)
            raise exception.InvalidVolume(
                reason="Volume %s status must be '%s' to extend, currently "
                       "%s." % (volume['id'], {'status': expected},
                                db_volumes.get(volume['id'])['status']))
        # The scheduler checks the backend has room, as cinder's does.
        self.scheduler_rpc.extend_volume(ctxt, updated, int(new_size),
                                         reservations)
        LOG.info('Extend volume request issued successfully: %s',
                 volume['id'])

    # --- admin ---------------------------------------------------------------
    def reset_status(self, ctxt, volume_id, status=None, attach_status=None,
                     migration_status=None):
        volume = self.get(ctxt, volume_id)
        values = {}
        if status is not None:
            values['status'] = status
        if attach_status is not None:
            values['attach_status'] = attach_status
        if migration_status is not None:
            values['migration_status'] = (None if migration_status == 'none'
                                          else migration_status)
        with session.writer() as s:
            if attach_status == states.DETACHED:
                for attachment in volume_attachments.for_volume(s,
                                                                volume['id']):
                    volume_attachments.delete(s, attachment['id'])
                admin = dict(volume['admin_metadata'])
                if admin.pop('attached_mode', None) is not None:
                    values['admin_metadata'] = admin
            db_volumes.update(volume['id'], values, s=s)
        LOG.info('Volume %s status reset to %s', volume['id'], values)
