"""Volume types, their extra specs and the projects of private types."""
import uuid

import sqlalchemy as sa

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session

DEFAULT_TYPE_NAME = '__DEFAULT__'


def _view(s, row, encryption=False):
    """`encryption`: also the type's encryption spec (None when it has
    none), read in the same session: a volume create needs it."""
    values = row.to_dict()
    values['extra_specs'] = {
        spec.key: spec.value for spec in s.scalars(sa.select(
            models.VolumeTypeExtraSpec).filter_by(volume_type_id=row.id))}
    if encryption:
        spec = s.scalars(_ENCRYPTION, {'type_id': row.id}).first()
        values['encryption'] = spec.to_dict() if spec is not None else None
    return values


_BY_NAME = sa.select(models.VolumeType).where(
    models.VolumeType.name == sa.bindparam('name'))
# A volume create naming no type: the project's default (3.62) and the
# configured default by name, in one query built once.
_PROJECT_DEFAULT = sa.select(models.ProjectDefaultType.volume_type_id).where(
    models.ProjectDefaultType.project_id == sa.bindparam('project_id')
).scalar_subquery()
_DEFAULT_CANDIDATES = sa.select(
    models.VolumeType, (models.VolumeType.id == _PROJECT_DEFAULT).label(
        'mine')).where(sa.or_(models.VolumeType.id == _PROJECT_DEFAULT,
                              models.VolumeType.name == sa.bindparam('name')))
_ENCRYPTION = sa.select(models.VolumeTypeEncryption).where(
    models.VolumeTypeEncryption.volume_type_id == sa.bindparam('type_id'))


def _by_id_or_name(s, value):
    row = s.get(models.VolumeType, str(value))
    if row is None:
        row = s.scalars(sa.select(models.VolumeType).filter_by(
            name=str(value))).first()
    return row


def _get(s, type_id):
    row = s.get(models.VolumeType, str(type_id))
    if row is None:
        raise exception.VolumeTypeNotFound(volume_type_id=type_id)
    return row


def _accessible(row, s, project_id):
    if project_id is None or row.is_public:
        return True
    return s.get(models.VolumeTypeProject, (row.id, project_id)) is not None


def type_create(values, extra_specs=None, projects=()):
    with session.writer() as s:
        if s.scalars(sa.select(models.VolumeType).filter_by(
                name=values['name'])).first():
            raise exception.VolumeTypeExists(id=values['name'])
        row = models.VolumeType(id=values.get('id') or str(uuid.uuid4()),
                                name=values['name'],
                                description=values.get('description'),
                                is_public=values.get('is_public', True))
        s.add(row)
        s.flush()
        for key, value in (extra_specs or {}).items():
            s.add(models.VolumeTypeExtraSpec(volume_type_id=row.id, key=key,
                                             value=value))
        for project_id in projects:
            s.add(models.VolumeTypeProject(volume_type_id=row.id,
                                           project_id=project_id))
        s.flush()
        return _view(s, row)


def type_get(type_id, project_id=None):
    """`project_id` set: only a type that project may use (else 404)."""
    with session.reader() as s:
        row = _get(s, type_id)
        if not _accessible(row, s, project_id):
            raise exception.VolumeTypeNotFound(volume_type_id=type_id)
        return _view(s, row, encryption=True)


def type_get_by_name_or_id(value, project_id=None):
    with session.reader() as s:
        row = _by_id_or_name(s, value)
        if row is None or not _accessible(row, s, project_id):
            raise exception.VolumeTypeNotFoundByName(volume_type_name=value)
        return _view(s, row, encryption=True)


def default_type(project_id=None):
    """The project's default type when one is set (3.62), else the
    configured default type; __DEFAULT__ is created on first use (cinder
    creates it at db sync). One read either way: each volume create asks."""
    name = CONF.default_volume_type or DEFAULT_TYPE_NAME
    with session.reader() as s:
        rows = s.execute(_DEFAULT_CANDIDATES, {
            'project_id': project_id, 'name': name}).all()
        row = next((r for r, mine in rows if mine), None) or next(
            (r for r, _mine in rows if r.name == name), None) or \
            s.get(models.VolumeType, name)
        if row is not None:
            return _view(s, row, encryption=True)
    if name != DEFAULT_TYPE_NAME:
        raise exception.VolumeTypeNotFoundByName(volume_type_name=name)
    try:
        return type_create({'name': DEFAULT_TYPE_NAME,
                            'description': 'Default Volume Type'})
    except exception.VolumeTypeExists:
        return type_get_by_name_or_id(DEFAULT_TYPE_NAME)


