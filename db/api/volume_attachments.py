"""Volume attachments: one row per (volume, instance or host) attachment,
with the connector it was made for and the connection info the backend
returned."""
import json
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import list_filters
from stratus.db.api import paging

_JSON = ('connector', 'connection_info')


def plain(row):
    values = row.to_dict()
    for key in _JSON:
        if values[key] is not None:
            values[key] = json.loads(values[key])
    return values


def _encode(values):
    out = dict(values)
    for key in _JSON:
        if out.get(key) is not None:
            out[key] = json.dumps(out[key])
    return out


def _get(s, attachment_id):
    row = s.get(models.VolumeAttachment, str(attachment_id))
    if row is None:
        raise exception.VolumeAttachmentNotFound(
            filter='attachment_id = %s' % attachment_id)
    return row


def create(s, volume_id, values):
    row = models.VolumeAttachment(id=values.get('id') or str(uuid.uuid4()),
                                  volume_id=volume_id,
                                  **_encode({k: v for k, v in values.items()
                                             if k != 'id'}))
    s.add(row)
    s.flush()
    return plain(row)


def get(attachment_id):
    with session.reader() as s:
        return plain(_get(s, attachment_id))


def get_in(s, attachment_id):
    return _get(s, attachment_id)


def update(attachment_id, values, s=None):
    def apply(s):
        row = _get(s, attachment_id)
        for key, value in _encode(values).items():
            setattr(row, key, value)
        row.updated_at = models.utcnow()
        s.flush()
        return plain(row)
    if s is not None:
        return apply(s)
    with session.writer() as s:
        return apply(s)


def delete(s, attachment_id):
    s.delete(_get(s, attachment_id))


def for_volume(s, volume_id):
    return [plain(row) for row in s.scalars(sa.select(
        models.VolumeAttachment).filter_by(volume_id=volume_id).order_by(
        models.VolumeAttachment.created_at))]


def list_attachments(*, project_id=None, filters=None, limit=None,
                     marker=None, offset=None,
                     sort=(('created_at', 'desc'),)):
    """Attachments of live volumes, optionally of one project's volumes;
    `filters`: volume_id, instance_uuid, attach_status, or the generic
    columns/like of list_filters; `sort`: [(column, direction)]."""
    filters = filters or {}
    with session.reader() as s:
        query = sa.select(models.VolumeAttachment).join(
            models.Volume,
            models.Volume.id == models.VolumeAttachment.volume_id).where(
            models.Volume.deleted.is_(False))
        if project_id is not None:
            query = query.where(models.Volume.project_id == project_id)
        for key in ('volume_id', 'instance_uuid', 'attach_status'):
            if filters.get(key):
                query = query.where(
                    getattr(models.VolumeAttachment, key) == filters[key])
        query = list_filters.apply(query, models.VolumeAttachment, filters)
        order = [getattr(models.VolumeAttachment, key).asc()
                 if direction == 'asc' else
                 getattr(models.VolumeAttachment, key).desc()
                 for key, direction in sort]
        rows = list(s.scalars(query.order_by(
            *order, models.VolumeAttachment.id.desc())))
        rows = paging.page(rows, marker, limit, offset,
                           missing=exception.CinderMarkerNotFound)
        return [plain(r) for r in rows]


def project_of(attachment_id):
    """(attachment, volume project) for authorization."""
    with session.reader() as s:
        row = _get(s, attachment_id)
        volume = s.get(models.Volume, row.volume_id)
        return plain(row), volume.project_id if volume else None
