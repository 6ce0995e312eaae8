"""/volume/v3/scheduler-stats/get_pools (admin): the pools the backends
report, with their capabilities when detail=True (`openstack volume
backend pool list [--long]`)."""
import types

from oslo_utils import strutils
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import timefmt
from stratus.api import wsgi
from stratus.api.volume import filters as filters_mod
from stratus.db.api import backend_pools
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.scheduler.filters import capabilities


def _capabilities(pool, counts):
    caps = dict(pool['capabilities'])
    caps.update({key: pool[key] for key in (
        'total_capacity_gb', 'free_capacity_gb', 'allocated_capacity_gb',
        'provisioned_capacity_gb', 'reserved_percentage',
        'max_over_subscription_ratio', 'thin_provisioning_support',
        'thick_provisioning_support')})
    for key in ('total_capacity_gb', 'free_capacity_gb'):
        if caps[key] == float('inf'):
            caps[key] = 'infinite'
    caps['timestamp'] = timefmt.iso_us(pool['updated_at'])
    caps['total_volumes'] = counts.get(pool['name'], 0)
    caps['pool_name'] = pool['pool_name']
    return caps


def _detail(kwargs):
    value = wsgi.query_value(kwargs, 'detail')
    # The SDK appends its own query to '?detail=True', which arrives as
    # 'True?...'.
    return bool(value) and value.split('?', 1)[0].lower() in (
        'true', '1', 'yes', 'on', 'y', 't')


def _type_fits(pool, type_name):
    """3.35: only pools whose capabilities the type's extra specs match."""
    vtype = volume_types.type_get_by_name_or_id(type_name)
    candidate = types.SimpleNamespace(name=pool['name'],
                                      capabilities=pool['capabilities'])
    return capabilities.CapabilitiesFilter().host_passes(
        candidate, {'volume_type': vtype})


def _equal(capability, value):
    """cinder's comparison of a query string with a capability."""
    if capability is None or isinstance(value, type(capability)):
        return value == capability
    if isinstance(capability, bool):
        return capability == strutils.bool_from_string(value)
    return str(value) == str(capability)


def _filters(ctxt, kwargs, version):
    """cinder's pool filters: none before 3.28; from 3.31 only name and
    volume_type, for admins too; volume_type from 3.35."""
    filters = filters_mod.query(kwargs, version, count=False)
    filters.pop('detail', None)
    if version >= filters_mod.RESOURCE_FILTER:
        filters_mod.reject_invalid(ctxt, filters, 'pool', version)
    elif version < (3, 28):
        filters.clear()
    if version < (3, 35):
        filters.pop('volume_type', None)
    return filters


def _matches(pool, caps, filters):
    filters = dict(filters)
    name = filters.pop('name', None)
    volume_type = filters.pop('volume_type', None)
    if name and pool['name'] != name:
        return False
    if any(not _equal(caps.get(key), value)
           for key, value in filters.items()):
        return False
    return not volume_type or _type_fits(pool, volume_type)


class GetPoolsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'scheduler_extension:scheduler_stats:'
                                   'get_pools')
        with session.reader() as s:
            pools = backend_pools.list_pools(s)
            counts = db_volumes.count_by_pool(s)
        filters = _filters(ctxt, kwargs, wsgi.version())
        pools = [p for p in pools
                 if _matches(p, _capabilities(p, counts), filters)]
        if _detail(kwargs):
            body = [{'name': p['name'],
                     'capabilities': _capabilities(p, counts)}
                    for p in pools]
        else:
            body = [{'name': p['name']} for p in pools]
        return wsgi.response({'pools': body})


class SchedulerStatsController:
    get_pools = GetPoolsController()
