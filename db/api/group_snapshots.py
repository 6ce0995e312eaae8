"""Group snapshots: a snapshot of each volume of a group at once. The
member snapshots are ordinary snapshot rows carrying group_snapshot_id."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import compare_and_swap
from stratus.db.api import paging
from stratus.db.api import snapshots as db_snapshots

SORT_KEYS = {'created_at', 'updated_at', 'id', 'name', 'status',
             'group_id', 'project_id'}
FILTER_COLUMNS = {'name', 'status', 'group_id', 'id', 'project_id',
                  'user_id', 'group_type_id'}


def _get(s, group_snapshot_id):
    row = s.get(models.GroupSnapshot, str(group_snapshot_id))
    if row is None or row.deleted:
        raise exception.GroupSnapshotNotFound(
            group_snapshot_id=group_snapshot_id)
    return row


def create(values, snapshots):
    """The group snapshot with its member snapshot rows (`snapshots`:
    column values of each), in one transaction."""
    with session.writer() as s:
        row = models.GroupSnapshot(**values)
        s.add(row)
        s.flush()
        for snapshot in snapshots:
            db_snapshots.create(s, dict(snapshot, group_snapshot_id=row.id))
        return row.to_dict()


def get(group_snapshot_id):
    with session.reader() as s:
        return _get(s, group_snapshot_id).to_dict()


def list_group_snapshots(*, project_id=None, filters=None, limit=None,
                         marker=None, offset=None,
                         sort=(('created_at', 'desc'),)):
    filters = filters or {}
    with session.reader() as s:
        if set(filters) - FILTER_COLUMNS:
            return []
        query = sa.select(models.GroupSnapshot).where(
            models.GroupSnapshot.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.GroupSnapshot.project_id == project_id)
        for key, value in filters.items():
            query = query.where(getattr(models.GroupSnapshot, key) == value)
        order = [getattr(models.GroupSnapshot, key).asc()
                 if direction == 'asc'
                 else getattr(models.GroupSnapshot, key).desc()
                 for key, direction in sort]
        order.append(models.GroupSnapshot.id.desc())
        rows = list(s.scalars(query.order_by(*order)))
        rows = paging.page(rows, marker, limit, offset,
                           missing=exception.CinderMarkerNotFound)
        return [row.to_dict() for row in rows]


def update(group_snapshot_id, values, expected=None):
    with session.writer() as s:
        row = _get(s, group_snapshot_id)
        if not compare_and_swap.apply(s, row, values, expected):
            return None
        return row.to_dict()


def begin_delete(group_snapshot_id):
    """deleting (with its member snapshots) from available or error, unless
    a group is being created from it; None when refused."""
    with session.writer() as s:
        row = _get(s, group_snapshot_id)
        if row.status not in ('available', 'error'):
            return None
        if s.scalar(sa.select(sa.func.count(models.Group.id)).where(
                models.Group.group_snapshot_id == row.id,
                models.Group.status == 'creating',
                models.Group.deleted.is_(False))):
            return None
        now = models.utcnow()
        row.status, row.updated_at = 'deleting', now
        s.execute(sa.update(models.Snapshot).where(
            models.Snapshot.group_snapshot_id == row.id,
            models.Snapshot.deleted.is_(False)).values(
            status='deleting', updated_at=now))
        return row.to_dict()


def members(group_snapshot_id):
    return db_snapshots.list_snapshots(
        filters={'group_snapshot_id': group_snapshot_id},
        sort=(('created_at', 'asc'),))


def destroy(group_snapshot_id):
    with session.writer() as s:
        row = s.get(models.GroupSnapshot, str(group_snapshot_id))
        if row is None or row.deleted:
            return
        now = models.utcnow()
        row.deleted, row.deleted_at, row.status = True, now, 'deleted'
        row.updated_at = now
