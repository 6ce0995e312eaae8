"""Service records: registration, heartbeats, up/down, enable/disable."""
import datetime
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session


def is_up(row, now=None):
    if row['forced_down']:
        return False
    last = row['updated_at'] or row['created_at']
    now = now or models.utcnow()
    return (now - last) <= datetime.timedelta(seconds=CONF.service_down_time)


def _view(row, now=None):
    values = row.to_dict()
    values['is_up'] = is_up(values, now)
    return values


# Bumped by every change made through this process, so that its caches of
# service states (api/compute/servers.host_states) see its own changes.
GENERATION = [0]


def report(ctxt, values):
    """Register the service on first call, record a heartbeat afterwards."""
    with session.writer() as s:
        row = s.scalars(sa.select(models.Service).filter_by(
            host=values['host'], binary=values['binary'])).first()
        now = models.utcnow()
        if row is None:
            row = models.Service(uuid=str(uuid.uuid4()), report_count=0,
                                 host=values['host'], binary=values['binary'])
            s.add(row)
        row.topic = values['topic']
        row.availability_zone = values.get('availability_zone')
        if values.get('version'):
            row.version = values['version']
        if row.report_count == 0:
            GENERATION[0] += 1
        row.report_count += 1
        row.updated_at = now
        row.last_seen_up = now
        s.flush()
        return _view(row, now)


def service_list(binary=None, host=None, binaries=None):
    with session.reader() as s:
        query = sa.select(models.Service).order_by(models.Service.id)
        if binary:
            query = query.filter_by(binary=binary)
        if binaries:
            query = query.where(models.Service.binary.in_(binaries))
        if host:
            query = query.filter_by(host=host)
        now = models.utcnow()
        return [_view(row, now) for row in s.scalars(query)]


def _get(s, service_id):
    column = (models.Service.uuid if isinstance(service_id, str)
              and not service_id.isdigit() else models.Service.id)
    row = s.scalars(sa.select(models.Service).where(
        column == service_id)).first()
    if row is None:
        raise exception.ServiceNotFound(service_id=service_id)
    return row


def service_get(service_id):
    with session.reader() as s:
        return _view(_get(s, service_id))


def service_update(service_id, values):
    GENERATION[0] += 1
    with session.writer() as s:
        row = _get(s, service_id)
        for key, value in values.items():
            setattr(row, key, value)
        s.flush()
        return _view(row)


def service_delete(service_id):
    GENERATION[0] += 1
    with session.writer() as s:
        s.delete(_get(s, service_id))


def instances_on_host(host):
    """How many live servers a compute host holds (a service hosting any
    may not be deleted)."""
    with session.reader() as s:
        return s.scalar(sa.select(sa.func.count(models.Instance.id)).where(
            models.Instance.host == host,
            models.Instance.deleted.is_(False)))
