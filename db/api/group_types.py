"""Group types and their group specs. Views are the row's columns plus
``group_specs`` as a dict."""
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import paging

SORT_KEYS = {'created_at', 'updated_at', 'id', 'name', 'description',
             'is_public'}


def _views(s, rows):
    specs = {row.id: {} for row in rows}
    if rows:
        for spec in s.scalars(sa.select(models.GroupTypeSpec).where(
                models.GroupTypeSpec.group_type_id.in_(list(specs)))):
            specs[spec.group_type_id][spec.key] = spec.value
    return [dict(row.to_dict(), group_specs=specs[row.id]) for row in rows]


def _view(s, row):
    return _views(s, [row])[0]


def _get(s, type_id, public_only=False):
    row = s.get(models.GroupType, str(type_id))
    if row is None or (public_only and not row.is_public):
        raise exception.GroupTypeNotFound(group_type_id=type_id)
    return row


def create(values, specs=None):
    with session.writer() as s:
        if s.scalars(sa.select(models.GroupType).filter_by(
                name=values['name'])).first():
            raise exception.GroupTypeExists(id=values['name'])
        row = models.GroupType(id=str(uuid.uuid4()), name=values['name'],
                               description=values.get('description'),
                               is_public=values.get('is_public', True))
        s.add(row)
        s.flush()
        for key, value in (specs or {}).items():
            s.add(models.GroupTypeSpec(group_type_id=row.id, key=key,
                                       value=value))
        s.flush()
        return _view(s, row)


def get(type_id, public_only=False):
    """`public_only`: a private type is not found (what a member sees)."""
    with session.reader() as s:
        return _view(s, _get(s, type_id, public_only))


def get_by_name(name, public_only=False):
    with session.reader() as s:
        row = s.scalars(sa.select(models.GroupType).filter_by(
            name=str(name))).first()
        if row is None or (public_only and not row.is_public):
            raise exception.GroupTypeNotFoundByName(group_type_name=name)
        return _view(s, row)


def get_by_name_or_id(value, public_only=False):
    """By id first, then by name (a name may look like a uuid); the
    not-found error names the id, as cinder's does."""
    try:
        return get(value, public_only)
    except exception.GroupTypeNotFound:
        try:
            return get_by_name(value, public_only)
        except exception.GroupTypeNotFoundByName:
            raise exception.GroupTypeNotFound(group_type_id=value)


def list_types(*, is_public=None, limit=None, marker=None, offset=None,
               sort=(('created_at', 'desc'),)):
    with session.reader() as s:
        query = sa.select(models.GroupType)
        if is_public is not None:
            query = query.where(models.GroupType.is_public.is_(is_public))
        order = [getattr(models.GroupType, key).asc() if direction == 'asc'
                 else getattr(models.GroupType, key).desc()
                 for key, direction in sort]
        order.append(models.GroupType.id.desc())
        rows = list(s.scalars(query.order_by(*order)))
        rows = paging.page(rows, marker, limit, offset,
                           missing=exception.CinderMarkerNotFound)
        return _views(s, rows)


def update(type_id, values):
    with session.writer() as s:
        row = _get(s, type_id)
        name = values.get('name')
        if name and name != row.name and s.scalars(sa.select(
                models.GroupType).filter_by(name=name)).first():
            raise exception.GroupTypeExists(id=name)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = models.utcnow()
        s.flush()
        return _view(s, row)


def delete(type_id):
    with session.writer() as s:
        row = _get(s, type_id)
        if s.scalar(sa.select(sa.func.count(models.Group.id)).where(
                models.Group.group_type_id == row.id,
                models.Group.deleted.is_(False))):
            raise exception.GroupTypeInUse(group_type_id=row.id)
        s.delete(row)


def specs_update(type_id, specs):
    with session.writer() as s:
        row = _get(s, type_id)
        for key, value in specs.items():
            spec = s.get(models.GroupTypeSpec, (row.id, key))
            if spec is None:
                s.add(models.GroupTypeSpec(group_type_id=row.id, key=key,
                                           value=value))
            else:
                spec.value = value
        row.updated_at = models.utcnow()


def spec_delete(type_id, key):
    with session.writer() as s:
        row = _get(s, type_id)
        spec = s.get(models.GroupTypeSpec, (row.id, key))
        if spec is None:
            raise exception.GroupTypeSpecsNotFound(group_type_id=type_id,
                                                   group_specs_key=key)
        s.delete(spec)


CGSNAPSHOT_TYPE = 'default_cgsnapshot_type'


def cgsnapshot_type_id():
    """The id of the type db sync made for groups migrated from
    consistency groups (None once an admin deleted it)."""
    with session.reader() as s:
        return s.scalars(sa.select(models.GroupType.id).filter_by(
            name=CGSNAPSHOT_TYPE)).first()


def is_cgsnapshot_type(type_id):
    return bool(type_id) and type_id == cgsnapshot_type_id()
