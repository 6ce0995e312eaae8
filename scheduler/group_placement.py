"""Where a group lives, decided in stratus-scheduler as cinder's scheduler
decides it: a new group goes to a backend pool that passes the filters
for every volume type of the group, the best weighed of those, and is
then cast to that backend; one that fits nowhere goes to error. A group
made from a source stays on the source's backend, which must have room
(cinder's validate_host_capacity, a call)."""
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import groups as db_groups
from stratus.db.api import volume_types
from stratus.db import session
from stratus.scheduler import backend_state
from stratus.scheduler import filters
from stratus.scheduler.filters import base as filters_base
from stratus.scheduler import weighers
from stratus.scheduler.weighers import base as weighers_base

LOG = log.getLogger(__name__)


def _spec(volume_type, zone, size=0):
    spec = {'size': size, 'availability_zone': zone}
    if volume_type is not None:
        spec['volume_type'] = {
            'id': volume_type['id'], 'name': volume_type['name'],
            'extra_specs': dict(volume_type['extra_specs'])}
    return spec


def choose(volume_types_, zone, size=0, backend=None):
    """host@backend#pool for a group of `volume_types_` in `zone`; with
    `backend`, only a pool of it. Raises NoValidBackend."""
    pool_filters = filters.load(CONF.scheduler_default_filters,
                                filters.BACKEND_REGISTRY)
    with session.reader() as s:
        pools = backend_state.load(s)
    if backend:
        pools = [p for p in pools if p.backend == backend]
    # Without types (a group made from a source) the zone and the size
    # are still checked.
    for volume_type in volume_types_ or [None]:
        result = filters_base.run(pool_filters, pools,
                                  _spec(volume_type, zone, size), {})
        pools = result.hosts
    if not pools:
        raise exception.NoValidBackend(reason='No weighed backends '
                                              'available')
    pool_weighers = weighers.load(CONF.scheduler_default_weighers,
                                  weighers.BACKEND_REGISTRY)
    weighed = weighers_base.weigh(
        pool_weighers, pools,
        _spec(volume_types_[0] if volume_types_ else None, zone, size))
    LOG.info('Choosing %s for a group of types %s', weighed[0][0].name,
             [t['name'] for t in volume_types_])
    return weighed[0][0].name


def create_group(ctxt, group_id, volume_rpc):
    """Place the creating group and cast create_group to its backend; no
    fitting backend: the group goes to error (cinder records no user
    message for it)."""
    try:
        group = db_groups.get(group_id)
    except exception.GroupNotFound:
        LOG.warning('Group %s is gone; not placed', group_id)
        return None
    vtypes = [volume_types.type_get(type_id)
              for type_id in group['volume_type_ids']]
    try:
        host = choose(vtypes, group['availability_zone'])
    except exception.NoValidBackend as exc:
        LOG.error('Could not find a backend for group %s: %s', group_id, exc)
        db_groups.update(group_id, {'status': 'error'})
        return None
    placed = db_groups.update(group_id, {'host': host},
                              expected={'status': 'creating'})
    if placed is None:
        LOG.warning('Group %s is no longer creating; not placed', group_id)
        return None
    volume_rpc.create_group(ctxt, placed)
    return host


def validate_host_capacity(backend, request_spec):
    """Whether `backend` (host@backend) can take `request_spec`'s size in
    its zone."""
    try:
        choose([], request_spec.get('availability_zone'),
               size=request_spec.get('size') or 0, backend=backend)
    except exception.NoValidBackend:
        LOG.error('Desired host %s does not have enough capacity.', backend)
        return False
    return True
