"""Volume snapshots: create, read, list, compare-and-swap status changes,
soft delete, metadata. Views carry ``metadata`` as a dict."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import compare_and_swap
from stratus.db.api import keyvalue
from stratus.db.api import list_filters
from stratus.db.api import paging

SORT_KEYS = {'created_at', 'updated_at', 'id', 'name', 'display_name',
             'status', 'volume_id', 'volume_size', 'project_id'}


def _views(s, rows):
    ids = [row.id for row in rows]
    meta = {i: {} for i in ids}
    if ids:
        for m in s.scalars(sa.select(models.SnapshotMetadata).where(
                models.SnapshotMetadata.snapshot_id.in_(ids))):
            meta[m.snapshot_id][m.key] = m.value
    return [dict(row.to_dict(), metadata=meta[row.id]) for row in rows]


def _view(s, row):
    return _views(s, [row])[0]


def _get(s, snapshot_id):
    row = s.get(models.Snapshot, str(snapshot_id))
    if row is None or row.deleted:
        raise exception.SnapshotNotFound(snapshot_id=snapshot_id)
    return row


def create(s, values, metadata=None):
    row = models.Snapshot(**values)
    s.add(row)
    s.flush()
    for key, value in (metadata or {}).items():
        s.add(models.SnapshotMetadata(snapshot_id=row.id, key=key,
                                      value=value))
    s.flush()
    return _view(s, row)


def get(snapshot_id):
    with session.reader() as s:
        return _view(s, _get(s, snapshot_id))


def _filtered(query, filters):
    for key in ('status', 'volume_id', 'project_id', 'use_quota',
                'group_snapshot_id'):
        if filters.get(key) is not None:
            query = query.where(getattr(models.Snapshot, key) ==
                                filters[key])
    if filters.get('name') is not None:
        query = query.where(models.Snapshot.display_name == filters['name'])
    if filters.get('name~') is not None:
        query = query.where(models.Snapshot.display_name.contains(
            filters['name~']))
    query = list_filters.apply(query, models.Snapshot, filters)
    # cinder matches these on the snapshot's volume.
    for key in ('availability_zone', 'host', 'cluster_name'):
        if filters.get(key) is not None:
            column = getattr(models.Volume, key)
            match = column == filters[key] if key == 'availability_zone' \
                else list_filters.host_match(column, str(filters[key]))
            query = query.where(models.Snapshot.volume_id.in_(
                sa.select(models.Volume.id).where(match)))
    for key, value in (filters.get('metadata') or {}).items():
        query = query.where(models.Snapshot.id.in_(
            sa.select(models.SnapshotMetadata.snapshot_id).where(
                models.SnapshotMetadata.key == key,
                models.SnapshotMetadata.value == str(value))))
    return query


def list_snapshots(*, project_id=None, filters=None, limit=None,
                   marker=None, sort=(('created_at', 'desc'),), offset=None):
    with session.reader() as s:
        query = sa.select(models.Snapshot).where(
            models.Snapshot.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.Snapshot.project_id == project_id)
        query = _filtered(query, filters or {})
        order = []
        for key, direction in sort:
            key = 'display_name' if key == 'name' else key
            column = getattr(models.Snapshot, key)
            order.append(column.asc() if direction == 'asc'
                         else column.desc())
        order.append(models.Snapshot.id.desc())
        rows = list(s.scalars(query.order_by(*order)))
        rows = paging.page(rows, marker, limit, offset,
                           missing=exception.CinderMarkerNotFound)
        return _views(s, rows)


def count(*, project_id=None, filters=None):
    with session.reader() as s:
        query = sa.select(sa.func.count(models.Snapshot.id)).where(
            models.Snapshot.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.Snapshot.project_id == project_id)
        return s.scalar(_filtered(query, filters or {}))


def for_volume(volume_id):
    with session.reader() as s:
        return _views(s, list(s.scalars(sa.select(models.Snapshot).where(
            models.Snapshot.volume_id == volume_id,
            models.Snapshot.deleted.is_(False)).order_by(
            models.Snapshot.created_at))))


def update(snapshot_id, values, expected=None, s=None):
    """Set `values`, only when the row matches `expected` ({column: value
    or tuple}); the view, or None when it did not match."""
    def apply(s):
        row = _get(s, snapshot_id)
        if not compare_and_swap.apply(s, row, values, expected):
            return None
        return _view(s, row)
    if s is not None:
        return apply(s)
    with session.writer() as s:
        return apply(s)


def destroy(snapshot_id):
    with session.writer() as s:
        row = s.get(models.Snapshot, str(snapshot_id))
        if row is None or row.deleted:
            return
        now = models.utcnow()
        row.deleted, row.deleted_at, row.status = True, now, 'deleted'
        row.updated_at = now


def metadata_update(snapshot_id, metadata, delete=False):
    with session.writer() as s:
        row = _get(s, snapshot_id)
        keyvalue.merge(s, models.SnapshotMetadata, 'snapshot_id', row.id,
                       metadata, replace=delete)
        row.updated_at = models.utcnow()
        s.flush()
        return _view(s, row)['metadata']


def metadata_delete(snapshot_id, key):
    with session.writer() as s:
        row = _get(s, snapshot_id)
        item = s.get(models.SnapshotMetadata, (row.id, key))
        if item is None:
            raise exception.SnapshotMetadataNotFound(snapshot_id=snapshot_id,
                                                     metadata_key=key)
        s.delete(item)
        row.updated_at = models.utcnow()
