"""Recording instance actions (one per user request) and their events
(one per flow task), which `openstack server event show` lists."""
import sqlalchemy as sa

from stratus.db import models
from stratus.db import session


def action_start(instance_uuid, action, request_id, user_id, project_id):
    with session.writer() as s:
        row = models.InstanceAction(
            instance_uuid=instance_uuid, action=action, request_id=request_id,
            user_id=user_id, project_id=project_id)
        s.add(row)
        s.flush()
        return row.id


def _action(s, instance_uuid, request_id):
    return s.scalars(sa.select(models.InstanceAction).filter_by(
        instance_uuid=instance_uuid, request_id=request_id).order_by(
        models.InstanceAction.id.desc())).first()


def action_finish(instance_uuid, request_id, message=None):
    with session.writer() as s:
        row = _action(s, instance_uuid, request_id)
        if row is not None:
            row.finish_time = models.utcnow()
            if message:
                row.message = message


def event_record(instance_uuid, request_id, event, start_time, finish_time,
                 result, traceback=None, host=None, details=None):
    """One finished step (see events_record)."""
    return events_record(instance_uuid, request_id, [{
        'event': event, 'start_time': start_time,
        'finish_time': finish_time, 'result': result,
        'traceback': traceback, 'host': host, 'details': details}])


_ACTION_OF_REQUEST = sa.select(
    models.InstanceAction.id, models.InstanceAction.message).where(
    models.InstanceAction.instance_uuid == sa.bindparam('instance_uuid'),
    models.InstanceAction.request_id == sa.bindparam('request_id')).order_by(
    models.InstanceAction.id.desc()).limit(1)
_INSERT_EVENT = sa.insert(models.InstanceActionEvent.__table__)
_TOUCH = sa.update(models.InstanceAction.__table__).where(
    models.InstanceAction.id == sa.bindparam('action_id')).values(
    updated_at=sa.bindparam('now'))
_MARK_FAILED = _TOUCH.values(message='Error')
_EVENT_KEYS = ('event', 'start_time', 'finish_time', 'result', 'traceback',
               'host', 'details')


def events_record(instance_uuid, request_id, events):
    """Finished steps, each with its start and finish, in one write (not
    start then finish), so the order in which messages arrive does not
    matter. Steps of a request without an action record (internal work)
    are dropped. Core statements: this runs once per flow of every
    operation, and the ORM's unit of work tripled its cost."""
    with session.writer() as s:
        return record_in(s, instance_uuid, request_id, events)


def record_in(s, instance_uuid, request_id, events):
    """events_record inside the caller's write transaction `s`."""
    action = s.execute(_ACTION_OF_REQUEST, {
        'instance_uuid': instance_uuid,
        'request_id': request_id}).first()
    if action is None:
        return False
    if events:
        s.execute(_INSERT_EVENT, [
            dict({key: event.get(key) for key in _EVENT_KEYS},
                 action_id=action.id) for event in events])
    # changes-since on actions (2.58) sees the steps as a change.
    failed = not action.message and any(event['result'] == 'Error'
                                        for event in events)
    s.execute(_MARK_FAILED if failed else _TOUCH, {
        'action_id': action.id, 'now': models.utcnow()})
    return True
