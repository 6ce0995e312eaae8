"""Where a new group lives: a backend pool that passes the scheduler's
filters for every volume type of the group (cinder's scheduler asks the
same of a group's backend), the best weighed of those."""
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db import session
from stratus.scheduler import backend_state
from stratus.scheduler import filters
from stratus.scheduler.filters import base as filters_base
from stratus.scheduler import weighers
from stratus.scheduler.weighers import base as weighers_base

LOG = log.getLogger(__name__)


def _spec(volume_type, zone, size=0):
    return {'size': size, 'availability_zone': zone,
            'volume_type': {'id': volume_type['id'],
                            'name': volume_type['name'],
                            'extra_specs': dict(volume_type['extra_specs'])}}


def choose(volume_types, zone, size=0, backend=None):
    """host@backend#pool for a group of `volume_types` in `zone`; with
    `backend`, only a pool of it. Raises NoValidBackend."""
    pool_filters = filters.load(CONF.scheduler_default_filters,
                                filters.BACKEND_REGISTRY)
    with session.reader() as s:
        pools = backend_state.load(s)
    if backend:
        pools = [p for p in pools if p.backend == backend]
    for volume_type in volume_types:
        result = filters_base.run(pool_filters, pools,
                                  _spec(volume_type, zone, size), {})
        pools = result.hosts
    if not pools:
        raise exception.NoValidBackend(reason='No weighed backends '
                                              'available')
    pool_weighers = weighers.load(CONF.scheduler_default_weighers,
                                  weighers.BACKEND_REGISTRY)
    weighed = weighers_base.weigh(pool_weighers, pools,
                                  _spec(volume_types[0], zone, size)
                                  if volume_types else {'size': size})
    LOG.info('Choosing %s for a group of types %s', weighed[0][0].name,
             [t['name'] for t in volume_types])
    return weighed[0][0].name