def type_list(project_id=None, is_public=None, extra_specs=None):
    """Types `project_id` may use (None: every type), optionally only the
    public or private ones, or those carrying every given extra spec."""
    with session.reader() as s:
        query = sa.select(models.VolumeType).order_by(
            models.VolumeType.created_at, models.VolumeType.name)
        if is_public is not None:
            query = query.where(models.VolumeType.is_public.is_(is_public))
        if project_id is not None:
            shared = sa.select(models.VolumeTypeProject.volume_type_id).where(
                models.VolumeTypeProject.project_id == project_id)
            query = query.where(sa.or_(models.VolumeType.is_public.is_(True),
                                       models.VolumeType.id.in_(shared)))
        types = [_view(s, row) for row in s.scalars(query)]
    if extra_specs:
        types = [t for t in types if all(
            t['extra_specs'].get(k) == v for k, v in extra_specs.items())]
    return types


def type_update(type_id, values):
    with session.writer() as s:
        row = _get(s, type_id)
        name = values.get('name')
        if name and name != row.name and s.scalars(sa.select(
                models.VolumeType).filter_by(name=name)).first():
            raise exception.VolumeTypeExists(id=name)
        for key, value in values.items():
            setattr(row, key, value)
        s.flush()
        return _view(s, row)


def type_in_use(s, type_id):
    """Live volumes, or live groups that may hold volumes of it."""
    if s.scalar(sa.select(sa.func.count(models.Volume.id)).where(
            models.Volume.volume_type_id == type_id,
            models.Volume.deleted.is_(False))) > 0:
        return True
    return s.scalar(sa.select(sa.func.count()).select_from(
        models.GroupVolumeTypeMapping).join(
        models.Group,
        models.Group.id == models.GroupVolumeTypeMapping.group_id).where(
        models.GroupVolumeTypeMapping.volume_type_id == type_id,
        models.Group.deleted.is_(False))) > 0


def type_delete(type_id):
    with session.writer() as s:
        row = _get(s, type_id)
        if type_in_use(s, row.id):
            raise exception.VolumeTypeInUse(volume_type_id=row.id)
        s.delete(row)


def extra_specs_update(type_id, specs):
    with session.writer() as s:
        row = _get(s, type_id)
        for key, value in specs.items():
            spec = s.get(models.VolumeTypeExtraSpec, (row.id, key))
            if spec is None:
                s.add(models.VolumeTypeExtraSpec(volume_type_id=row.id,
                                                 key=key, value=value))
            else:
                spec.value = value
        row.updated_at = models.utcnow()
        s.flush()
        return _view(s, row)['extra_specs']


def extra_spec_delete(type_id, key):
    with session.writer() as s:
        row = _get(s, type_id)
        spec = s.get(models.VolumeTypeExtraSpec, (row.id, key))
        if spec is None:
            raise exception.VolumeTypeExtraSpecsNotFound(
                volume_type_id=type_id, extra_specs_key=key)
        s.delete(spec)


def access_list(type_id):
    with session.reader() as s:
        row = _get(s, type_id)
        return [{'volume_type_id': row.id, 'project_id': p.project_id}
                for p in s.scalars(sa.select(models.VolumeTypeProject)
                                   .filter_by(volume_type_id=row.id)
                                   .order_by(
                                       models.VolumeTypeProject.project_id))]


def access_add(type_id, project_id):
    with session.writer() as s:
        row = _get(s, type_id)
        if s.get(models.VolumeTypeProject, (row.id, project_id)):
            raise exception.VolumeTypeAccessExists(volume_type_id=type_id,
                                                   project_id=project_id)
        s.add(models.VolumeTypeProject(volume_type_id=row.id,
                                       project_id=project_id))


def access_remove(type_id, project_id):
    with session.writer() as s:
        row = _get(s, type_id)
        access = s.get(models.VolumeTypeProject, (row.id, project_id))
        if access is None:
            raise exception.VolumeTypeAccessNotFound(volume_type_id=type_id,
                                                     project_id=project_id)
        s.delete(access)
