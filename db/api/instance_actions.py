"""Reading a server's actions and their events for the os-instance-actions
API (recording them is db/api/action_events.py)."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session


def instance_owner(instance_uuid, read_deleted=False):
    """{'uuid', 'project_id', 'deleted'} of a server, so the API can decide
    whether the caller may see its actions. InstanceNotFound otherwise."""
    i = models.Instance
    query = sa.select(i.uuid, i.project_id, i.deleted).where(
        i.uuid == instance_uuid)
    if not read_deleted:
        query = query.where(i.deleted.is_(False))
    with session.reader() as s:
        row = s.execute(query).first()
    if row is None:
        raise exception.InstanceNotFound(instance_id=instance_uuid)
    return {'uuid': row.uuid, 'project_id': row.project_id,
            'deleted': row.deleted}


def _newest_first(query, model):
    return query.order_by(model.start_time.desc(), model.id.desc())


def _after(s, query, instance_uuid, marker):
    """Actions that sort after the one of request id `marker`."""
    a = models.InstanceAction
    row = s.scalars(sa.select(a).filter_by(
        instance_uuid=instance_uuid, request_id=marker)).first()
    if row is None:
        raise exception.MarkerNotFound(marker=marker)
    return query.where(sa.or_(
        a.start_time < row.start_time,
        sa.and_(a.start_time == row.start_time, a.id < row.id)))


def action_list(instance_uuid, *, limit=None, marker=None,
                changes_since=None, changes_before=None):
    """The server's actions, newest first; after the action of request id
    `marker`, at most `limit`, last changed in [changes_since,
    changes_before]."""
    a = models.InstanceAction
    query = _newest_first(sa.select(a).filter_by(
        instance_uuid=instance_uuid), a)
    changed = sa.func.coalesce(a.updated_at, a.start_time)
    if changes_since is not None:
        query = query.where(changed >= changes_since)
    if changes_before is not None:
        query = query.where(changed <= changes_before)
    with session.reader() as s:
        if marker is not None:
            query = _after(s, query, instance_uuid, marker)
        if limit is not None:
            query = query.limit(limit)
        return [row.to_dict() for row in s.scalars(query)]


def action_get(instance_uuid, request_id):
    """One action with its events (newest first) under 'events'."""
    with session.reader() as s:
        row = s.scalars(sa.select(models.InstanceAction).filter_by(
            instance_uuid=instance_uuid, request_id=request_id).order_by(
            models.InstanceAction.id.desc())).first()
        if row is None:
            raise exception.InstanceActionNotFound(request_id=request_id)
        action = row.to_dict()
        action['events'] = [event.to_dict() for event in s.scalars(
            _newest_first(sa.select(models.InstanceActionEvent).filter_by(
                action_id=row.id), models.InstanceActionEvent))]
        return action
