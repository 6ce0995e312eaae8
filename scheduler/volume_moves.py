"""Where an existing volume may go, decided in stratus-scheduler as
cinder's scheduler decides it (its migrate_volume and retype, with
backend_passes_filters and find_retype_backend): the filters and weighers
run over the reported pools for the volume's size and a volume type, then
the volume's own backend is told to move or retype it.

stratus-api has already done the state checks and the compare-and-swap
(migration_status 'starting', or status 'retyping') and answered 202; a
volume that fits nowhere gets its state back here and the failure is
logged as cinder's scheduler logs it ("Failed to schedule_<method>: ...");
cinder records no user message for either.

The volume's own pool is judged without the volume's size, as cinder's
CapacityFilter skips the backend the volume already is on."""
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
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

LOG = log.getLogger(__name__)
MAINTENANCE = 'maintenance'
RETYPING = 'retyping'


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
    # cinder passes this reason as the whole message (no 'No valid
    # backend was found.' before it).
    raise exception.NoValidBackend(
        'Cannot place volume %s on %s.' % (volume['id'], host))


def _type_of(volume):
    if volume['volume_type_id']:
        return volume_types.type_get(volume['volume_type_id'])
    return volume_types.default_type()


def _is_multiattach(volume_type):
    return (volume_type['extra_specs'].get('multiattach') or '') == \
        '<is> True'


def migrate(ctxt, volume_id, host, force_copy, volume_rpc):
    """Cast migrate_volume to the volume's backend when `host` passes the
    filters; otherwise migration_status error and a locked volume
    unlocked (the request itself was accepted)."""
    volume = db_volumes.get(volume_id)
    try:
        pool = check_destination(volume, _type_of(volume), host)
    except exception.NoValidBackend as exc:
        LOG.error('Failed to schedule_migrate_volume_to_host: %s', exc)
        values = {'migration_status': 'error'}
        if volume['status'] == MAINTENANCE:
            values['status'] = volume['previous_status'] or MAINTENANCE
        db_volumes.update(volume_id, values)
        return None
    volume_rpc.migrate_volume(ctxt, volume, pool, force_copy)
    LOG.info('Migration of volume %s to %s requested', volume_id, pool)
    return pool


def retype(ctxt, volume_id, new_type_id, migration_policy, reservations,
           volume_rpc):
    """Cast retype to the volume's backend with the pool the new type
    lives on; otherwise the volume back to its previous status, the new
    type's quota released."""
    volume = db_volumes.get(volume_id)
    new_type = volume_types.type_get(new_type_id)
    policy = migration_policy or 'never'
    try:
        pool = find_retype_pool(volume, new_type, policy)
    except exception.NoValidBackend as exc:
        LOG.error('Failed to schedule_retype: %s', exc)
        volume_quotas.rollback(reservations)
        # previous_status stays, as cinder's scheduler leaves it.
        db_volumes.update(volume_id, {
            'status': volume['previous_status'] or volume['status']},
            expected={'status': RETYPING})
        return None
    db_volumes.update(volume_id, {'multiattach': _is_multiattach(new_type)})
    volume_rpc.retype(ctxt, volume, new_type_id, pool, policy, reservations)
    LOG.info('Retype of volume %s to %s requested (pool %s)', volume_id,
             new_type['name'], pool)
    return pool
