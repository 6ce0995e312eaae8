"""Flavors, their extra specs and project access."""
import re

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session

SORT_KEYS = {'flavorid': models.Flavor.flavorid, 'id': models.Flavor.flavorid,
             'name': models.Flavor.name, 'memory_mb': models.Flavor.memory_mb,
             'ram': models.Flavor.memory_mb, 'vcpus': models.Flavor.vcpus,
             'root_gb': models.Flavor.root_gb, 'disk': models.Flavor.root_gb,
             'swap': models.Flavor.swap, 'created_at': models.Flavor.created_at,
             'rxtx_factor': models.Flavor.rxtx_factor,
             'ephemeral_gb': models.Flavor.ephemeral_gb,
             'description': models.Flavor.description,
             'disabled': models.Flavor.disabled,
             'is_public': models.Flavor.is_public,
             # Flavors have no updated_at or vcpu_weight column: creation
             # order and the internal id (nova's NULL weights) stand in.
             'updated_at': models.Flavor.created_at,
             'vcpu_weight': models.Flavor.id}


def _view(s, row):
    values = row.to_dict()
    values['extra_specs'] = {
        spec.key: spec.value for spec in s.scalars(sa.select(
            models.FlavorExtraSpec).filter_by(flavor_id=row.id))}
    return values


def flavor_create(values, projects=()):
    try:
        with session.writer() as s:
            for key in ('flavorid', 'name'):
                if s.scalars(sa.select(models.Flavor).filter_by(
                        **{key: values[key]})).first():
                    raise exception.FlavorExists(
                        key='ID' if key == 'flavorid' else 'name',
                        value=values[key])
            row = models.Flavor(**values)
            s.add(row)
            s.flush()
            for project_id in projects:
                s.add(models.FlavorProject(flavor_id=row.id,
                                           project_id=project_id))
            return _view(s, row)
    except sa_exc.IntegrityError:
        raise exception.FlavorExists(key='name', value=values['name'])


def _get(s, flavorid):
    row = s.scalars(sa.select(models.Flavor).filter_by(
        flavorid=str(flavorid))).first()
    if row is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return row


def _accessible(project_id):
    """Public flavors plus the private ones shared with `project_id`."""
    shared = sa.select(models.FlavorProject.flavor_id).where(
        models.FlavorProject.project_id == project_id)
    return sa.or_(models.Flavor.is_public.is_(True),
                  models.Flavor.id.in_(shared))


def flavor_get(flavorid, project_id=None):
    """`project_id` set: only a flavor that project can use."""
    with session.reader() as s:
        row = _get(s, flavorid)
        if project_id is not None and not row.is_public:
            if not s.scalars(sa.select(models.FlavorProject).filter_by(
                    flavor_id=row.id, project_id=project_id)).first():
                raise exception.FlavorNotFound(flavor_id=flavorid)
        return _view(s, row)


def flavor_list(*, is_public=True, project_id=None, min_memory_mb=None,
                min_root_gb=None, sort_key='flavorid', sort_dir='asc',
                limit=None, marker=None, name=None):
    """is_public: True (public + shared with project_id), False, None (all);
    name (2.102) is a regular expression searched in the name, as nova's
    REGEXP filter."""
    with session.reader() as s:
        query = sa.select(models.Flavor).where(
            models.Flavor.disabled.is_(False))
        if is_public is True:
            query = query.where(_accessible(project_id) if project_id
                                else models.Flavor.is_public.is_(True))
        elif is_public is False:
            query = query.where(models.Flavor.is_public.is_(False))
        if min_memory_mb:
            query = query.where(models.Flavor.memory_mb >= min_memory_mb)
        if min_root_gb:
            query = query.where(models.Flavor.root_gb >= min_root_gb)
        column = SORT_KEYS[sort_key]
        order = column.desc() if sort_dir == 'desc' else column.asc()
        query = query.order_by(order, models.Flavor.id.asc())
        rows = list(s.scalars(query))
        if name is not None:
            rows = [r for r in rows if _name_matches(name, r.name)]
        if marker is not None:
            ids = [r.flavorid for r in rows]
            if marker not in ids:
                raise exception.Invalid('marker [%s] not found' % marker)
            rows = rows[ids.index(marker) + 1:]
        if limit is not None:
            rows = rows[:limit]
        return [_view(s, row) for row in rows]


def _name_matches(pattern, name):
    try:
        return re.search(pattern, name or '') is not None
    except re.error:
        return pattern in (name or '')


def flavor_update(flavorid, values):
    with session.writer() as s:
        row = _get(s, flavorid)
        for key, value in values.items():
            setattr(row, key, value)
        s.flush()
        return _view(s, row)


def flavor_delete(flavorid):
    with session.writer() as s:
        s.delete(_get(s, flavorid))


def extra_specs_update(flavorid, specs):
    with session.writer() as s:
        row = _get(s, flavorid)
        for key, value in specs.items():
            spec = s.get(models.FlavorExtraSpec, (row.id, key))
            if spec is None:
                s.add(models.FlavorExtraSpec(flavor_id=row.id, key=key,
                                             value=value))
            else:
                spec.value = value
        s.flush()
        return _view(s, row)['extra_specs']


def extra_spec_delete(flavorid, key):
    with session.writer() as s:
        row = _get(s, flavorid)
        spec = s.get(models.FlavorExtraSpec, (row.id, key))
        if spec is None:
            raise exception.FlavorExtraSpecNotFound(flavor_id=flavorid,
                                                    key=key)
        s.delete(spec)


def access_list(flavorid):
    with session.reader() as s:
        row = _get(s, flavorid)
        if row.is_public:
            raise exception.FlavorAccessForPublic()
        return sorted(p.project_id for p in s.scalars(sa.select(
            models.FlavorProject).filter_by(flavor_id=row.id)))


def access_projects(flavorid):
    """The projects given access, public flavor or not."""
    with session.reader() as s:
        row = _get(s, flavorid)
        return sorted(p.project_id for p in s.scalars(sa.select(
            models.FlavorProject).filter_by(flavor_id=row.id)))


def access_add(flavorid, project_id, allow_public=False):
    """Give `project_id` access; to a public flavor only with
    `allow_public` (before 2.7 nova stored it, uselessly)."""
    with session.writer() as s:
        row = _get(s, flavorid)
        if row.is_public and not allow_public:
            raise exception.FlavorAccessPublicConflict()
        if s.get(models.FlavorProject, (row.id, project_id)) is not None:
            raise exception.FlavorAccessExists(flavor_id=flavorid,
                                               project_id=project_id)
        s.add(models.FlavorProject(flavor_id=row.id, project_id=project_id))


def access_remove(flavorid, project_id):
    with session.writer() as s:
        row = _get(s, flavorid)
        access = s.get(models.FlavorProject, (row.id, project_id))
        if access is None:
            raise exception.FlavorAccessNotFound(flavor_id=flavorid,
                                                 project_id=project_id)
        s.delete(access)
