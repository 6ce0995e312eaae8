"""Members of shared images: the projects an image is offered to and
whether they accepted it."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.common.timeutils import utcnow
from stratus.db import models
from stratus.db import session


def member_list(image_id):
    with session.reader() as s:
        return [m.to_dict() for m in s.scalars(sa.select(
            models.ImageMember).filter_by(image_id=image_id).order_by(
            models.ImageMember.created_at, models.ImageMember.member))]


def member_get(image_id, member_id):
    """The membership, or None."""
    with session.reader() as s:
        row = s.get(models.ImageMember, (image_id, member_id))
        return row.to_dict() if row is not None else None


def member_create(image_id, member_id):
    with session.writer() as s:
        if s.get(models.ImageMember, (image_id, member_id)) is not None:
            raise exception.ImageMemberExists(image_id=image_id,
                                              member_id=member_id)
        now = utcnow()
        row = models.ImageMember(image_id=image_id, member=member_id,
                                 status='pending', created_at=now,
                                 updated_at=now)
        s.add(row)
        s.flush()
        return row.to_dict()


def _get(s, image_id, member_id):
    row = s.get(models.ImageMember, (image_id, member_id))
    if row is None:
        raise exception.ImageMemberNotFound(image_id=image_id,
                                            member_id=member_id)
    return row


def member_update(image_id, member_id, status):
    with session.writer() as s:
        row = _get(s, image_id, member_id)
        row.status, row.updated_at = status, utcnow()
        s.flush()
        return row.to_dict()


def member_delete(image_id, member_id):
    with session.writer() as s:
        s.delete(_get(s, image_id, member_id))


def shared_with(project_id, status='accepted'):
    """SQL condition: the image is offered to `project_id` with a
    membership in `status` ('all': any status)."""
    query = sa.select(models.ImageMember.image_id).where(
        models.ImageMember.member == project_id)
    if status != 'all':
        query = query.where(models.ImageMember.status == status)
    return models.Image.id.in_(query)
