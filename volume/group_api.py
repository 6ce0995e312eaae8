"""GroupAPI: generic volume groups and group snapshots for the REST
handlers (runs in stratus-api): cinder's state checks and messages, the
groups quota, the rows, the cast to stratus-scheduler (a new group's
placement) or to the group's backend. The backend then works member by
member with the ordinary driver calls (volume/manager_groups.py)."""
import uuid

from oslo_utils import uuidutils

from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import group_snapshots as db_group_snapshots
from stratus.db.api import group_types as db_group_types
from stratus.db.api import groups as db_groups
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_quotas
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.scheduler import rpcapi as scheduler_rpcapi
from stratus.volume import group_replication
from stratus.volume import group_snapshot_api
from stratus.volume import host_names
from stratus.volume import rpcapi as volume_rpcapi
from stratus.volume.tasks import request as volume_request

LOG = log.getLogger(__name__)
REMOVE_FROM = ('available', 'in-use', 'error', 'error_deleting')
ADD_FROM = ('available', 'in-use')


def _backend(group):
    return host_names.extract(group['host'], 'backend')


def check_not_cgsnapshot_type(type_id, what='group'):
    """Groups of cinder's default_cgsnapshot_type belong to the
    consistency-group APIs."""
    if db_group_types.is_cgsnapshot_type(type_id):
        if what == 'group':
            tail = 'Migrated group can only be operated by CG APIs.'
        else:
            tail = ('Migrated group snapshots can only be operated by CG '
                    'snapshot APIs.')
        raise exception.Invalid('Group_type %s is reserved for migrating '
                                'CGs to groups. %s' % (type_id, tail))


