"""os-retype, API side (cinder's volume API and scheduler retype): the
checks, the quota of the new type held, the volume to retyping, a
backend chosen for the new type, and the retype cast to the volume's
backend (volume/retype.py).

Quota usage is counted from the volume rows (per type), so moving the
volume between per-type keys is its volume_type_id changing; what is
held here is the check that the new type's keys have room."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volume_encryption
from stratus.db.api import volume_quotas
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.volume import messages
from stratus.volume import placement
from stratus.volume import states

LOG = log.getLogger(__name__)
RETYPING = 'retyping'
# cinder's AVAILABLE_MIGRATION_STATUS
MIGRATION_IDLE = (None, 'deleting', 'error', 'success')
RETYPE_REFUSED = (
    'Retype needs volume to be in available or in-use state, not be part '
    'of an active migration or a consistency group, requested type has to '
    'be different that the one from the volume, and for in-use volumes '
    'front-end qos specs cannot change.')


def _is_multiattach(volume_type):
    return (volume_type['extra_specs'].get('multiattach') or '') == \
        '<is> True'


class RetypeAPI:
    def __init__(self, volume_api):
        self.volume_api = volume_api
        self.volume_rpc = volume_api.volume_rpc

    def retype(self, ctxt, volume, new_type, migration_policy=None):
        new_type = volume_types.type_get_by_name_or_id(new_type)
        target_multiattach = _is_multiattach(new_type)
        if bool(volume['multiattach']) != target_multiattach and \
                volume['status'] != states.AVAILABLE:
            raise exception.Invalid(
                reason='Invalid volume_type passed, retypes affecting '
                       'multiattach are only allowed on available volumes, '
                       'the specified volume however currently has a '
                       'status of: %s.' % volume['status'])
        if target_multiattach and volume_encryption.get(new_type['id']):
            raise exception.Invalid(
                reason='Retype requested both encryption and multi-attach, '
                       'which is not supported.')
        reservations = volume_quotas.reserve(
            volume['project_id'],
            {'volumes_%s' % new_type['name']: 1,
             'gigabytes_%s' % new_type['name']: volume['size']})
        current = db_volumes.get(volume['id'])
        if current['volume_type_id'] == new_type['id'] or \
                current['group_id'] or current['consistencygroup_id']:
            updated = None
        else:
            updated = db_volumes.update(
                volume['id'], {'status': RETYPING,
                               'previous_status': current['status']},
                expected={'status': (states.AVAILABLE, states.IN_USE),
                          'migration_status': MIGRATION_IDLE,
                          'volume_type_id': current['volume_type_id']})
        if updated is None:
            volume_quotas.rollback(reservations)
            raise exception.InvalidVolume(reason=RETYPE_REFUSED)
        try:
            pool = placement.find_retype_pool(current, new_type,
                                              migration_policy)
        except exception.NoValidBackend as exc:
            # cinder's scheduler: the volume is back as it was, the user
            # gets a message, the request itself was accepted.
            LOG.warning('Retype of volume %s: %s', volume['id'], exc)
            volume_quotas.rollback(reservations)
            db_volumes.update(volume['id'], {
                'status': current['status'], 'previous_status': None},
                expected={'status': RETYPING})
            messages.record(ctxt, messages.SCHEDULE_ALLOCATE_VOLUME,
                            volume['id'], exc, volume['project_id'])
            return
        db_volumes.update(volume['id'], {'multiattach': target_multiattach})
        self.volume_rpc.retype(ctxt, updated, new_type['id'], pool,
                               migration_policy or 'never', reservations)
        LOG.info('Retype of volume %s to %s requested (pool %s)',
                 volume['id'], new_type['name'], pool)
