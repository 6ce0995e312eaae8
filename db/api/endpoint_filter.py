"""OS-EP-FILTER: endpoint groups, and which endpoints a project's catalog
is limited to (directly, or through the groups associated with it).
Associations go with their project, endpoint or group (the tables
cascade)."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import identity

FILTER_KEYS = ('service_id', 'region_id', 'interface')


def _group(s, group_id):
    row = s.get(models.EndpointGroup, group_id)
    if row is None:
        raise exception.EndpointGroupNotFound(group_id)
    return row


def _endpoint(s, endpoint_id):
    if s.get(models.Endpoint, endpoint_id) is None:
        raise exception.EndpointNotFound(endpoint_id)


def _project(s, project_id):
    if s.get(models.Project, project_id) is None:
        raise exception.ProjectNotFound(project_id)


def _duplicate(kind):
    # Keystone refuses a second PUT of the same association.
    return exception.IdentityConflict(type=kind, details='Duplicate entry')


def _projects(s, project_ids):
    if not project_ids:
        return []
    return [r.to_dict() for r in s.scalars(
        sa.select(models.Project).where(models.Project.id.in_(
            project_ids)).order_by(models.Project.name, models.Project.id))]


# --- endpoint groups ---------------------------------------------------------

def group_create(values):
    with session.writer() as s:
        row = models.EndpointGroup(
            id=identity.new_id(), name=values['name'],
            description=values.get('description'),
            filters=values['filters'])
        s.add(row)
        s.flush()
        return row.to_dict()


def group_get(group_id):
    with session.reader() as s:
        return _group(s, group_id).to_dict()


def group_list(name=None):
    with session.reader() as s:
        query = sa.select(models.EndpointGroup).order_by(
            models.EndpointGroup.name, models.EndpointGroup.id)
        if name is not None:
            query = query.filter_by(name=name)
        return [r.to_dict() for r in s.scalars(query)]


def group_update(group_id, values):
    """Top-level keys replace the stored ones (`filters` as a whole)."""
    with session.writer() as s:
        row = _group(s, group_id)
        for key in ('name', 'description', 'filters'):
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return row.to_dict()


def group_delete(group_id):
    with session.writer() as s:
        s.delete(_group(s, group_id))


def _matching(s, filters):
    query = sa.select(models.Endpoint).order_by(
        models.Endpoint.service_id, models.Endpoint.interface,
        models.Endpoint.id)
    for key, value in filters.items():
        column = getattr(models.Endpoint, key)
        query = query.where(column.is_(None) if value is None
                            else column == value)
    return [r.to_dict() for r in s.scalars(query)]


def group_endpoints(group_id):
    """Every endpoint (enabled or not) matching all the group's filters."""
    with session.reader() as s:
        return _matching(s, _group(s, group_id).filters)


# --- project <-> endpoint ----------------------------------------------------

def _not_in_project(endpoint_id, project_id):
    return exception.NotFound('Endpoint %s not found in project %s'
                              % (endpoint_id, project_id))


def project_endpoint_add(project_id, endpoint_id):
    try:
        with session.writer() as s:
            _endpoint(s, endpoint_id)
            _project(s, project_id)
            if s.get(models.ProjectEndpoint,
                     (endpoint_id, project_id)) is not None:
                raise _duplicate('project_endpoint')
            s.add(models.ProjectEndpoint(endpoint_id=endpoint_id,
                                         project_id=project_id))
    except sa_exc.IntegrityError:
        raise _duplicate('project_endpoint')  # a concurrent PUT won


def project_endpoint_check(project_id, endpoint_id):
    with session.reader() as s:
        _endpoint(s, endpoint_id)
        _project(s, project_id)
        if s.get(models.ProjectEndpoint, (endpoint_id, project_id)) is None:
            raise _not_in_project(endpoint_id, project_id)


def project_endpoint_remove(project_id, endpoint_id):
    with session.writer() as s:
        row = s.get(models.ProjectEndpoint, (endpoint_id, project_id))
        if row is None:
            raise _not_in_project(endpoint_id, project_id)
        s.delete(row)


def endpoint_projects(endpoint_id):
    with session.reader() as s:
        _endpoint(s, endpoint_id)
        m = models.ProjectEndpoint
        return _projects(s, list(s.scalars(sa.select(m.project_id).where(
            m.endpoint_id == endpoint_id))))


def _project_endpoints(s, project_id):
    """{endpoint id: endpoint}: the direct associations first, then the
    endpoints of the project's groups."""
    m = models.ProjectEndpoint
    found = {}
    direct = list(s.scalars(sa.select(m.endpoint_id).where(
        m.project_id == project_id)))
    if direct:
        for row in s.scalars(sa.select(models.Endpoint).where(
                models.Endpoint.id.in_(direct)).order_by(
                models.Endpoint.id)):
            found[row.id] = row.to_dict()
    for group in _project_group_rows(s, project_id):
        for ep in _matching(s, group.filters):
            found.setdefault(ep['id'], ep)
    return found


def project_endpoints(project_id):
    with session.reader() as s:
        _project(s, project_id)
        return list(_project_endpoints(s, project_id).values())


def catalog_endpoint_ids(s, project_id):
    """The ids a project's catalog is limited to; empty: no limit. In the
    catalog's own session (`s`); a project without associations (the
    usual case) costs one query."""
    direct = models.ProjectEndpoint
    groups = models.ProjectEndpointGroup
    if s.scalar(sa.select(sa.union_all(
            sa.select(direct.endpoint_id).where(
                direct.project_id == project_id),
            sa.select(groups.endpoint_group_id).where(
                groups.project_id == project_id)).subquery()).limit(1)) \
            is None:
        return set()
    return set(_project_endpoints(s, project_id))


# --- project <-> endpoint group ----------------------------------------------

def _project_group_rows(s, project_id):
    m = models.ProjectEndpointGroup
    return list(s.scalars(sa.select(models.EndpointGroup).join(
        m, m.endpoint_group_id == models.EndpointGroup.id).where(
        m.project_id == project_id).order_by(
        models.EndpointGroup.name, models.EndpointGroup.id)))


def _group_in_project(s, group_id, project_id):
    _project(s, project_id)
    _group(s, group_id)
    row = s.get(models.ProjectEndpointGroup, (group_id, project_id))
    if row is None:
        raise exception.NotFound(
            'Endpoint Group Project Association not found')
    return row


def project_group_add(group_id, project_id):
    try:
        with session.writer() as s:
            _project(s, project_id)
            _group(s, group_id)
            if s.get(models.ProjectEndpointGroup,
                     (group_id, project_id)) is not None:
                raise _duplicate('project_endpoint_group')
            s.add(models.ProjectEndpointGroup(endpoint_group_id=group_id,
                                              project_id=project_id))
    except sa_exc.IntegrityError:
        raise _duplicate('project_endpoint_group')


def project_group_get(group_id, project_id):
    with session.reader() as s:
        return _group_in_project(s, group_id, project_id).to_dict()


def project_group_remove(group_id, project_id):
    with session.writer() as s:
        s.delete(_group_in_project(s, group_id, project_id))


def group_projects(group_id):
    """Keystone does not check the group here: unknown means none."""
    with session.reader() as s:
        m = models.ProjectEndpointGroup
        return _projects(s, list(s.scalars(sa.select(m.project_id).where(
            m.endpoint_group_id == group_id))))


def project_groups(project_id):
    with session.reader() as s:
        _project(s, project_id)
        return [r.to_dict() for r in _project_group_rows(s, project_id)]
