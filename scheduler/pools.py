"""The pools stratus-scheduler knows of, answered over RPC as cinder's
scheduler answers get_pools (its host manager): every reported pool with
its capabilities, narrowed by the API's filters (a pool name, a volume
type whose extra specs the capabilities must match, or capability
values)."""
import types

from oslo_utils import strutils

from stratus.api import timefmt
from stratus.db.api import backend_pools
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.scheduler.filters import capabilities as capabilities_filter


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


def _type_fits(pool, type_name):
    """Only pools whose capabilities the type's extra specs match."""
    vtype = volume_types.type_get_by_name_or_id(type_name)
    candidate = types.SimpleNamespace(name=pool['name'],
                                      capabilities=pool['capabilities'])
    return capabilities_filter.CapabilitiesFilter().host_passes(
        candidate, {'volume_type': vtype})


def _equal(capability, value):
    """cinder's comparison of a query string with a capability."""
    if capability is None or isinstance(value, type(capability)):
        return value == capability
    if isinstance(capability, bool):
        return capability == strutils.bool_from_string(value)
    return str(value) == str(capability)


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


def get_pools(filters):
    """[{'name', 'capabilities'}] of the pools matching `filters`."""
    with session.reader() as s:
        pools = backend_pools.list_pools(s)
        counts = db_volumes.count_by_pool(s)
    found = []
    for pool in pools:
        caps = _capabilities(pool, counts)
        if _matches(pool, caps, filters):
            found.append({'name': pool['name'], 'capabilities': caps})
    return found