class GroupAPI(group_snapshot_api.GroupSnapshotMixin,
               group_replication.GroupReplicationMixin):
    def __init__(self):
        self.scheduler_rpc = scheduler_rpcapi.SchedulerRPCClient()
        self.volume_rpc = volume_rpcapi.VolumeRPCClient()

    # --- reading -------------------------------------------------------------
    def get(self, ctxt, group_id):
        group = db_groups.get(group_id)
        if not ctxt.is_admin and group['project_id'] != ctxt.project_id:
            raise exception.GroupNotFound(group_id=group_id)
        return group

    # --- create --------------------------------------------------------------
    @staticmethod
    def _zone(requested):
        zone = requested or CONF.default_availability_zone or \
            CONF.storage_availability_zone
        if zone not in volume_request.known_zones() and \
                zone not in volume_request.known_zones(refresh=True):
            raise exception.Invalid(
                reason="Availability zone '%s' is invalid." % zone)
        return zone

    @staticmethod
    def _group_type(ctxt, value):
        public_only = not ctxt.is_admin
        if not uuidutils.is_uuid_like(value):
            return db_group_types.get_by_name(value, public_only)
        # A uuid is an id, or else a name that looks like one.
        return db_group_types.get_by_name_or_id(value, public_only)

    @staticmethod
    def _volume_types(names_or_ids):
        found = []
        for value in names_or_ids:
            try:
                found.append(volume_types.type_get_by_name_or_id(value))
            except exception.VolumeTypeNotFound:
                # cinder looks a uuid up as an id only, a name as a name.
                if uuidutils.is_uuid_like(value):
                    raise exception.VolumeTypeNotFound(volume_type_id=value)
                raise
        return found

    @staticmethod
    def _reserve_group(ctxt):
        return volume_quotas.reserve(ctxt.project_id, {'groups': 1})

    def create(self, ctxt, name, description, group_type, type_names,
               availability_zone=None, cg=False):
        """`cg`: a consistency group (the CG API makes groups of the
        reserved cgsnapshot type)."""
        # cinder's order: a group type name, the volume types, a group
        # type id.
        gtype = None
        if not uuidutils.is_uuid_like(group_type):
            gtype = self._group_type(ctxt, group_type)
        if not cg:
            check_not_cgsnapshot_type(gtype['id'] if gtype else group_type)
        vtypes = self._volume_types(type_names)
        gtype = gtype or self._group_type(ctxt, group_type)
        zone = self._zone(availability_zone)
        reservations = self._reserve_group(ctxt)
        try:
            group = db_groups.create({
                'id': str(uuid.uuid4()), 'project_id': ctxt.project_id,
                'user_id': ctxt.user_id, 'availability_zone': zone,
                'status': 'creating', 'name': name,
                'description': description, 'group_type_id': gtype['id'],
                'replication_status': 'disabled'},
                # A type named twice (by name and id) is mapped once.
                list(dict.fromkeys(t['id'] for t in vtypes)))
        except Exception:
            volume_quotas.rollback(reservations)
            raise
        volume_quotas.commit(reservations)
        # cinder's scheduler places the group (or puts it in error) and
        # casts it to its backend (scheduler/group_placement.py).
        self.scheduler_rpc.create_group(ctxt, group)
        return group

    def create_from_src(self, ctxt, name, description,
                        group_snapshot_id=None, source_group_id=None,
                        cg=False):
        if group_snapshot_id:
            gsnap = self.get_group_snapshot(ctxt, group_snapshot_id)
            source = self.get(ctxt, gsnap['group_id'])
            members = db_group_snapshots.members(gsnap['id'])
            sizes = [m['volume_size'] for m in members]
        else:
            gsnap = None
            source = self.get(ctxt, source_group_id)
            members = db_groups.volumes(source['id'])
            sizes = [m['size'] for m in members]
        if not cg:
            check_not_cgsnapshot_type(source['group_type_id'])
        reservations = self._reserve_group(ctxt)
        try:
            group = db_groups.create({
                'id': str(uuid.uuid4()), 'project_id': ctxt.project_id,
                'user_id': ctxt.user_id,
                'availability_zone': source['availability_zone'],
                'status': 'creating', 'name': name,
                'description': description,
                'group_type_id': source['group_type_id'],
                'group_snapshot_id': group_snapshot_id,
                'source_group_id': source_group_id,
                'replication_status': 'disabled'},
                list(source['volume_type_ids']))
        except Exception:
            volume_quotas.rollback(reservations)
            raise
        volume_quotas.commit(reservations)
        try:
            self._check_source_capacity(ctxt, group, source, sum(sizes))
            if not members:
                raise exception.InvalidGroup(
                    reason='Group snapshot is empty. No group will be '
                           'created.' if gsnap else
                           'Source Group is empty. No group will be '
                           'created.')
            volume_ids = self._member_rows(ctxt, group, members,
                                           bool(gsnap))
        except Exception:
            # The volume rows made so far go too (their quota with them).
            for volume in db_groups.volumes(group['id']):
                db_volumes.destroy(volume['id'])
            db_groups.destroy(group['id'])
            raise
        group = db_groups.get(group['id'])
        self.volume_rpc.create_group_from_src(ctxt, group, volume_ids)
        return group

    def _check_source_capacity(self, ctxt, group, source, size):
        """The new group lives on its source's backend (cinder asks its
        scheduler; 'No valid host' when that backend cannot take it)."""
        if not source['host'] or not \
                self.scheduler_rpc.validate_host_capacity(
                    ctxt, _backend(source),
                    {'size': size,
                     'availability_zone': source['availability_zone']}):
            raise exception.InvalidGroup(
                reason='No valid host to create group %s.' % group['id'])
        db_groups.update(group['id'], {'host': source['host']})
        group['host'] = source['host']

    def _member_rows(self, ctxt, group, members, from_snapshots):
        """One creating volume row per source member, on the group's
        backend, quota held as a volume create holds it."""
        ids = []
        for member in members:
            type_id = member['volume_type_id']
            if type_id:
                db_groups.add_volume_type(group['id'], type_id)
            size = member['volume_size'] if from_snapshots else member['size']
            type_name = None
            if type_id:
                try:
                    type_name = volume_types.type_get(type_id)['name']
                except exception.VolumeTypeNotFound:
                    pass
            reservations = volume_quotas.reserve(
                ctxt.project_id,
                volume_quotas.deltas_for('volumes', size, type_name),
                volume_size=size)
            origin = db_volumes.get(member['volume_id']) if from_snapshots \
                else member
            with session.writer() as s:
                volume = db_volumes.create({
                    'id': str(uuid.uuid4()), 'project_id': ctxt.project_id,
                    'user_id': ctxt.user_id, 'size': size,
                    'availability_zone': group['availability_zone'],
                    'status': 'creating', 'attach_status': 'detached',
                    'host': group['host'], 'group_id': group['id'],
                    'volume_type_id': type_id,
                    'snapshot_id': member['id'] if from_snapshots else None,
                    'source_volid': None if from_snapshots else member['id'],
                    'bootable': bool(origin['bootable']),
                    'replication_status': 'disabled'}, s=s)
                volume_quotas.commit(reservations, s)
            ids.append(volume['id'])
        return ids

    # --- delete --------------------------------------------------------------
    def delete(self, ctxt, group, delete_volumes=False):
        if not group['host']:
            db_groups.destroy(group['id'])
            return
        if not delete_volumes and group['status'] not in ('available',
                                                          'error'):
            raise exception.InvalidGroup(
                reason='Group status must be available or error, but '
                       'current status is: %s' % group['status'])
        if db_groups.has_snapshots(group['id']):
            raise exception.InvalidGroup(
                reason='Group has existing snapshots.')
        volumes = db_groups.volumes(group['id'])
        if volumes and not delete_volumes:
            raise exception.InvalidGroup(
                reason='Group %s still contains volumes. The delete-volumes '
                       'flag is required to delete it.' % group['id'])
        for volume in volumes:
            if volume['attach_status'] == 'attached':
                raise exception.InvalidGroup(
                    reason='Volume in group %s is attached. Need to detach '
                           'first.' % group['id'])
            if db_snapshots.for_volume(volume['id']):
                raise exception.InvalidGroup(
                    reason='Volume in group still has dependent snapshots.')
        updated = db_groups.begin_delete(group['id'], delete_volumes)
        if updated is None:
            if delete_volumes:
                reason = ('Group status must be available or error and must '
                          'not have dependent group snapshots')
            else:
                reason = ('Group must not have attached volumes, volumes '
                          'with snapshots, or dependent group snapshots')
            raise exception.InvalidGroup(
                reason='Cannot delete group %s. %s, and it cannot be the '
                       'source for an ongoing group or group snapshot '
                       'creation.' % (group['id'], reason))
        self.volume_rpc.delete_group(ctxt, updated)

    # --- update --------------------------------------------------------------
    def update(self, ctxt, group, name, description, add_volumes,
               remove_volumes):
        if name == group['name']:
            name = None
        if description == group['description']:
            description = None
        add = add_volumes.strip(',').split(',') if add_volumes else []
        remove = remove_volumes.strip(',').split(',') \
            if remove_volumes else []
        both = [v for v in add if v in remove]
        if both:
            raise exception.InvalidVolume(
                reason='UUIDs %s are in both add and remove volume list.'
                       % both)
        members = db_groups.volumes(group['id'])
        add_ids = self._valid_adds(ctxt, group, members, add) if add else []
        remove_ids = self._valid_removes(group, members, remove) \
            if remove else []
        if name is None and description is None and not add_ids and \
                not remove_ids:
            raise exception.InvalidGroup(
                reason='Cannot update group %s because no valid name, '
                       'description, add_volumes, or remove_volumes were '
                       'provided.' % group['id'])
        values, expected = {}, {}
        if name is not None:
            values['name'] = name
        if description is not None:
            values['description'] = description
        if add_ids or remove_ids:
            expected['status'] = 'available'
            values['status'] = 'updating'
        else:
            values['status'] = 'available'
        updated = db_groups.update(group['id'], values, expected)
        if updated is None:
            raise exception.InvalidGroup(
                reason='Group status must be available.')
        if add_ids or remove_ids:
            self.volume_rpc.update_group(ctxt, updated, add_ids, remove_ids)

    @staticmethod
    def _valid_removes(group, members, remove):
        found = []
        for volume in members:
            if volume['id'] not in remove:
                continue
            if volume['status'] not in REMOVE_FROM:
                raise exception.InvalidVolume(
                    reason='Cannot remove volume %s from group %s because '
                           'volume is in an invalid state: %s. Valid states '
                           'are: %s.' % (volume['id'], group['id'],
                                         volume['status'], REMOVE_FROM))
            found.append(volume['id'])
        for volume_id in remove:
            if volume_id not in found:
                raise exception.InvalidVolume(
                    reason='Cannot remove volume %s from group %s because '
                           'it is not in the group.' % (volume_id,
                                                        group['id']))
        return found

    @staticmethod
    def _valid_adds(ctxt, group, members, add):
        current = {v['id'] for v in members}
        result = []
        for volume_id in [v for v in add if v not in current]:
            try:
                volume = db_volumes.get(volume_id)
                if not ctxt.is_admin and \
                        volume['project_id'] != ctxt.project_id:
                    raise exception.VolumeNotFound(volume_id=volume_id)
            except exception.VolumeNotFound:
                raise exception.InvalidVolume(
                    reason='Cannot add volume %s to group %s because volume '
                           'cannot be found.' % (volume_id, group['id']))
            prefix = 'Cannot add volume %s to group %s' % (volume['id'],
                                                          group['id'])
            if volume['group_id']:
                raise exception.InvalidVolume(
                    reason='%s because it is already in group %s.' % (
                        prefix, volume['group_id']))
            if volume['project_id'] != group['project_id']:
                raise exception.InvalidVolume(
                    reason='%s as they belong to different projects.'
                           % prefix)
            if not volume['volume_type_id']:
                raise exception.InvalidVolume(
                    reason='%s because it has no volume type.' % prefix)
            if volume['volume_type_id'] not in group['volume_type_ids']:
                raise exception.InvalidVolume(
                    reason='%s because volume type %s is not supported by '
                           'the group.' % (prefix, volume['volume_type_id']))
            if volume['status'] not in ADD_FROM:
                raise exception.InvalidVolume(
                    reason='%s because volume is in an invalid state: %s. '
                           'Valid states are: %s.' % (
                               prefix, volume['status'], ADD_FROM))
            if host_names.extract(volume['host'] or '', 'backend') != \
                    host_names.extract(group['host'] or '', 'backend'):
                raise exception.InvalidVolume(
                    reason='Volume is not local to this node.')
            result.append(volume['id'])
        return result

    # --- admin ---------------------------------------------------------------
    def reset_status(self, ctxt, group, status):
        db_groups.update(group['id'], {'status': status})
