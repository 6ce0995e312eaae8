"""Volumes: create, read, list with filters and paging, compare-and-swap
status changes, soft delete, metadata.

Views are plain dicts: the row's columns plus ``metadata``, ``attachments``
(the live attachment rows), ``volume_type`` ({id, name} or None) and the
decoded ``image_metadata``.
"""
import json

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import compare_and_swap
from stratus.db.api import keyvalue
from stratus.db.api import list_filters
from stratus.db.api import paging
from stratus.db.api import volume_attachments

SORT_KEYS = {'created_at', 'updated_at', 'id', 'name', 'display_name',
             'status', 'size', 'availability_zone', 'bootable', 'host',
             'project_id', 'user_id', 'volume_type_id'}


# Statuses in which a volume may have attachment rows (also any volume
# whose attach_status is not detached); the others skip that query.
_ATTACHABLE = frozenset(['reserved', 'attaching', 'in-use', 'detaching',
                         'maintenance', 'error_attaching'])


def _needs_attachments(row):
    return row.attach_status != 'detached' or row.status in _ATTACHABLE


def _extras(s, rows):
    """metadata, attachments and type of many volumes in at most three
    queries (a list must not cost queries per volume)."""
    extras = {r.id: {'metadata': {}, 'attachments': []} for r in rows}
    if not rows:
        return extras
    ids = list(extras)
    for m in s.scalars(sa.select(models.VolumeMetadata).where(
            models.VolumeMetadata.volume_id.in_(ids))):
        extras[m.volume_id]['metadata'][m.key] = m.value
    attached = [r.id for r in rows if _needs_attachments(r)]
    if attached:
        for a in s.scalars(sa.select(models.VolumeAttachment).where(
                models.VolumeAttachment.volume_id.in_(attached)).order_by(
                models.VolumeAttachment.created_at)):
            extras[a.volume_id]['attachments'].append(
                volume_attachments.plain(a))
    return extras


def _types(s, rows):
    ids = {row.volume_type_id for row in rows if row.volume_type_id}
    if not ids:
        return {}
    return {t.id: {'id': t.id, 'name': t.name} for t in s.execute(
        sa.select(models.VolumeType.id, models.VolumeType.name).where(
            models.VolumeType.id.in_(ids)))}


def _views(s, rows):
    extras = _extras(s, rows)
    types = _types(s, rows)
    result = []
    for row in rows:
        values = row.to_dict()
        values.update(extras[row.id])
        for key in ('image_metadata', 'admin_metadata'):
            values[key] = json.loads(values[key]) if values[key] else {}
        values['volume_type'] = types.get(row.volume_type_id)
        result.append(values)
    return result


def _view(s, row):
    return _views(s, [row])[0]


def _get(s, volume_id, read_deleted=False):
    row = s.get(models.Volume, str(volume_id))
    if row is None or (row.deleted and not read_deleted):
        raise exception.VolumeNotFound(volume_id=volume_id)
    return row


def create(values, metadata=None, s=None):
    """Insert one volume (column values) with its metadata."""
    values = dict(values)
    for key in ('image_metadata', 'admin_metadata'):
        if isinstance(values.get(key), dict):
            values[key] = json.dumps(values[key])

    def insert(s):
        row = models.Volume(**values)
        s.add(row)
        s.flush()
        for key, value in (metadata or {}).items():
            s.add(models.VolumeMetadata(volume_id=row.id, key=key,
                                        value=value))
        s.flush()
        return _view(s, row)
    if s is not None:
        return insert(s)
    with session.writer() as s:
        return insert(s)


def get(volume_id, read_deleted=False):
    with session.reader() as s:
        return _view(s, _get(s, volume_id, read_deleted))


def get_in(s, volume_id):
    """The view, read in the caller's open session."""
    return _view(s, _get(s, volume_id))


def get_many(volume_ids):
    with session.reader() as s:
        rows = list(s.scalars(sa.select(models.Volume).where(
            models.Volume.id.in_(list(volume_ids)))))
        return {v['id']: v for v in _views(s, rows)}


def _metadata_filter(query, metadata):
    for key, value in metadata.items():
        query = query.where(models.Volume.id.in_(
            sa.select(models.VolumeMetadata.volume_id).where(
                models.VolumeMetadata.key == key,
                models.VolumeMetadata.value == str(value))))
    return query


