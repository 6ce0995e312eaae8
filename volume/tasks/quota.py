"""Quota tasks of the API create flow: hold the quota before the volume
row exists, release the hold once the row counts."""
from stratus.common import flow_engine
from stratus.common import log
from stratus.db.api import volume_quotas

LOG = log.getLogger(__name__)


class QuotaReserveTask(flow_engine.StratusTask):
    """Check per_volume_gigabytes, then reserve volumes, gigabytes (and
    their per-type keys) for the project: over quota is a 413.

    Revert: the reservations go (nothing was consumed)."""
    default_provides = 'reservations'

    def execute(self, ctxt, volume_spec):
        return volume_quotas.reserve(
            ctxt['project_id'], volume_quotas.deltas_for(
                'volumes', volume_spec['size'],
                volume_spec['volume_type']['name']),
            volume_size=volume_spec['size'])

    def revert(self, result, **kwargs):
        if isinstance(result, list) and result:
            volume_quotas.rollback(result)
            LOG.info('Released the quota reservations of a failed create')


class QuotaCommitTask(flow_engine.StratusTask):
    """The volume row now counts: the reservations go.

    Revert: nothing here; the row EntryCreateTask's revert removes stops
    counting with it (usage is counted from rows)."""

    def execute(self, reservations):
        volume_quotas.commit(reservations)

    def revert(self, result, **kwargs):
        LOG.debug('Quota commit reverted with its volume row')
