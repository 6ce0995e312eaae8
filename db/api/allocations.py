"""Allocations: the resources each consumer (an instance, or a migration's
source side) holds on a compute node. They are the authority on what a node
has in use, as placement's are; the scheduler writes them when it picks a
host, the conductor moves and deletes them.

Each function takes an optional ``session`` so that a caller can make it
part of a larger transaction; without one it runs in its own.
"""
import contextlib

import sqlalchemy as sa

from stratus.db import models
from stratus.db import session as db_session

RESOURCES = ('vcpus', 'memory_mb', 'disk_gb')


@contextlib.contextmanager
def _use(session, write):
    if session is not None:
        yield session
    else:
        with (db_session.writer() if write else db_session.reader()) as s:
            yield s


def _view(row):
    return {'consumer_uuid': row.consumer_uuid, 'host': row.host,
            'node': row.node, 'vcpus': row.vcpus,
            'memory_mb': row.memory_mb, 'disk_gb': row.disk_gb,
            'created_at': row.created_at}


def get(consumer_uuid, *, session=None):
    """The consumer's allocations (one per node, usually one), as dicts
    with consumer_uuid, host, node, vcpus, memory_mb, disk_gb, created_at.
    An empty list when it holds nothing."""
    with _use(session, write=False) as s:
        rows = s.scalars(sa.select(models.Allocation).filter_by(
            consumer_uuid=consumer_uuid).order_by(models.Allocation.node))
        return [_view(row) for row in rows]


def delete(consumer_uuid, *, session=None):
    """Release everything the consumer holds; returns the rows deleted
    (0 when it held nothing: releasing twice is harmless)."""
    with _use(session, write=True) as s:
        return s.execute(sa.delete(models.Allocation).where(
            models.Allocation.consumer_uuid == consumer_uuid)).rowcount


def move(from_consumer, to_consumer, *, session=None):
    """Give `from_consumer`'s allocations to `to_consumer` (a migration
    takes over the instance's source-node claim, or gives it back on
    revert). Whatever `to_consumer` held before is released. Returns the
    number of rows moved."""
    with _use(session, write=True) as s:
        s.execute(sa.delete(models.Allocation).where(
            models.Allocation.consumer_uuid == to_consumer))
        return s.execute(sa.update(models.Allocation).where(
            models.Allocation.consumer_uuid == from_consumer).values(
                consumer_uuid=to_consumer)).rowcount


def replace(consumer_uuid, host, node, vcpus, memory_mb, disk_gb, *,
            session=None):
    """Make this node the consumer's only allocation (placement's PUT
    semantics: an earlier claim of the same consumer is released)."""
    with _use(session, write=True) as s:
        s.execute(sa.delete(models.Allocation).where(
            models.Allocation.consumer_uuid == consumer_uuid))
        row = models.Allocation(consumer_uuid=consumer_uuid, host=host,
                                node=node, vcpus=vcpus, memory_mb=memory_mb,
                                disk_gb=disk_gb)
        s.add(row)
        s.flush()
        return _view(row)


def usage_by_node(*, exclude_consumers=(), session=None):
    """{node: {'vcpus', 'memory_mb', 'disk_gb'}} summed over allocations;
    nodes with none are absent. `exclude_consumers` leaves those consumers
    out (the scheduler is about to replace their claims)."""
    columns = [sa.func.sum(getattr(models.Allocation, name)).label(name)
               for name in RESOURCES]
    query = sa.select(models.Allocation.node, *columns).group_by(
        models.Allocation.node)
    if exclude_consumers:
        query = query.where(models.Allocation.consumer_uuid.not_in(
            list(exclude_consumers)))
    with _use(session, write=False) as s:
        return {row.node: {name: int(getattr(row, name) or 0)
                           for name in RESOURCES}
                for row in s.execute(query)}


def consumers_by_node(*, exclude_consumers=(), session=None):
    """{node: {consumer_uuid, ...}}: who holds resources where."""
    query = sa.select(models.Allocation.node, models.Allocation.consumer_uuid)
    if exclude_consumers:
        query = query.where(models.Allocation.consumer_uuid.not_in(
            list(exclude_consumers)))
    result = {}
    with _use(session, write=False) as s:
        for node, consumer in s.execute(query):
            result.setdefault(node, set()).add(consumer)
    return result
