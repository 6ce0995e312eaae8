"""ManageAPI: the API's half of managing existing backend objects
(cinder's manage_existing, manage_existing_snapshot, get_manageable_*,
and unmanage): the checks, the row in 'managing'/'creating', the cast to
the backend's volume service. The volume service sizes and takes the
object over (stratus.volume.manage_manager).

Both manages go through stratus-scheduler, as cinder routes them through
its scheduler: it checks that the named backend passes the filters (a
snapshot: that it has room for the volume's size), gives a managed
volume its pool and casts on."""
import uuid

from stratus.common import exception
from stratus.db.api import default_types
from stratus.db.api import services as db_services
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.scheduler import rpcapi as scheduler_rpcapi
from stratus.volume import api as volume_api
from stratus.volume import host_names
from stratus.volume import rpcapi as volume_rpcapi
from stratus.volume import states
from stratus.volume.drivers import manageable

VOLUME_BINARY = 'stratus-volume'
_UNMANAGE_FROM = states.DELETE_FROM


def _unavailable():
    # cinder's ServiceUnavailable is an Invalid: a 400.
    return exception.Invalid('Service is unavailable at this time.')


def service_for(host):
    """The volume service of `host` (host@backend[#pool]) that is up and
    enabled, as cinder's _get_service_by_host_cluster checks."""
    backend = host_names.extract(host, 'backend')
    rows = db_services.service_list(binary=VOLUME_BINARY, host=backend)
    if not rows:
        raise exception.ServiceNotFound(
            'Service cinder-volume could not be found on host %s.' % backend)
    service = rows[0]
    if service['disabled'] or not service['is_up']:
        raise _unavailable()
    return service


class ManageAPI:
    def __init__(self):
        self.volume_rpc = volume_rpcapi.VolumeRPCClient()
        self.scheduler_rpc = scheduler_rpcapi.SchedulerRPCClient()

    # --- volumes -------------------------------------------------------------
    def manage_volume(self, ctxt, host, ref, name=None, description=None,
                      volume_type=None, metadata=None,
                      availability_zone=None, bootable=False):
        if isinstance(ref, dict) and 'source-name' in ref:
            known = manageable.volume_id_of(ref['source-name'])
            if known and _live_volume(known):
                raise exception.InvalidVolume(
                    reason='Unable to manage existing volume. The volume is '
                           'already managed')
        volume_type = volume_type or default_types.effective_default(
            ctxt.project_id)
        service = service_for(host)
        volume = db_volumes.create({
            'id': str(uuid.uuid4()), 'project_id': ctxt.project_id,
            'user_id': ctxt.user_id, 'size': 0,
            'availability_zone': availability_zone or
            service['availability_zone'],
            # A named pool stays; else the scheduler picks one of the
            # backend's.
            'host': host if host_names.extract(host, 'pool') else
            service['host'],
            'status': 'managing', 'attach_status': states.DETACHED,
            'display_name': name, 'display_description': description,
            'volume_type_id': volume_type['id'], 'bootable': bootable,
            # Counted once the backend has said how big it is.
            'use_quota': False, 'replication_status': 'disabled'},
            metadata or {})
        self.scheduler_rpc.manage_existing(ctxt, volume, ref)
        return volume

    def manageable_volumes(self, ctxt, host, **paging):
        service = service_for(host)
        return self.volume_rpc.get_manageable_volumes(
            ctxt, service['host'], **paging)

    def unmanage_volume(self, ctxt, volume):
        updated = db_volumes.begin_delete(
            volume['id'], statuses=_UNMANAGE_FROM, cascade=False,
            snapshot_statuses=None)
        if updated is None:
            raise exception.InvalidVolume(
                reason=volume_api.DELETE_REFUSED % (
                    'status must be %s and' % states.or_list(_UNMANAGE_FROM)))
        if not updated['host']:
            db_volumes.destroy(volume['id'])
            return
        self.volume_rpc.unmanage_volume(ctxt, updated)

    # --- snapshots -----------------------------------------------------------
    def manage_snapshot(self, ctxt, volume, ref, name=None, description=None,
                        metadata=None):
        service_for(volume['host'] or '')
        with session.writer() as s:
            snapshot = db_snapshots.create(s, {
                'id': str(uuid.uuid4()), 'volume_id': volume['id'],
                'project_id': ctxt.project_id, 'user_id': ctxt.user_id,
                'status': states.SNAP_CREATING, 'progress': '0%',
                'volume_size': volume['size'], 'display_name': name,
                'display_description': description,
                'volume_type_id': volume['volume_type_id'],
                'use_quota': False}, metadata)
        self.scheduler_rpc.manage_existing_snapshot(ctxt, volume,
                                                    snapshot['id'], ref)
        return snapshot

    def manageable_snapshots(self, ctxt, host, **paging):
        service = service_for(host)
        return self.volume_rpc.get_manageable_snapshots(
            ctxt, service['host'], **paging)

    def unmanage_snapshot(self, ctxt, snapshot):
        updated = db_snapshots.update(
            snapshot['id'], {'status': states.SNAP_DELETING},
            expected={'status': states.SNAPSHOT_DELETE_FROM,
                      'group_snapshot_id': None})
        if updated is None:
            raise exception.InvalidSnapshot(
                reason='Snapshot %s must not be part of a group.' % (
                    'status must be %s and' % states.or_list(
                        states.SNAPSHOT_DELETE_FROM)))
        volume = db_volumes.get(snapshot['volume_id'])
        self.volume_rpc.unmanage_snapshot(ctxt, volume, snapshot['id'])


def _live_volume(volume_id):
    try:
        db_volumes.get(volume_id)
        return True
    except exception.VolumeNotFound:
        return False
