"""Whether the backend a volume already lives on can take more of it,
decided in stratus-scheduler as cinder's scheduler decides it
(backend_passes_filters, then consume_from_volume): an extend needs room
for the added GiB, a snapshot for the volume's size. A backend that
passes gets the operation cast to it; one that does not puts the
resource's state back (an extend also leaves a user message, a snapshot
only a log line, as cinder)."""
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_quotas
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.scheduler import backend_state
from stratus.scheduler import filters
from stratus.scheduler.filters import base as filters_base
from stratus.scheduler import weighers
from stratus.scheduler.weighers import base as weighers_base
from stratus.volume import host_names
from stratus.volume import messages

LOG = log.getLogger(__name__)


def backend_passes(backend, spec, resource):
    """The BackendState for `backend` (host@backend, or a pool) when it
    passes the filters for `spec`; NoValidBackend otherwise. `resource`:
    ('volume' | 'snapshot', id) for the reason, as cinder words it."""
    with session.reader() as s:
        pools = backend_state.load(s)
    pool_filters = filters.load(CONF.scheduler_default_filters,
                                filters.BACKEND_REGISTRY)
    passed = filters_base.run(pool_filters, pools, spec, {}).hosts
    pool_weighers = weighers.load(CONF.scheduler_default_weighers,
                                  weighers.BACKEND_REGISTRY)
    # A backend named without a pool matches any pool of it.
    ignore_pool = host_names.extract(backend, 'pool') is None
    for pool, _weight in weighers_base.weigh(pool_weighers, passed, spec):
        if (pool.backend if ignore_pool else pool.name) == backend:
            return pool
    raise exception.NoValidBackend(
        'Cannot place %s %s on %s.' % (resource[0], resource[1], backend))


def _volume_type(volume):
    if not volume['volume_type_id']:
        return None
    vtype = volume_types.type_get(volume['volume_type_id'])
    return {'id': vtype['id'], 'name': vtype['name'],
            'extra_specs': dict(vtype['extra_specs'])}


def extend(ctxt, volume_id, new_size, reservations, volume_rpc):
    """Cast extend_volume to the volume's backend when it has room for
    the added GiB; otherwise the reserved gigabytes go back, the volume
    gets its previous status and its owner a user message."""
    volume = db_volumes.get(volume_id)
    backend = host_names.extract(volume['host'], 'backend')
    spec = {'size': new_size - volume['size'], 'volume_id': volume_id,
            'availability_zone': volume['availability_zone'],
            'volume_type': _volume_type(volume)}
    try:
        pool = backend_passes(backend, spec, ('volume', volume_id))
    except exception.NoValidBackend as exc:
        volume_quotas.rollback(reservations)
        LOG.error('Failed to schedule_extend_volume: %s', exc)
        db_volumes.update(volume_id, {'status': volume['previous_status'],
                                      'previous_status': None})
        messages.record(ctxt, messages.EXTEND_VOLUME, volume_id, exc,
                        volume['project_id'])
        return None
    pool.consume(new_size - volume['size'])
    volume_rpc.extend_volume(ctxt, volume, new_size, reservations)
    return pool.name


def create_snapshot(ctxt, volume_id, snapshot_id, volume_rpc):
    """Cast create_snapshot to the volume's backend when it has room for
    a copy of the volume's size (the only property cinder sends: no
    type, no zone); otherwise the snapshot goes to error, with no user
    message."""
    volume = db_volumes.get(volume_id)
    backend = host_names.extract(volume['host'], 'backend')
    try:
        pool = backend_passes(backend, {'size': volume['size']},
                              ('snapshot', snapshot_id))
    except exception.NoValidBackend as exc:
        LOG.error('Failed to schedule_create_snapshot: %s', exc)
        db_snapshots.update(snapshot_id, {'status': 'error'})
        return None
    pool.consume(volume['size'])
    volume_rpc.create_snapshot(ctxt, volume, snapshot_id)
    return pool.name


def manage_existing(ctxt, volume_id, ref, volume_rpc):
    """The named backend (or pool) must pass the filters for the volume's
    type and zone; it then gets the pool the scheduler picked and the
    cast; otherwise error_managing (no user message, as cinder)."""
    volume = db_volumes.get(volume_id)
    spec = {'size': 0, 'volume_id': volume_id,
            'availability_zone': volume['availability_zone'],
            'volume_type': _volume_type(volume)}
    try:
        pool = backend_passes(volume['host'], spec, ('volume', volume_id))
    except exception.NoValidBackend as exc:
        LOG.error('Failed to schedule_manage_existing: %s', exc)
        db_volumes.update(volume_id, {'status': 'error_managing'})
        return None
    # The API named a backend; the volume lives on a pool of it.
    volume = db_volumes.update(volume_id, {'host': pool.name})
    volume_rpc.manage_existing(ctxt, volume, ref)
    return pool.name


def manage_existing_snapshot(ctxt, volume_id, snapshot_id, ref,
                             volume_rpc):
    """As create_snapshot: room for the volume's size on its backend, else
    the snapshot goes to error."""
    volume = db_volumes.get(volume_id)
    backend = host_names.extract(volume['host'], 'backend')
    try:
        pool = backend_passes(backend, {'size': volume['size']},
                              ('snapshot', snapshot_id))
    except exception.NoValidBackend as exc:
        LOG.error('Failed to schedule_manage_existing_snapshot: %s', exc)
        db_snapshots.update(snapshot_id, {'status': 'error'})
        return None
    pool.consume(volume['size'])
    volume_rpc.manage_existing_snapshot(ctxt, volume, snapshot_id, ref)
    return pool.name
