"""User messages about failed asynchronous volume operations (cinder's
/messages): what a user can read about why their volume went to error."""
import datetime
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import list_filters
from stratus.db.api import paging

# cinder keeps messages for 30 days (message_ttl).
TTL = datetime.timedelta(days=30)


def create(project_id, resource_uuid, event_id, user_message,
           request_id=None, resource_type='VOLUME', level='ERROR'):
    now = models.utcnow()
    with session.writer() as s:
        row = models.VolumeMessage(
            id=str(uuid.uuid4()), project_id=project_id,
            request_id=request_id, resource_type=resource_type,
            resource_uuid=resource_uuid, event_id=event_id,
            message_level=level, user_message=user_message, created_at=now,
            expires_at=now + TTL)
        s.add(row)
        s.flush()
        return row.to_dict()


def _get(s, message_id):
    row = s.get(models.VolumeMessage, str(message_id))
    if row is None or (row.expires_at and row.expires_at < models.utcnow()):
        raise exception.MessageNotFound(message_id=message_id)
    return row


def get(message_id):
    with session.reader() as s:
        return _get(s, message_id).to_dict()


def list_messages(*, project_id=None, filters=None, limit=None,
                  marker=None, offset=None, sort=(('created_at', 'desc'),)):
    """Unexpired messages; `filters` as list_filters reads them (or the
    plain column names below); `sort`: [(column, direction)]."""
    filters = filters or {}
    with session.reader() as s:
        query = sa.select(models.VolumeMessage).where(sa.or_(
            models.VolumeMessage.expires_at.is_(None),
            models.VolumeMessage.expires_at >= models.utcnow()))
        if project_id is not None:
            query = query.where(models.VolumeMessage.project_id == project_id)
        for key in ('resource_uuid', 'resource_type', 'event_id',
                    'request_id', 'message_level'):
            if filters.get(key):
                query = query.where(
                    getattr(models.VolumeMessage, key) == filters[key])
        query = list_filters.apply(query, models.VolumeMessage, filters)
        order = [getattr(models.VolumeMessage, key).asc()
                 if direction == 'asc' else
                 getattr(models.VolumeMessage, key).desc()
                 for key, direction in sort]
        rows = list(s.scalars(query.order_by(
            *order, models.VolumeMessage.id.desc())))
        rows = paging.page(rows, marker, limit, offset,
                           missing=exception.CinderMarkerNotFound)
        return [r.to_dict() for r in rows]


def delete(message_id):
    with session.writer() as s:
        s.delete(_get(s, message_id))
