"""Replication actions of groups (Tiramisu, 3.38) for the REST handlers
(part of GroupAPI): cinder's type and state checks."""
from stratus.common import exception
from stratus.db.api import group_types as db_group_types
from stratus.db.api import groups as db_groups
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes


class GroupReplicationMixin:
    # --- replication (Tiramisu) ----------------------------------------------
    @staticmethod
    def check_replication_type(group):
        specs = db_group_types.get(group['group_type_id'])['group_specs']
        if '<is> True' not in (specs.get('group_replication_enabled'),
                               specs.get(
                                   'consistent_group_replication_enabled')):
            raise exception.InvalidGroupType(
                reason='Group %s is not a replication group type.'
                       % group['id'])
        for type_id in group['volume_type_ids']:
            specs = volume_types.type_get(type_id)['extra_specs']
            if specs.get('replication_enabled') != '<is> True':
                raise exception.InvalidVolumeType(
                    reason="Volume type %s does not have "
                           "'replication_enabled' spec key set to '<is> "
                           "True'." % type_id)

    def start_replication_change(self, ctxt, group, action,
                                 allow_attached=False):
        """cinder's checks and status changes of enable/disable/failover
        on a replication group type. No driver here replicates, so
        nothing is cast: the statuses stay where cinder's generic path
        leaves them (its driver call is not implemented)."""
        group_ok, rep_ok, vol_ok, new, verb = {
            'enable': (('available',), ('disabled', 'enabled'),
                       ('available', 'in-use'), 'enabling', 'enable'),
            'disable': (('available', 'error'), ('enabled', 'error'), None,
                        'disabling', 'disable'),
            'failover': (('available',), ('enabled', 'failed-over'),
                         ('available', 'in-use'), 'failing-over',
                         'failover'),
        }[action]
        if group['status'] not in group_ok:
            raise exception.InvalidGroup(
                reason='Group %s status must be %s, but current status is: '
                       '%s. Cannot %s replication.' % (
                           group['id'], list(group_ok), group['status'],
                           verb))
        if group['replication_status'] not in rep_ok:
            raise exception.InvalidGroup(
                reason='Group %s replication status must be %s, but current '
                       'status is: %s. Cannot %s replication.' % (
                           group['id'], list(rep_ok),
                           group['replication_status'], verb))
        members = db_groups.volumes(group['id'])
        for volume in members:
            if vol_ok and volume['status'] not in vol_ok:
                raise exception.InvalidVolume(
                    reason='Volume %s status must be %s, but current status '
                           'is: %s. Cannot %s replication.' % (
                               volume['id'], list(vol_ok), volume['status'],
                               verb))
            if action == 'failover' and volume['status'] == 'in-use' and \
                    not allow_attached:
                raise exception.InvalidVolume(
                    reason='Volume %s is attached but allow_attached_volume '
                           'flag is False. Cannot failover replication.'
                           % volume['id'])
            if volume['replication_status'] not in rep_ok:
                raise exception.InvalidVolume(
                    reason='Volume %s replication status must be %s, but '
                           'current status is: %s. Cannot %s replication.'
                           % (volume['id'], list(rep_ok),
                              volume['replication_status'], verb))
        for volume in members:
            db_volumes.update(volume['id'], {'replication_status': new})
        db_groups.update(group['id'], {'replication_status': new})

