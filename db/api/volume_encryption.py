"""Volume type encryption specs (one per type) and whether a type's
encryption may still change (no volume of the type exists)."""
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session

FIELDS = ('provider', 'cipher', 'key_size', 'control_location')


def _row(s, type_id):
    return s.scalars(sa.select(models.VolumeTypeEncryption).filter_by(
        volume_type_id=type_id)).first()


def get(type_id):
    """The type's spec as a dict, or None when the type is not encrypted."""
    with session.reader() as s:
        row = _row(s, type_id)
        return row.to_dict() if row is not None else None


def in_use(type_id):
    """Whether a volume of the type exists (deleted ones do not count)."""
    with session.reader() as s:
        return s.scalar(sa.select(sa.func.count(models.Volume.id)).where(
            models.Volume.volume_type_id == type_id,
            models.Volume.deleted.is_(False))) > 0


def create(type_id, values):
    with session.writer() as s:
        if _row(s, type_id) is not None:
            raise exception.VolumeTypeEncryptionExists(type_id=type_id)
        row = models.VolumeTypeEncryption(
            encryption_id=str(uuid.uuid4()), volume_type_id=type_id,
            **{k: values.get(k) for k in FIELDS})
        s.add(row)
        s.flush()
        return row.to_dict()


def update(type_id, values):
    with session.writer() as s:
        row = _row(s, type_id)
        if row is None:
            raise exception.VolumeTypeEncryptionNotFound(type_id=type_id)
        for key in FIELDS:
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return row.to_dict()


def delete(type_id):
    with session.writer() as s:
        row = _row(s, type_id)
        if row is None:
            raise exception.VolumeTypeEncryptionNotFound(type_id=type_id)
        s.delete(row)
