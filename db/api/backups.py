"""Volume backup records (cinder's backups table)."""
import json
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import paging

SORT_KEYS = {'created_at', 'updated_at', 'id', 'name', 'display_name',
             'status', 'size', 'volume_id', 'project_id'}
_COLUMNS = frozenset(c.key for c in models.Backup.__table__.columns) - {
    'metadata_json'}


def _view(row):
    values = row.to_dict()
    values['metadata'] = json.loads(values.pop('metadata_json') or '{}')
    return values


def _get(s, backup_id):
    row = s.get(models.Backup, str(backup_id))
    if row is None or row.deleted:
        raise exception.BackupNotFound(backup_id=backup_id)
    return row


def create(values, metadata=None):
    with session.writer() as s:
        row = models.Backup(id=values.pop('id', None) or str(uuid.uuid4()),
                            metadata_json=json.dumps(metadata or {}),
                            **values)
        s.add(row)
        s.flush()
        if row.data_timestamp is None:
            row.data_timestamp = row.created_at
        return _view(row)


def get(backup_id):
    with session.reader() as s:
        return _view(_get(s, backup_id))


def _filtered(query, filters):
    """Equality on columns; a filter naming no column matches nothing (as
    cinder's is_valid_model_filters)."""
    for key, value in filters.items():
        if key not in _COLUMNS:
            return query.where(sa.false())
        if value is not None:
            query = query.where(getattr(models.Backup, key) == value)
    return query


def list_backups(*, project_id=None, filters=None, limit=None, marker=None,
                 offset=None, sort=(('created_at', 'desc'),)):
    with session.reader() as s:
        query = sa.select(models.Backup).where(
            models.Backup.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.Backup.project_id == project_id)
        query = _filtered(query, filters or {})
        order = []
        for key, direction in sort:
            column = getattr(models.Backup,
                             'display_name' if key == 'name' else key)
            order.append(column.asc() if direction == 'asc'
                         else column.desc())
        order.append(models.Backup.id.desc())
        rows = paging.page(s.scalars(query.order_by(*order)), marker, limit,
                           offset, missing=exception.CinderMarkerNotFound)
        return [_view(r) for r in rows]


def count(*, project_id=None, filters=None):
    with session.reader() as s:
        query = sa.select(sa.func.count(models.Backup.id)).where(
            models.Backup.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.Backup.project_id == project_id)
        return s.scalar(_filtered(query, filters or {}))


def update(backup_id, values, metadata=None):
    with session.writer() as s:
        row = _get(s, backup_id)
        for key, value in values.items():
            setattr(row, key, value)
        if metadata is not None:
            row.metadata_json = json.dumps(metadata)
        s.flush()
        return _view(row)


def destroy(backup_id):
    with session.writer() as s:
        row = _get(s, backup_id)
        row.deleted = True
        row.status = 'deleted'
        row.deleted_at = models.utcnow()
