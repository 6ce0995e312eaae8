"""os-retype, API side (cinder's volume API retype): the checks, the
quota of the new type held, the volume to retyping, and the retype cast
to stratus-scheduler, which finds the backend for the new type and casts
to the volume's backend (scheduler/volume_moves.py, volume/retype.py).

Quota usage is counted from the volume rows (per type), so moving the
volume between per-type keys is its volume_type_id changing; what is
held here is the check that the new type's keys have room."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import volume_encryption
from stratus.db.api import volume_quotas
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.volume import size_limits
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

    def retype(self, ctxt, volume, new_type, migration_policy=None):
        new_type = volume_types.type_get_by_name_or_id(new_type)
        size_limits.check(new_type['id'], volume['size'])
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
        # cinder's scheduler finds the backend; the request is accepted
        # whatever it finds (scheduler/volume_moves.py).
        self.volume_api.scheduler_rpc.retype(ctxt, updated, new_type['id'],
                                             migration_policy, reservations)
        LOG.info('Retype of volume %s to %s requested', volume['id'],
                 new_type['name'])
