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


def action_list(instance_uuid):
    """The server's actions, newest first."""
    with session.reader() as s:
        return [row.to_dict() for row in s.scalars(_newest_first(
            sa.select(models.InstanceAction).filter_by(
                instance_uuid=instance_uuid), models.InstanceAction))]


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
