"""BackendState: one volume backend pool (host@backend#pool) as the
scheduler sees it during one request, and loading them all from the
database.

Capacity comes from the pool's last report (backend_pools), less what the
report cannot include yet: volumes placed on the pool that are still being
created or were created after the report was taken. Pools whose
stratus-volume service is down or disabled are not candidates.
"""
import sqlalchemy as sa

from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import backend_pools
from stratus.db.api import services as db_services
from stratus.db import models

LOG = log.getLogger(__name__)
VOLUME_BINARY = 'stratus-volume'
IN_FLIGHT = ('creating', 'downloading')


class BackendState:
    """Filters read: name, backend, pool_name, availability_zone,
    capacities, the thin/thick flags and ``capabilities`` (every key the
    driver reported, backend level then pool level)."""

    def __init__(self, pool, availability_zone=None, pending_gb=0):
        self.name = pool['name']                   # host@backend#pool
        self.host = self.backend = pool['backend']  # host@backend
        self.pool_name = pool['pool_name']
        self.availability_zone = availability_zone
        self.capabilities = dict(pool['capabilities'])
        self.volume_backend_name = pool['volume_backend_name']
        self.total_capacity_gb = pool['total_capacity_gb']
        self.free_capacity_gb = pool['free_capacity_gb'] - pending_gb
        self.allocated_capacity_gb = (pool['allocated_capacity_gb'] +
                                      pending_gb)
        self.provisioned_capacity_gb = (pool['provisioned_capacity_gb'] +
                                        pending_gb)
        self.reserved_percentage = pool['reserved_percentage']
        self.max_over_subscription_ratio = pool['max_over_subscription_ratio']
        self.thin_provisioning_support = pool['thin_provisioning_support']
        self.thick_provisioning_support = pool['thick_provisioning_support']
        self.updated_at = pool['updated_at']
        self.pending_gb = pending_gb

    def consume(self, size):
        """Count a volume of `size` GiB placed here in this request."""
        self.free_capacity_gb -= size
        self.allocated_capacity_gb += size
        self.provisioned_capacity_gb += size

    def __repr__(self):
        return ('<BackendState %s: %.1f/%.1f GiB free, %.1f provisioned, '
                'thin %s, ratio %s, reserved %s%%>' % (
                    self.name, self.free_capacity_gb, self.total_capacity_gb,
                    self.provisioned_capacity_gb,
                    self.thin_provisioning_support,
                    self.max_over_subscription_ratio,
                    self.reserved_percentage))


def _pending(s, pools):
    """{pool: GiB} not in each pool's last report: volumes still being
    created there, or finished after the report was taken."""
    reported = {p['name']: p['updated_at'] for p in pools}
    if not reported:
        return {}
    rows = s.execute(sa.select(
        models.Volume.host, models.Volume.size, models.Volume.status,
        models.Volume.launched_at).where(
        models.Volume.host.in_(list(reported)),
        models.Volume.deleted.is_(False),
        sa.or_(models.Volume.status.in_(IN_FLIGHT),
               models.Volume.launched_at.is_not(None)))).all()
    pending = {}
    for host, size, status, launched_at in rows:
        if status in IN_FLIGHT or launched_at > reported[host]:
            pending[host] = pending.get(host, 0) + size
    return pending


def _services(s, now):
    query = sa.select(models.Service).filter_by(binary=VOLUME_BINARY)
    return {row.host: db_services._view(row, now) for row in s.scalars(query)}


def load(s):
    """BackendStates of every pool whose service is up and enabled, as of
    session `s`."""
    now = models.utcnow()
    pools = backend_pools.list_pools(s)
    services = _services(s, now)
    pending = _pending(s, pools)
    states = []
    for pool in pools:
        service = services.get(pool['backend'])
        if service is None:
            LOG.warning('Pool %s has no %s service record; skipped',
                        pool['name'], VOLUME_BINARY)
            continue
        if not service['is_up'] or service['disabled']:
            LOG.warning('Volume service %s is %s; pool %s skipped',
                        pool['backend'], 'disabled' if service['disabled']
                        else 'down', pool['name'])
            continue
        states.append(BackendState(
            pool, availability_zone=(service['availability_zone'] or
                                     CONF.storage_availability_zone),
            pending_gb=pending.get(pool['name'], 0)))
    return states