_EXACT = ('status', 'availability_zone', 'bootable', 'host', 'user_id',
          'volume_type_id', 'group_id', 'use_quota', 'snapshot_id',
          'source_volid', 'id', 'multiattach', 'attach_status')


def _filtered(query, filters):
    for key in _EXACT:
        if filters.get(key) is not None:
            value = filters[key]
            column = getattr(models.Volume, key)
            query = query.where(column.in_(value) if isinstance(
                value, (list, tuple, set)) else column == value)
    if filters.get('name') is not None:
        query = query.where(models.Volume.display_name == filters['name'])
    if filters.get('name~') is not None:
        query = query.where(models.Volume.display_name.contains(
            filters['name~']))
    if filters.get('metadata'):
        query = _metadata_filter(query, filters['metadata'])
    query = list_filters.apply(query, models.Volume, filters)
    for key, op in (('created_at', 'created_at'),
                    ('updated_at', 'updated_at')):
        for cmp, value in (filters.get(key) or {}).items():
            column = getattr(models.Volume, op)
            query = query.where({'gt': column > value, 'gte': column >= value,
                                 'lt': column < value, 'lte': column <= value,
                                 'eq': column == value,
                                 'neq': column != value}[cmp])
    return query


def list_volumes(*, project_id=None, filters=None, limit=None, marker=None,
                 sort=(('created_at', 'desc'),), offset=None):
    """Live volumes, newest first unless `sort` ([(key, dir)]) says
    otherwise. `project_id` None: every project's."""
    filters = filters or {}
    with session.reader() as s:
        query = sa.select(models.Volume).where(
            models.Volume.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.Volume.project_id == project_id)
        query = _filtered(query, filters)
        order = []
        for key, direction in sort:
            key = 'display_name' if key == 'name' else key
            column = getattr(models.Volume, key)
            order.append(column.asc() if direction == 'asc'
                         else column.desc())
        order.append(models.Volume.id.desc())
        rows = list(s.scalars(query.order_by(*order)))
        rows = paging.page(rows, marker, limit, offset,
                           missing=exception.CinderMarkerNotFound)
        return _views(s, rows)


def count(*, project_id=None, filters=None):
    with session.reader() as s:
        query = sa.select(sa.func.count(models.Volume.id)).where(
            models.Volume.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.Volume.project_id == project_id)
        return s.scalar(_filtered(query, filters or {}))


def summary(project_id=None):
    """(count, total size, {key: [values]}) of the live volumes."""
    with session.reader() as s:
        where = [models.Volume.deleted.is_(False)]
        if project_id is not None:
            where.append(models.Volume.project_id == project_id)
        total, size = s.execute(sa.select(
            sa.func.count(models.Volume.id),
            sa.func.coalesce(sa.func.sum(models.Volume.size), 0)).where(
            *where)).one()
        meta = {}
        for key, value in s.execute(sa.select(
                models.VolumeMetadata.key, models.VolumeMetadata.value).join(
                models.Volume,
                models.Volume.id == models.VolumeMetadata.volume_id).where(
                *where).distinct()):
            meta.setdefault(key, []).append(value)
        return total, int(size), meta


def update(volume_id, values, expected=None, s=None, view=False):
    """Set `values`; with `expected` ({column: value or tuple of values}),
    only when the row matches them (compare-and-swap). Returns the row's
    columns (the full view with `view`), or None when the row did not
    match."""
    def apply(s):
        row = _get(s, volume_id)
        stored = {key: json.dumps(value) if key in (
            'image_metadata', 'admin_metadata') and isinstance(value, dict)
            else value for key, value in values.items()}
        if not compare_and_swap.apply(s, row, stored, expected):
            return None
        return _view(s, row) if view else row.to_dict()
    if s is not None:
        return apply(s)
    with session.writer() as s:
        return apply(s)


def has_snapshots(s, volume_id, statuses=None):
    query = sa.select(sa.func.count(models.Snapshot.id)).where(
        models.Snapshot.volume_id == volume_id,
        models.Snapshot.deleted.is_(False))
    if statuses is not None:
        query = query.where(models.Snapshot.status.not_in(list(statuses)))
    return s.scalar(query) > 0


