"""Server groups of a project, their members, and the server_groups quota
(checked in the write transaction that inserts the group)."""
import uuid as uuidlib

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import quotas


def _members(s, group_id):
    """Uuids of the group's servers that still exist (nova hides deleted
    ones), oldest first."""
    m, i = models.ServerGroupMember, models.Instance
    return list(s.scalars(sa.select(m.instance_uuid).join(
        i, i.uuid == m.instance_uuid).where(
        m.group_id == group_id, i.deleted.is_(False)).order_by(i.id)))


def _view(s, row):
    values = row.to_dict()
    values['members'] = _members(s, row.id)
    return values


def _get(s, group_uuid):
    row = s.scalars(sa.select(models.ServerGroup).filter_by(
        uuid=group_uuid)).first()
    if row is None:
        raise exception.InstanceGroupNotFound(group_uuid=group_uuid)
    return row


def create(values):
    """values: name, policy, project_id, user_id[, rules]."""
    with session.writer() as s:
        project_id = values['project_id']
        limit = quotas.limits(s, project_id)['server_groups']
        if limit >= 0 and quotas.usage(s, project_id)['server_groups'] >= \
                limit:
            raise exception.ServerGroupLimitExceeded()
        row = models.ServerGroup(uuid=str(uuidlib.uuid4()), **values)
        s.add(row)
        s.flush()
        return _view(s, row)


def get(group_uuid):
    with session.reader() as s:
        return _view(s, _get(s, group_uuid))


def group_list(project_id=None):
    """The groups of `project_id`, or of every project when None."""
    with session.reader() as s:
        query = sa.select(models.ServerGroup).order_by(models.ServerGroup.id)
        if project_id is not None:
            query = query.filter_by(project_id=project_id)
        return [_view(s, row) for row in s.scalars(query)]


def delete(group_uuid):
    with session.writer() as s:
        row = _get(s, group_uuid)
        s.execute(sa.delete(models.ServerGroupMember).where(
            models.ServerGroupMember.group_id == row.id))
        s.delete(row)
