"""Picks a volume backend pool: filter, weigh, choose the best, and record
the choice on the volume row in the same write transaction, so a second
request sees this volume's size as taken (see backend_state).

Filter results, the weighed pools and the choice are logged at INFO, as
cinder's c-sch.log shows them.
"""
import threading

from stratus.common import exception
from stratus.common import log as logging
from stratus.common.conf import CONF
from stratus.db.api import volumes as db_volumes
from stratus.db import models
from stratus.db import session
from stratus.scheduler import backend_state
from stratus.scheduler import filters
from stratus.scheduler.filters import base as filters_base
from stratus.scheduler import weighers
from stratus.scheduler.weighers import base as weighers_base

LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
NO_WEIGHED = 'No weighed backends available'
MAX_REASONS = 20


def check_config():
    """Fail at start-up, not at the first request, on a misspelt name."""
    filters.load(CONF.scheduler_default_filters, filters.BACKEND_REGISTRY)
    weighers.load(CONF.scheduler_default_weighers, weighers.BACKEND_REGISTRY)


def populate_retry(filter_properties, volume_id):
    """Count this attempt; NoValidBackend past scheduler_max_attempts."""
    max_attempts = CONF.scheduler_max_attempts
    retry = filter_properties.get('retry')
    if max_attempts == 1:
        filter_properties.pop('retry', None)
        return
    if retry:
        retry['num_attempts'] += 1
        LOG.warning('Rescheduling volume %s (attempt %d of %d) after: %s',
                    volume_id, retry['num_attempts'], max_attempts,
                    retry.get('exc') or 'a failure',
                    resource={'type': 'volume', 'id': volume_id})
    else:
        retry = {'num_attempts': 1, 'backends': []}
    filter_properties['retry'] = retry
    if retry['num_attempts'] > max_attempts:
        raise exception.NoValidBackend(
            reason='Exceeded max scheduling attempts %d for resource %s' % (
                max_attempts, volume_id))


def _restrict(result, spec):
    """Pools already tried, and the source's backend for snapshots and
    clones, recorded like filters."""
    tried = set((spec.get('retry') or {}).get('backends') or ())
    if tried:
        kept = [p for p in result.hosts if p.name not in tried]
        result.record('retry', kept, {p.name: 'already tried'
                                      for p in result.hosts if p not in kept})
    wanted = spec.get('resource_backend')
    if wanted:
        kept = [p for p in result.hosts if p.backend == wanted]
        result.record('resource_backend', kept, {
            p.name: 'not on %s, where the source is' % wanted
            for p in result.hosts if p not in kept})


def _lines(result):
    return ['%s: %d -> %d backends' % step for step in result.history]


def _no_valid_backend(result, pools, volume_id):
    if not pools:
        parts = ['no volume backend pools are reported']
    else:
        parts = _lines(result) + ['%s: %s' % item
                                  for item in result.reasons()]
    details = '; '.join(parts[:MAX_REASONS + len(result.history)])
    LOG.info("Filtering removed all backends for the request with volume "
             "ID '%s'. Filter results: %s", volume_id, '; '.join(parts),
             resource={'type': 'volume', 'id': volume_id})
    raise exception.NoValidBackend(reason=NO_WEIGHED, details=details)


def _choose(pools, spec, volume_id, report):
    """The best pool; what the filters and weighers did is appended to
    `report` as log calls, made once the database write is over."""
    resource = {'type': 'volume', 'id': volume_id}
    pool_filters = filters.load(CONF.scheduler_default_filters,
                                filters.BACKEND_REGISTRY)
    pool_weighers = weighers.load(CONF.scheduler_default_weighers,
                                  weighers.BACKEND_REGISTRY)
    result = filters_base.FilterResult(pools)
    _restrict(result, spec)
    filters_base.run(pool_filters, result.hosts, spec, {}, result)
    for line, rejected in zip(_lines(result), result.rejected):
        report.append(('Filter %s', line))
        for name, reason in sorted(rejected.items()):
            report.append(('  %s rejected: %s', name, reason))
    if not result.hosts:
        _log(report, resource)
        _no_valid_backend(result, pools, volume_id)
    weighed = weighers_base.weigh(pool_weighers, result.hosts, spec)
    report.append(('Weighed %s by %s',
                   [(p.name, round(w, 4)) for p, w in weighed],
                   ', '.join(w.name for w in pool_weighers)))
    return weighed[0][0]


def _log(report, resource):
    for args in report:
        LOG.info(*args, resource=resource)
    del report[:]


def schedule_create_volume(ctxt, volume_id, spec):
    """The pool (host@backend#pool) chosen for the volume, already written
    on its row with scheduled_at; None when the volume is no longer being
    created (deleted meanwhile). Raises NoValidBackend."""
    report = []
    with _LOCK, session.writer() as s:
        pools = backend_state.load(s)
        chosen = _choose(pools, spec, volume_id, report)
        try:
            updated = db_volumes.update(volume_id, {
                'host': chosen.name, 'scheduled_at': models.utcnow(),
                'availability_zone': chosen.availability_zone},
                # Unplaced only: a request delivered twice places once.
                expected={'status': 'creating', 'host': None}, s=s)
        except exception.VolumeNotFound:
            updated = None
    _log(report, {'type': 'volume', 'id': volume_id})
    if updated is None:
        LOG.warning('Volume %s is no longer creating; not placed', volume_id,
                    resource={'type': 'volume', 'id': volume_id})
        return None
    retry = spec.get('retry')
    if retry is not None:
        retry['backends'].append(chosen.name)
    LOG.info('Choosing %s for volume %s', chosen.name, volume_id,
             resource={'type': 'volume', 'id': volume_id})
    return chosen.name