def begin_delete(volume_id, *, statuses, cascade, snapshot_statuses,
                 project_id=None):
    """deleting, in one transaction with the checks cinder makes: status
    (unless `statuses` is None: force), not attached, not migrating, no
    group, no snapshots (with `cascade`, only snapshots in
    `snapshot_statuses`, which go to deleting too). Returns the row's
    columns, or None when a check failed."""
    with session.writer() as s:
        row = _get(s, volume_id)
        if statuses is not None and row.status not in statuses:
            return None
        # A finished or failed migration does not hold a delete back
        # (cinder's AVAILABLE_MIGRATION_STATUS).
        migrating = row.migration_status not in (None, 'deleting', 'error',
                                                 'success')
        if row.attach_status == 'attached' or migrating or \
                row.group_id or row.consistencygroup_id:
            return None
        if cascade:
            if has_snapshots(s, row.id, snapshot_statuses):
                return None
            if project_id is not None and s.scalar(sa.select(sa.func.count(
                    models.Snapshot.id)).where(
                    models.Snapshot.volume_id == row.id,
                    models.Snapshot.deleted.is_(False),
                    models.Snapshot.project_id != project_id)):
                return None
            s.execute(sa.update(models.Snapshot).where(
                models.Snapshot.volume_id == row.id,
                models.Snapshot.deleted.is_(False)).values(
                status='deleting', updated_at=models.utcnow()))
        elif has_snapshots(s, row.id):
            return None
        row.status = 'deleting'
        row.terminated_at = row.updated_at = models.utcnow()
        s.flush()
        return row.to_dict()


def destroy(volume_id):
    """Soft delete: the row stays, marked deleted; attachments go."""
    with session.writer() as s:
        row = s.get(models.Volume, str(volume_id))
        if row is None or row.deleted:
            return
        now = models.utcnow()
        row.deleted, row.deleted_at, row.status = True, now, 'deleted'
        row.attach_status = 'detached'
        row.updated_at = now
        s.execute(sa.delete(models.VolumeAttachment).where(
            models.VolumeAttachment.volume_id == row.id))


def on_pool(s, pool, statuses):
    """(count, GiB) of the live volumes placed on `pool` in `statuses`."""
    return s.execute(sa.select(
        sa.func.count(models.Volume.id),
        sa.func.coalesce(sa.func.sum(models.Volume.size), 0)).where(
        models.Volume.host == pool, models.Volume.deleted.is_(False),
        models.Volume.status.in_(list(statuses)))).one()


def pending_by_pool(s, statuses=('creating',)):
    """{pool: GiB} of volumes placed on a pool whose creation is still in
    flight (not yet in the backend's last report)."""
    return {host: int(size) for host, size in s.execute(
        sa.select(models.Volume.host, sa.func.sum(models.Volume.size)).where(
            models.Volume.host.is_not(None),
            models.Volume.deleted.is_(False),
            models.Volume.status.in_(list(statuses))).group_by(
            models.Volume.host))}


def count_by_pool(s):
    """{pool: number of live volumes} (get_pools' total_volumes)."""
    return dict(s.execute(sa.select(models.Volume.host, sa.func.count()).where(
        models.Volume.host.is_not(None),
        models.Volume.deleted.is_(False)).group_by(models.Volume.host)).all())


# --- metadata ------------------------------------------------------------

def metadata_get(volume_id):
    return get(volume_id)['metadata']


def metadata_update(volume_id, metadata, delete=False):
    """Merge `metadata` in (or replace all of it with `delete`)."""
    with session.writer() as s:
        row = _get(s, volume_id)
        keyvalue.merge(s, models.VolumeMetadata, 'volume_id', row.id,
                       metadata, replace=delete)
        row.updated_at = models.utcnow()
        s.flush()
        return _view(s, row)['metadata']


def metadata_delete(volume_id, key):
    with session.writer() as s:
        row = _get(s, volume_id)
        item = s.get(models.VolumeMetadata, (row.id, key))
        if item is None:
            raise exception.VolumeMetadataNotFound(volume_id=volume_id,
                                                   metadata_key=key)
        s.delete(item)
        row.updated_at = models.utcnow()
