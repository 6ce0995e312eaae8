"""Host aggregates: rows, their hosts and metadata, and the lookups the
API, the availability zones and the scheduler need (a host's zone, the
metadata of the aggregates a host is in)."""
import uuid as uuidlib

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session

AZ_KEY = 'availability_zone'


def _get(s, aggregate_id):
    row = s.get(models.Aggregate, int(aggregate_id))
    if row is None:
        raise exception.AggregateNotFound(aggregate_id=aggregate_id)
    return row


def _view(s, row):
    values = row.to_dict()
    values['hosts'] = list(s.scalars(
        sa.select(models.AggregateHost.host).filter_by(
            aggregate_id=row.id).order_by(models.AggregateHost.host)))
    values['metadata'] = {m.key: m.value for m in s.scalars(
        sa.select(models.AggregateMetadata).filter_by(aggregate_id=row.id))}
    values['availability_zone'] = values['metadata'].get(AZ_KEY)
    return values


def _check_name_free(s, name, aggregate_id=None):
    row = s.scalars(sa.select(models.Aggregate).filter_by(name=name)).first()
    if row is not None and row.id != aggregate_id:
        raise exception.AggregateNameExists(aggregate_name=name)


def _set_metadata(s, aggregate_id, updates):
    """nova's update_metadata: None removes a key, a value sets it."""
    for key, value in updates.items():
        row = s.get(models.AggregateMetadata, (aggregate_id, key))
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(models.AggregateMetadata(aggregate_id=aggregate_id,
                                           key=key, value=value))
        else:
            row.value = value


def create(name, availability_zone=None):
    with session.writer() as s:
        _check_name_free(s, name)
        row = models.Aggregate(uuid=str(uuidlib.uuid4()), name=name)
        s.add(row)
        s.flush()
        if availability_zone:
            _set_metadata(s, row.id, {AZ_KEY: availability_zone})
        s.flush()
        return _view(s, row)


def get(aggregate_id):
    with session.reader() as s:
        return _view(s, _get(s, aggregate_id))


def get_all():
    with session.reader() as s:
        return [_view(s, row) for row in s.scalars(
            sa.select(models.Aggregate).order_by(models.Aggregate.id))]


def update(aggregate_id, name=None, metadata=None):
    """Rename and/or change metadata; both stamp updated_at."""
    with session.writer() as s:
        row = _get(s, aggregate_id)
        if name is not None:
            _check_name_free(s, name, row.id)
            row.name = name
        if metadata:
            _set_metadata(s, row.id, metadata)
        row.updated_at = models.utcnow()
        s.flush()
        return _view(s, row)


def delete(aggregate_id):
    with session.writer() as s:
        s.delete(_get(s, aggregate_id))


def add_host(aggregate_id, host):
    with session.writer() as s:
        row = _get(s, aggregate_id)
        if s.get(models.AggregateHost, (row.id, host)) is not None:
            raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                                host=host)
        s.add(models.AggregateHost(aggregate_id=row.id, host=host))
        s.flush()
        return _view(s, row)


def remove_host(aggregate_id, host):
    with session.writer() as s:
        row = _get(s, aggregate_id)
        member = s.get(models.AggregateHost, (row.id, host))
        if member is None:
            raise exception.AggregateHostNotFound(aggregate_id=aggregate_id,
                                                  host=host)
        s.delete(member)
        s.flush()
        return _view(s, row)


def by_host(host):
    """The aggregates `host` is in."""
    with session.reader() as s:
        ids = s.scalars(sa.select(models.AggregateHost.aggregate_id)
                        .filter_by(host=host))
        return [_view(s, s.get(models.Aggregate, i)) for i in list(ids)]


def metadata_by_host(session_=None):
    """{host: {key: {values}}} over every aggregate a host is in (what
    nova's host state keeps as `aggregates`, merged per key)."""
    query = sa.select(models.AggregateHost.host, models.AggregateMetadata.key,
                      models.AggregateMetadata.value).join(
        models.AggregateMetadata, models.AggregateMetadata.aggregate_id ==
        models.AggregateHost.aggregate_id)
    result = {}

    def collect(s):
        for host, key, value in s.execute(query):
            result.setdefault(host, {}).setdefault(key, set()).add(value)
    if session_ is not None:
        collect(session_)
    else:
        with session.reader() as s:
            collect(s)
    return result


def zones_by_host(session_=None):
    """{host: zone} of the hosts in an aggregate with a zone (nova joins
    several zones of one host with ',', sorted)."""
    return {host: ','.join(sorted(meta[AZ_KEY]))
            for host, meta in metadata_by_host(session_).items()
            if AZ_KEY in meta}


def host_zone(host):
    """`host`'s zone from its aggregates, or None (the default zone)."""
    return zones_by_host().get(host)


def with_zones(service_rows, compute_binary='stratus-compute'):
    """Service rows with each compute's zone taken from its aggregates
    (nova's set_availability_zones); other rows unchanged."""
    zones = zones_by_host()
    for row in service_rows:
        if row['binary'] == compute_binary and row['host'] in zones:
            row['availability_zone'] = zones[row['host']]
    return service_rows
