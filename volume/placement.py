"""Where an existing volume may live, for retype and migration: the
scheduler's filters and weighers run over the reported pools for the
volume's size and a volume type, in the API process (cinder asks its
scheduler; the answers are the same: the pools that pass, best first).

The volume's own pool is judged without its size, as cinder's
CapacityFilter skips the backend the volume already is on."""
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db import session
from stratus.scheduler import backend_state
from stratus.scheduler import filters
from stratus.scheduler.filters import base as filters_base
from stratus.scheduler import weighers
from stratus.scheduler.weighers import base as weighers_base
from stratus.volume import host_names

LOG = log.getLogger(__name__)


def _spec(volume, volume_type, size):
    return {'size': size, 'volume_id': volume['id'],
            'availability_zone': volume['availability_zone'],
            'volume_type': {'id': volume_type['id'],
                            'name': volume_type['name'],
                            'extra_specs': dict(volume_type['extra_specs'])}}


def _passing(pools, spec):
    pool_filters = filters.load(CONF.scheduler_default_filters,
                                filters.BACKEND_REGISTRY)
    result = filters_base.FilterResult(pools)
    filters_base.run(pool_filters, result.hosts, spec, {}, result)
    return result.hosts


def candidates(volume, volume_type):
    """The pools (BackendStates) that can hold `volume` with
    `volume_type`, best first."""
    with session.reader() as s:
        pools = backend_state.load(s)
    own = [p for p in pools if p.name == volume['host']]
    others = [p for p in pools if p.name != volume['host']]
    passed = _passing(own, _spec(volume, volume_type, 0)) + \
        _passing(others, _spec(volume, volume_type, volume['size']))
    if not passed:
        return []
    pool_weighers = weighers.load(CONF.scheduler_default_weighers,
                                  weighers.BACKEND_REGISTRY)
    spec = _spec(volume, volume_type, volume['size'])
    return [pool for pool, _w in weighers_base.weigh(pool_weighers, passed,
                                                     spec)]


def find_retype_pool(volume, volume_type, migration_policy):
    """The volume's own pool when it fits the new type, else (with
    on-demand) the best other one; NoValidBackend otherwise."""
    found = candidates(volume, volume_type)
    backend = host_names.extract(volume['host'], 'backend')
    for pool in found:
        if pool.backend == backend:
            return pool.name
    if found and migration_policy == 'on-demand':
        return found[0].name
    if found:
        raise exception.NoValidBackend(
            reason='Current backend not valid for volume %s with type %s, '
                   'migration not allowed' % (volume['id'],
                                              volume_type['id']))
    raise exception.NoValidBackend(
        reason='No valid backends for volume %s with type %s' % (
            volume['id'], volume_type['id']))


def check_destination(volume, volume_type, host):
    """The pool name on `host` (host@backend or host@backend#pool) that
    can take the volume; NoValidBackend when it cannot."""
    for pool in candidates(volume, volume_type):
        if pool.name == host or pool.backend == host:
            return pool.name
    raise exception.NoValidBackend(
        reason='Cannot place volume %s on %s' % (volume['id'], host))
