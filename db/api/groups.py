"""Generic volume groups: create, read, list, compare-and-swap status
changes, soft delete, membership. Views are the row's columns plus
``volume_type_ids`` (in the order the group was created with)."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import compare_and_swap
from stratus.db.api import paging

SORT_KEYS = {'created_at', 'updated_at', 'id', 'name', 'status',
             'availability_zone', 'group_type_id', 'project_id'}
# Columns an admin may filter on (cinder lets admins filter on any column).
FILTER_COLUMNS = {'name', 'status', 'availability_zone', 'group_type_id',
                  'host', 'id', 'user_id', 'project_id',
                  'replication_status', 'group_snapshot_id',
                  'source_group_id'}


def _views(s, rows):
    types = {row.id: [] for row in rows}
    if rows:
        for m in s.scalars(sa.select(models.GroupVolumeTypeMapping).where(
                models.GroupVolumeTypeMapping.group_id.in_(list(types)))
                .order_by(models.GroupVolumeTypeMapping.position)):
            types[m.group_id].append(m.volume_type_id)
    return [dict(row.to_dict(), volume_type_ids=types[row.id])
            for row in rows]


def _get(s, group_id):
    row = s.get(models.Group, str(group_id))
    if row is None or row.deleted:
        raise exception.GroupNotFound(group_id=group_id)
    return row


def create(values, volume_type_ids, s=None):
    def insert(s):
        row = models.Group(**values)
        s.add(row)
        s.flush()
        for position, type_id in enumerate(volume_type_ids):
            s.add(models.GroupVolumeTypeMapping(
                group_id=row.id, volume_type_id=type_id, position=position))
        s.flush()
        return _views(s, [row])[0]
    if s is not None:
        return insert(s)
    with session.writer() as s:
        return insert(s)


def add_volume_type(group_id, type_id):
    """Map a type once (a group made from a source takes its types)."""
    with session.writer() as s:
        if s.get(models.GroupVolumeTypeMapping, (group_id, type_id)):
            return
        count = s.scalar(sa.select(sa.func.count()).where(
            models.GroupVolumeTypeMapping.group_id == group_id))
        s.add(models.GroupVolumeTypeMapping(
            group_id=group_id, volume_type_id=type_id, position=count))


def get(group_id):
    with session.reader() as s:
        return _views(s, [_get(s, group_id)])[0]


def list_groups(*, project_id=None, filters=None, limit=None, marker=None,
                offset=None, sort=(('created_at', 'desc'),)):
    """Live groups; a filter on an unknown column matches nothing."""
    filters = filters or {}
    with session.reader() as s:
        if set(filters) - FILTER_COLUMNS:
            return []
        query = sa.select(models.Group).where(models.Group.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.Group.project_id == project_id)
        for key, value in filters.items():
            query = query.where(getattr(models.Group, key) == value)
        order = [getattr(models.Group, key).asc() if direction == 'asc'
                 else getattr(models.Group, key).desc()
                 for key, direction in sort]
        order.append(models.Group.id.desc())
        rows = list(s.scalars(query.order_by(*order)))
        rows = paging.page(rows, marker, limit, offset,
                           missing=exception.CinderMarkerNotFound)
        return _views(s, rows)


def update(group_id, values, expected=None):
    """Set `values` when the row matches `expected` ({column: value or
    tuple}); the view, or None when it did not."""
    with session.writer() as s:
        row = _get(s, group_id)
        if not compare_and_swap.apply(s, row, values, expected):
            return None
        return _views(s, [row])[0]


def destroy(group_id):
    with session.writer() as s:
        row = s.get(models.Group, str(group_id))
        if row is None or row.deleted:
            return
        now = models.utcnow()
        row.deleted, row.deleted_at, row.status = True, now, 'deleted'
        row.updated_at = now


def volumes(group_id):
    """Live volumes of the group (rows' columns), oldest first."""
    with session.reader() as s:
        return [row.to_dict() for row in s.scalars(
            sa.select(models.Volume).where(
                models.Volume.group_id == group_id,
                models.Volume.deleted.is_(False)).order_by(
                models.Volume.created_at))]


def has_snapshots(group_id):
    with session.reader() as s:
        return s.scalar(sa.select(sa.func.count(models.GroupSnapshot.id))
                        .where(models.GroupSnapshot.group_id == group_id,
                               models.GroupSnapshot.deleted.is_(False))) > 0


def begin_delete(group_id, delete_volumes):
    """deleting, with its volumes, in one transaction and cinder's checks:
    no group snapshot; no volume attached or with snapshots; without
    `delete_volumes` the group must be available or error and empty.
    Returns None when a check failed (the caller words the reason)."""
    with session.writer() as s:
        row = _get(s, group_id)
        if not delete_volumes and row.status not in ('available', 'error'):
            return None
        if s.scalar(sa.select(sa.func.count(models.GroupSnapshot.id)).where(
                models.GroupSnapshot.group_id == row.id,
                models.GroupSnapshot.deleted.is_(False))):
            return None
        members = list(s.scalars(sa.select(models.Volume).where(
            models.Volume.group_id == row.id,
            models.Volume.deleted.is_(False))))
        for volume in members:
            if volume.attach_status == 'attached' or s.scalar(
                    sa.select(sa.func.count(models.Snapshot.id)).where(
                        models.Snapshot.volume_id == volume.id,
                        models.Snapshot.deleted.is_(False))):
                return None
        now = models.utcnow()
        for volume in members:
            volume.status, volume.updated_at = 'deleting', now
        row.status, row.updated_at = 'deleting', now
        s.flush()
        return _views(s, [row])[0]


def set_members(group_id, add_ids, remove_ids):
    with session.writer() as s:
        now = models.utcnow()
        for volume_id in add_ids:
            s.execute(sa.update(models.Volume).where(
                models.Volume.id == volume_id).values(
                group_id=group_id, updated_at=now))
        for volume_id in remove_ids:
            s.execute(sa.update(models.Volume).where(
                models.Volume.id == volume_id,
                models.Volume.group_id == group_id).values(
                group_id=None, updated_at=now))


def count(project_id, s):
    """Live groups of a project (the groups quota's usage)."""
    return s.scalar(sa.select(sa.func.count(models.Group.id)).where(
        models.Group.project_id == project_id,
        models.Group.deleted.is_(False)))
