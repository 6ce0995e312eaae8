"""The service catalog: regions, catalog services, endpoints, and the
catalog a scoped token carries."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import endpoint_filter
from stratus.db.api import identity
from stratus.db.api import unified_limits

INTERFACES = ('public', 'internal', 'admin')
# Endpoint URL templates keystone substitutes with the token's project.
_PROJECT_MARKERS = ('$(project_id)s', '%(project_id)s', '$(tenant_id)s',
                    '%(tenant_id)s')


# --- regions -----------------------------------------------------------------

def _region(s, region_id):
    row = s.get(models.Region, region_id)
    if row is None:
        raise exception.RegionNotFound(region_id)
    return row


def region_create(values):
    with session.writer() as s:
        region_id = values.get('id') or identity.new_id()
        if s.get(models.Region, region_id) is not None:
            raise exception.IdentityConflict(
                type='region', details='Duplicate ID, %s' % region_id)
        parent = values.get('parent_region_id')
        if parent is not None:
            _region(s, parent)
        row = models.Region(id=region_id,
                            description=values.get('description') or '',
                            parent_region_id=parent)
        s.add(row)
        s.flush()
        return row.to_dict()


def region_get(region_id):
    with session.reader() as s:
        return _region(s, region_id).to_dict()


def region_list(parent_region_id=None):
    with session.reader() as s:
        query = sa.select(models.Region).order_by(models.Region.id)
        if parent_region_id is not None:
            query = query.filter_by(parent_region_id=parent_region_id)
        return [r.to_dict() for r in s.scalars(query)]


def _would_loop(s, region_id, parent):
    """Whether making `parent` the parent of `region_id` closes a cycle."""
    seen = set()
    while parent is not None and parent not in seen:
        if parent == region_id:
            return True
        seen.add(parent)
        parent = _region(s, parent).parent_region_id
    return False


def region_update(region_id, values):
    with session.writer() as s:
        row = _region(s, region_id)
        if values.get('parent_region_id') is not None:
            if _would_loop(s, region_id, values['parent_region_id']):
                raise exception.ValidationError(
                    field='region/parent_region_id',
                    reason='A region cannot be its own ancestor.')
        for key in ('description', 'parent_region_id'):
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return row.to_dict()


def region_delete(region_id):
    """Refused (409) while endpoints or child regions refer to it."""
    with session.writer() as s:
        row = _region(s, region_id)
        in_use = s.scalars(sa.select(models.Endpoint.id).filter_by(
            region_id=region_id).limit(1)).first() or s.scalars(
            sa.select(models.Region.id).filter_by(
                parent_region_id=region_id).limit(1)).first()
        if in_use:
            raise exception.IdentityConflict(
                type='region', details='region %s is in use by endpoints or '
                'child regions' % region_id)
        _refuse_if_limited(s, 'region', region_id)
        s.delete(row)


# --- services ----------------------------------------------------------------

_SERVICE_KEYS = ('type', 'name', 'description', 'enabled')


def _service(s, service_id):
    row = s.get(models.CatalogService, service_id)
    if row is None:
        raise exception.CatalogServiceNotFound(service_id)
    return row


def service_create(values):
    with session.writer() as s:
        row = models.CatalogService(id=identity.new_id(), enabled=True)
        for key in _SERVICE_KEYS:
            if key in values:
                setattr(row, key, values[key])
        s.add(row)
        s.flush()
        return row.to_dict()


def service_get(service_id):
    with session.reader() as s:
        return _service(s, service_id).to_dict()


def service_list(type=None, name=None):
    with session.reader() as s:
        query = sa.select(models.CatalogService).order_by(
            models.CatalogService.type, models.CatalogService.id)
        if type is not None:
            query = query.filter_by(type=type)
        if name is not None:
            query = query.filter_by(name=name)
        return [r.to_dict() for r in s.scalars(query)]


def service_update(service_id, values):
    with session.writer() as s:
        row = _service(s, service_id)
        for key in _SERVICE_KEYS:
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return row.to_dict()


def _refuse_if_limited(s, kind, ident):
    # keystone fails on the registered limit's foreign key (a 500); a 409
    # says what is in the way.
    if unified_limits.registered_limits_in_use(s, **{kind + '_id': ident}):
        raise exception.IdentityConflict(
            type=kind, details='%s %s is in use by registered limits'
            % (kind, ident))


def service_delete(service_id):
    with session.writer() as s:
        row = _service(s, service_id)
        _refuse_if_limited(s, 'service', service_id)
        s.execute(sa.delete(models.Endpoint).filter_by(service_id=service_id))
        s.delete(row)


# --- endpoints ---------------------------------------------------------------

_ENDPOINT_KEYS = ('service_id', 'interface', 'region_id', 'url', 'enabled')


def _endpoint(s, endpoint_id):
    row = s.get(models.Endpoint, endpoint_id)
    if row is None:
        raise exception.EndpointNotFound(endpoint_id)
    return row


def _check_references(s, values):
    if 'service_id' in values:
        _service(s, values['service_id'])
    if values.get('region_id') is not None:
        if s.get(models.Region, values['region_id']) is None:
            raise exception.ValidationError(
                field='endpoint/region_id',
                reason='Region %s does not exist.' % values['region_id'])


def endpoint_create(values):
    with session.writer() as s:
        _check_references(s, values)
        row = models.Endpoint(id=identity.new_id(), enabled=True)
        for key in _ENDPOINT_KEYS:
            if key in values:
                setattr(row, key, values[key])
        s.add(row)
        s.flush()
        return row.to_dict()


def endpoint_get(endpoint_id):
    with session.reader() as s:
        return _endpoint(s, endpoint_id).to_dict()


def endpoint_list(service_id=None, interface=None, region_id=None):
    with session.reader() as s:
        query = sa.select(models.Endpoint).order_by(
            models.Endpoint.service_id, models.Endpoint.interface,
            models.Endpoint.id)
        for key, value in (('service_id', service_id),
                           ('interface', interface),
                           ('region_id', region_id)):
            if value is not None:
                query = query.filter_by(**{key: value})
        return [r.to_dict() for r in s.scalars(query)]


def endpoint_update(endpoint_id, values):
    with session.writer() as s:
        row = _endpoint(s, endpoint_id)
        _check_references(s, values)
        for key in _ENDPOINT_KEYS:
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return row.to_dict()


def endpoint_delete(endpoint_id):
    with session.writer() as s:
        s.delete(_endpoint(s, endpoint_id))


# --- the catalog of a token --------------------------------------------------

def _substitute(url, project_id):
    """The URL for `project_id`, or None when it needs a project and the
    token has none (keystone leaves such endpoints out)."""
    for marker in _PROJECT_MARKERS:
        if marker in url:
            if project_id is None:
                return None
            url = url.replace(marker, project_id)
    return url


def build(project_id=None):
    """Enabled services with their enabled endpoints, keystone v3 shape.

    OS-EP-FILTER: a project with associated endpoints (directly or through
    endpoint groups) sees only those, and only services left with one;
    otherwise the whole catalog, or none when
    [endpoint_filter] return_all_endpoints_if_no_filter is false.
    """
    with session.reader() as s:
        services = [r.to_dict() for r in s.scalars(
            sa.select(models.CatalogService).where(
                models.CatalogService.enabled.is_(True)).order_by(
                models.CatalogService.type, models.CatalogService.id))]
        endpoints = [r.to_dict() for r in s.scalars(
            sa.select(models.Endpoint).where(
                models.Endpoint.enabled.is_(True)).order_by(
                models.Endpoint.interface, models.Endpoint.id))]
        only = endpoint_filter.catalog_endpoint_ids(s, project_id) \
            if project_id else set()
    if not only and \
            not CONF.endpoint_filter.return_all_endpoints_if_no_filter:
        return []
    by_service = {}
    for ep in endpoints:
        if only and ep['id'] not in only:
            continue
        url = _substitute(ep['url'], project_id)
        if url is not None:
            by_service.setdefault(ep['service_id'], []).append({
                'id': ep['id'], 'interface': ep['interface'],
                'region': ep['region_id'], 'region_id': ep['region_id'],
                'url': url})
    return [{'type': svc['type'], 'name': svc['name'] or '',
             'id': svc['id'], 'endpoints': by_service.get(svc['id'], [])}
            for svc in services if not only or svc['id'] in by_service]
