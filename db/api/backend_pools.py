"""Capacity reports of volume backends, one row per pool
(host@backend#pool): written by each stratus-volume at start and
periodically, read by the scheduler and by get_pools.

Why rows and not cinder's in-memory fanout: the scheduler knows every pool
the moment it starts (no waiting for the next report), several schedulers
see the same facts, and the API answers get_pools without an RPC call.
"""
import json

import sqlalchemy as sa

from stratus.db import models
from stratus.db import session

# Pool keys with a column of their own; the rest stay in capabilities.
_COLUMNS = ('total_capacity_gb', 'free_capacity_gb', 'allocated_capacity_gb',
            'provisioned_capacity_gb', 'reserved_percentage',
            'max_over_subscription_ratio', 'thin_provisioning_support',
            'thick_provisioning_support')
# Drivers may say 'infinite' or 'unknown' for capacities they cannot tell.
_SPECIAL = {'infinite': float('inf'), 'unknown': 0.0}


def _number(value, default=0.0):
    if isinstance(value, str):
        return _SPECIAL.get(value.lower(), default)
    return float(value) if value is not None else default


def pool_name(backend, pool):
    return '%s#%s' % (backend, pool)


def capabilities_of(stats, pool):
    """A pool's capabilities: the backend-level keys, then the pool's own."""
    merged = {k: v for k, v in stats.items() if k != 'pools'}
    merged.update(pool)
    return merged


def report(backend, stats):
    """Replace `backend`'s (host@backend) pool rows with `stats`, the
    driver's get_volume_stats()."""
    now = models.utcnow()
    with session.writer() as s:
        seen = set()
        for pool in stats.get('pools') or []:
            name = pool_name(backend, pool['pool_name'])
            seen.add(name)
            row = s.get(models.BackendPool, name)
            if row is None:
                row = models.BackendPool(name=name, backend=backend,
                                         pool_name=pool['pool_name'])
                s.add(row)
            caps = capabilities_of(stats, pool)
            row.volume_backend_name = caps.get('volume_backend_name')
            for key in _COLUMNS:
                if key.endswith('_support'):
                    setattr(row, key, bool(caps.get(
                        key, key.startswith('thick'))))
                elif key == 'reserved_percentage':
                    setattr(row, key, int(caps.get(key) or 0))
                elif key == 'max_over_subscription_ratio':
                    setattr(row, key, _number(caps.get(key), 1.0))
                else:
                    setattr(row, key, _number(caps.get(key)))
            row.capabilities = json.dumps(caps, sort_keys=True, default=str)
            row.updated_at = now
        query = sa.delete(models.BackendPool).where(
            models.BackendPool.backend == backend)
        if seen:
            query = query.where(models.BackendPool.name.not_in(list(seen)))
        s.execute(query)


def _plain(row):
    values = row.to_dict()
    values['capabilities'] = json.loads(values['capabilities'] or '{}')
    return values


def list_pools(s=None):
    """Every reported pool, by name."""
    query = sa.select(models.BackendPool).order_by(models.BackendPool.name)
    if s is not None:
        return [_plain(row) for row in s.scalars(query)]
    with session.reader() as s:
        return [_plain(row) for row in s.scalars(query)]


def delete_backend(backend):
    with session.writer() as s:
        s.execute(sa.delete(models.BackendPool).where(
            models.BackendPool.backend == backend))
