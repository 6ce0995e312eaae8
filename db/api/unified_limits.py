"""Keystone's unified limits: registered limits and the project or domain
limits that override them, with keystone's checks (references exist,
no duplicates, a registered limit in use stays as it is) and the
configured enforcement model's (db/api/limit_hierarchy.py)."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import identity
from stratus.db.api import limit_hierarchy

_REGISTERED_KEYS = ('service_id', 'region_id', 'resource_name',
                    'default_limit', 'description')


# --- shared checks -----------------------------------------------------------

def _assert_references(s, values, target):
    """keystone's check that what a limit names exists (400 otherwise).
    A project id naming a domain makes the limit the domain's, as a
    keystone project acting as a domain does."""
    checks = (('service_id', models.CatalogService),
              ('region_id', models.Region))
    for key, model in checks:
        if values.get(key) is not None and s.get(model, values[key]) is None:
            raise exception.UnknownReference(attribute=key, target=target)
    project_id = values.get('project_id')
    if project_id is not None and s.get(models.Project, project_id) is None:
        if s.get(models.Domain, project_id) is None:
            raise exception.UnknownReference(attribute='project_id',
                                             target=target)
        values['domain_id'] = values.pop('project_id')
    domain_id = values.get('domain_id')
    if domain_id is not None and s.get(models.Domain, domain_id) is None:
        raise exception.UnknownReference(attribute='domain_id', target=target)


def _duplicate(kind):
    return exception.IdentityConflict(type=kind, details='Duplicate entry')


# --- registered limits -------------------------------------------------------

def _registered(s, registered_limit_id):
    row = s.scalars(sa.select(models.RegisteredLimit).filter_by(
        id=registered_limit_id)).first()
    if row is None:
        raise exception.RegisteredLimitNotFound(id=registered_limit_id)
    return row


def _registered_dict(row):
    return {key: getattr(row, key) for key in ('id',) + _REGISTERED_KEYS}


def _find_registered(s, service_id, region_id, resource_name):
    """The registered limit of (service, region, resource); a NULL
    region only matches a NULL region."""
    return s.scalars(sa.select(models.RegisteredLimit).filter_by(
        service_id=service_id, region_id=region_id,
        resource_name=resource_name)).first()


def registered_limits_create(items):
    """items: validated bodies; all are created or none."""
    with session.writer() as s:
        for values in items:
            _assert_references(s, values, 'registered_limit')
        created = []
        for values in items:
            if _find_registered(s, values['service_id'],
                                values.get('region_id'),
                                values['resource_name']) is not None:
                raise _duplicate('registered_limit')
            row = models.RegisteredLimit(
                id=identity.new_id(), service_id=values['service_id'],
                region_id=values.get('region_id'),
                resource_name=values['resource_name'],
                # JSON's 1.0 is an integer to the schema; store 1.
                default_limit=int(values['default_limit']),
                description=values.get('description'))
            s.add(row)
            s.flush()
            created.append(_registered_dict(row))
        return created


def registered_limit_get(registered_limit_id):
    with session.reader() as s:
        return _registered_dict(_registered(s, registered_limit_id))


def registered_limit_list(service_id=None, region_id=None,
                          resource_name=None):
    with session.reader() as s:
        query = sa.select(models.RegisteredLimit).order_by(
            models.RegisteredLimit.internal_id)
        for key, value in (('service_id', service_id),
                           ('region_id', region_id),
                           ('resource_name', resource_name)):
            if value is not None:
                query = query.filter_by(**{key: value})
        return [_registered_dict(r) for r in s.scalars(query)]


def _assert_unreferenced(s, registered_limit_id):
    in_use = s.scalars(sa.select(models.UnifiedLimit.id).filter_by(
        registered_limit_id=registered_limit_id).limit(1)).first()
    if in_use is not None:
        raise exception.RegisteredLimitError(id=registered_limit_id)


def registered_limit_update(registered_limit_id, values):
    with session.writer() as s:
        _assert_references(s, values, 'registered_limit')
        row = _registered(s, registered_limit_id)
        _assert_unreferenced(s, registered_limit_id)
        merged = dict(_registered_dict(row), **values)
        if any(k in values for k in ('service_id', 'region_id',
                                     'resource_name')):
            other = _find_registered(s, merged['service_id'],
                                     merged['region_id'],
                                     merged['resource_name'])
            if other is not None and other.id != row.id:
                raise _duplicate('registered_limit')
        if 'default_limit' in values:
            values = dict(values, default_limit=int(values['default_limit']))
        for key in _REGISTERED_KEYS:
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return _registered_dict(row)


def registered_limit_delete(registered_limit_id):
    with session.writer() as s:
        row = _registered(s, registered_limit_id)
        _assert_unreferenced(s, registered_limit_id)
        s.delete(row)


# --- limits ------------------------------------------------------------------

def _limit_query():
    return sa.select(models.UnifiedLimit, models.RegisteredLimit).join(
        models.RegisteredLimit, models.UnifiedLimit.registered_limit_id ==
        models.RegisteredLimit.id).order_by(models.UnifiedLimit.internal_id)


def _limit_dict(limit, registered):
    return {'id': limit.id, 'project_id': limit.project_id,
            'domain_id': limit.domain_id,
            'service_id': registered.service_id,
            'region_id': registered.region_id,
            'resource_name': registered.resource_name,
            'resource_limit': limit.resource_limit,
            'description': limit.description}


def _limit(s, limit_id):
    found = s.execute(_limit_query().where(
        models.UnifiedLimit.id == limit_id)).first()
    if found is None:
        raise exception.LimitNotFound(id=limit_id)
    return found


def limit_list(s=None, **filters):
    """filters: service_id, region_id, resource_name (of the registered
    limit), project_id, domain_id; None means any."""
    if s is None:
        with session.reader() as s:
            return limit_list(s, **filters)
    query = _limit_query()
    for key, value in filters.items():
        if value is None:
            continue
        model = models.UnifiedLimit if key in ('project_id', 'domain_id') \
            else models.RegisteredLimit
        query = query.where(getattr(model, key) == value)
    return [_limit_dict(limit, reg) for limit, reg in s.execute(query)]


def find_registered(s, service_id, region_id, resource_name):
    row = _find_registered(s, service_id, region_id, resource_name)
    return None if row is None else _registered_dict(row)


def limits_create(items):
    """items: validated bodies; all are created or none."""
    with session.writer() as s:
        for values in items:
            _assert_references(s, values, 'limit')
        limit_hierarchy.check(s, [dict(v) for v in items])
        created = []
        for values in items:
            registered = _find_registered(s, values['service_id'],
                                          values.get('region_id'),
                                          values['resource_name'])
            if registered is None:
                raise exception.NoLimitReference()
            owner = {'project_id': values['project_id']} \
                if values.get('project_id') else \
                {'domain_id': values.get('domain_id')}
            if s.scalars(sa.select(models.UnifiedLimit.id).filter_by(
                    registered_limit_id=registered.id, **owner)).first():
                raise _duplicate('limit')
            row = models.UnifiedLimit(
                id=identity.new_id(), registered_limit_id=registered.id,
                resource_limit=int(values['resource_limit']),
                description=values.get('description'), **owner)
            s.add(row)
            s.flush()
            created.append(_limit_dict(row, registered))
        return created


def limit_get(limit_id):
    with session.reader() as s:
        return _limit_dict(*_limit(s, limit_id))


def limit_update(limit_id, values):
    """values: resource_limit and/or description."""
    with session.writer() as s:
        row, registered = _limit(s, limit_id)
        if 'resource_limit' in values:
            values = dict(values, resource_limit=int(values['resource_limit']))
        limit_hierarchy.check(s, [dict(_limit_dict(row, registered),
                                       **values)])
        for key in ('resource_limit', 'description'):
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return _limit_dict(row, registered)


def limit_delete(limit_id):
    with session.writer() as s:
        row, _registered_row = _limit(s, limit_id)
        s.delete(row)


def registered_limits_in_use(s, service_id=None, region_id=None):
    """Whether registered limits name the service or region (deleting
    either would leave them dangling)."""
    query = sa.select(models.RegisteredLimit.id)
    if service_id is not None:
        query = query.filter_by(service_id=service_id)
    if region_id is not None:
        query = query.filter_by(region_id=region_id)
    return s.scalars(query.limit(1)).first() is not None
