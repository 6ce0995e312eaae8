"""Image tasks: create, read, list a page, and status changes."""
import datetime

import sqlalchemy as sa

from stratus.common import exception
from stratus.common.timeutils import utcnow
from stratus.db import models
from stratus.db import session

# glance's task_time_to_live: a finished task is kept 48 hours.
TIME_TO_LIVE = datetime.timedelta(hours=48)
SORT_KEYS = ('created_at', 'updated_at', 'id', 'type', 'status')
T = models.ImageTask


def create(values):
    now = utcnow()
    with session.writer() as s:
        row = T(status='pending', message='', created_at=now,
                updated_at=now, **values)
        s.add(row)
        s.flush()
        return row.to_dict()


def get(task_id):
    with session.reader() as s:
        row = s.get(T, task_id)
        if row is None or _expired(row.to_dict()):
            raise exception.ImageTaskNotFound(task_id=task_id)
        return row.to_dict()


def _expired(task):
    return task['expires_at'] is not None and task['expires_at'] < utcnow()


def list_page(owner=None, status=None, type_=None, marker=None, limit=None,
              sort_key='created_at', sort_dir='desc', image_id=None):
    """Tasks not yet expired, newest first by default; `owner` None: all."""
    query = sa.select(T).where(sa.or_(T.expires_at.is_(None),
                                      T.expires_at >= utcnow()))
    for column, value in ((T.owner, owner), (T.status, status),
                          (T.type, type_), (T.image_id, image_id)):
        if value is not None:
            query = query.where(column == value)
    column = getattr(T, sort_key)
    desc = sort_dir == 'desc'
    query = query.order_by(column.desc() if desc else column.asc(),
                           T.id.desc() if desc else T.id.asc())
    with session.reader() as s:
        rows = [r.to_dict() for r in s.scalars(query)]
    if marker is not None:
        ids = [r['id'] for r in rows]
        if marker not in ids:
            raise exception.ImageTaskNotFound(task_id=marker)
        rows = rows[ids.index(marker) + 1:]
    return rows[:limit] if limit is not None else rows


def finish(task_id, status, result=None, message=''):
    """processing -> success/failure; the task then expires in 48h."""
    now = utcnow()
    with session.writer() as s:
        s.execute(sa.update(T).where(T.id == task_id).values(
            status=status, result=result, message=message, updated_at=now,
            expires_at=now + TIME_TO_LIVE))


def set_status(task_id, status):
    with session.writer() as s:
        s.execute(sa.update(T).where(T.id == task_id).values(
            status=status, updated_at=utcnow()))


UNFINISHED = ('pending', 'processing')


def unfinished_on(host):
    """Tasks still pending or processing that a process of `host` runs."""
    query = sa.select(T).where(T.status.in_(UNFINISHED),
                               T.runner.like('%s:%%' % host))
    with session.reader() as s:
        return [r.to_dict() for r in s.scalars(query)]


def fail_unfinished(task_id, message):
    """pending/processing -> failure (glance's task.fail()); False when
    the task had already finished."""
    now = utcnow()
    with session.writer() as s:
        done = s.execute(sa.update(T).where(
            T.id == task_id, T.status.in_(UNFINISHED)).values(
            status='failure', message=message, updated_at=now,
            expires_at=now + TIME_TO_LIVE))
        return done.rowcount == 1


def progress(task_id, message):
    """Record progress (keeps updated_at fresh, so the import lock stays
    valid); the task's status, None when it is gone."""
    with session.writer() as s:
        s.execute(sa.update(T).where(T.id == task_id).values(
            message=message, updated_at=utcnow()))
        row = s.get(T, task_id)
        return row.status if row is not None else None
