"""Images: create, read, updates of attributes, properties and tags,
status compare-and-swap and soft delete. Lists live in image_list.py,
members in image_members.py."""
import collections

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.common.timeutils import utcnow
from stratus.db import models
from stratus.db import session

# Columns a request may set (the rest are the service's to fill in).
SETTABLE = ('name', 'visibility', 'protected', 'os_hidden', 'owner',
            'disk_format', 'container_format', 'min_disk', 'min_ram')


def load_extras(s, ids):
    """{image_id: {name: value}} and {image_id: [tags]} for `ids`."""
    props = collections.defaultdict(dict)
    tags = collections.defaultdict(list)
    if not ids:
        return props, tags
    for prop in s.scalars(sa.select(models.ImageProperty).where(
            models.ImageProperty.image_id.in_(ids))):
        props[prop.image_id][prop.name] = prop.value
    for tag in s.scalars(sa.select(models.ImageTag).where(
            models.ImageTag.image_id.in_(ids)).order_by(
            models.ImageTag.value)):
        tags[tag.image_id].append(tag.value)
    return props, tags


def view(row, props, tags):
    values = row.to_dict()
    values['properties'] = dict(props.get(row.id, {}))
    values['tags'] = list(tags.get(row.id, []))
    return values


def _view_one(s, row):
    props, tags = load_extras(s, [row.id])
    return view(row, props, tags)


def _get(s, image_id, include_deleted=False):
    row = s.get(models.Image, image_id)
    if row is None or (row.deleted and not include_deleted):
        raise exception.ImageNotFound(image_id=image_id)
    return row


def create(values, properties=None, tags=()):
    """Insert an image (status queued unless `values` says otherwise)."""
    try:
        return _create(values, properties, tags)
    except sa_exc.IntegrityError:
        # Two creates with one id raced past the check below.
        raise exception.ImageExists(image_id=values['id'])


def _create(values, properties, tags):
    with session.writer() as s:
        image_id = values['id']
        if s.get(models.Image, image_id) is not None:
            raise exception.ImageExists(image_id=image_id)
        now = utcnow()
        row = models.Image(created_at=now, updated_at=now, **values)
        s.add(row)
        s.flush()
        for name, value in (properties or {}).items():
            s.add(models.ImageProperty(image_id=image_id, name=name,
                                       value=value))
        for tag in sorted(set(tags)):
            s.add(models.ImageTag(image_id=image_id, value=tag))
        s.flush()
        return _view_one(s, row)


def get(image_id, include_deleted=False):
    with session.reader() as s:
        return _view_one(s, _get(s, image_id, include_deleted))


def _set_properties(s, image_id, set_props, remove_props):
    for name in remove_props:
        prop = s.get(models.ImageProperty, (image_id, name))
        if prop is not None:
            s.delete(prop)
    for name, value in set_props.items():
        prop = s.get(models.ImageProperty, (image_id, name))
        if prop is None:
            s.add(models.ImageProperty(image_id=image_id, name=name,
                                       value=value))
        else:
            prop.value = value


def _set_tags(s, image_id, tags):
    current = {t.value: t for t in s.scalars(sa.select(
        models.ImageTag).filter_by(image_id=image_id))}
    for value, tag in current.items():
        if value not in tags:
            s.delete(tag)
    for value in set(tags) - set(current):
        s.add(models.ImageTag(image_id=image_id, value=value))


def update(image_id, values=None, set_props=None, remove_props=(),
           tags=None, expected_status=None):
    """Apply a set of changes at once. `expected_status` (a collection):
    the change applies only while the image is in one of those states."""
    with session.writer() as s:
        row = _get(s, image_id)
        if expected_status is not None and row.status not in expected_status:
            raise exception.ImageStatusConflict(image_id=image_id,
                                                status=row.status)
        for key, value in (values or {}).items():
            setattr(row, key, value)
        _set_properties(s, image_id, set_props or {}, remove_props)
        if tags is not None:
            _set_tags(s, image_id, tags)
        row.updated_at = utcnow()
        s.flush()
        return _view_one(s, row)


def set_status(image_id, expected, status, **values):
    """Compare-and-swap the status: one UPDATE guarded by the expected
    states, so two API workers cannot both move an image (e.g. two
    concurrent uploads into one queued image)."""
    values.update(status=status, updated_at=utcnow())
    with session.writer() as s:
        result = s.execute(sa.update(models.Image).where(
            models.Image.id == image_id,
            models.Image.deleted.is_(False),
            models.Image.status.in_(list(expected))).values(**values))
        if result.rowcount != 1:
            row = _get(s, image_id)
            raise exception.ImageStatusConflict(image_id=image_id,
                                                status=row.status)
        return _view_one(s, s.get(models.Image, image_id))


_IMAGES = models.Image.__table__
_SOFT_DELETE = sa.update(_IMAGES).where(
    _IMAGES.c.id == sa.bindparam('image_id'),
    _IMAGES.c.deleted == sa.false()).values(
    deleted=True, status='deleted', deleted_at=sa.bindparam('now'),
    updated_at=sa.bindparam('now'))
_DELETE_EXTRAS = [
    sa.delete(model.__table__).where(
        model.__table__.c.image_id == sa.bindparam('image_id'))
    for model in (models.ImageProperty, models.ImageTag, models.ImageMember)]


def delete(image_id):
    """Soft delete. Four statements built once, the update first: every
    unshelve deletes its image, with other daemons' writers waiting."""
    now = utcnow()
    with session.writer() as s:
        done = s.execute(_SOFT_DELETE, {'image_id': image_id,
                                        'now': now}).rowcount
        if not done:
            raise exception.ImageNotFound(image_id=image_id)
        for statement in _DELETE_EXTRAS:
            s.execute(statement, {'image_id': image_id})


def add_tag(image_id, tag):
    with session.writer() as s:
        row = _get(s, image_id)
        if s.get(models.ImageTag, (image_id, tag)) is None:
            s.add(models.ImageTag(image_id=image_id, value=tag))
            row.updated_at = utcnow()


def remove_tag(image_id, tag):
    with session.writer() as s:
        row = _get(s, image_id)
        existing = s.get(models.ImageTag, (image_id, tag))
        if existing is None:
            raise exception.ImageTagNotFound(image_id=image_id, tag=tag)
        s.delete(existing)
        row.updated_at = utcnow()


def drop_property_if(image_id, name, value):
    """Remove property `name` only while it still holds `value` (glance's
    delete_property_atomic); False when another request changed it."""
    with session.writer() as s:
        done = s.execute(sa.delete(models.ImageProperty).where(
            models.ImageProperty.image_id == image_id,
            models.ImageProperty.name == name,
            models.ImageProperty.value == value))
        return done.rowcount == 1


def storage_usage(owner, image_id=None):
    """Bytes of image data `owner`'s images keep (glance's usage for
    user_storage_quota): the images whose data is in the store (glance
    counts those with a location: staged data is not), one copy each,
    `image_id` left out (its data is being replaced)."""
    query = sa.select(sa.func.coalesce(sa.func.sum(models.Image.size), 0)
                      ).where(models.Image.owner == owner,
                              models.Image.deleted.is_(False),
                              models.Image.size > 0,
                              models.Image.status.in_(
                                  ['active', 'deactivated']))
    if image_id is not None:
        query = query.where(models.Image.id != image_id)
    with session.reader() as s:
        return int(s.scalar(query))
