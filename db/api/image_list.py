"""The image list: who sees what, filters on columns, properties and
tags, a total sort order and keyset pagination after a marker."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import image_members
from stratus.db.api import images

Image = models.Image

SORT_KEYS = ('name', 'status', 'container_format', 'disk_format', 'size',
             'virtual_size', 'id', 'created_at', 'updated_at', 'min_disk',
             'min_ram', 'owner', 'visibility', 'protected', 'os_hidden')
_OPS = {'eq': lambda c, v: c == v, 'neq': lambda c, v: c != v,
        'gt': lambda c, v: c > v, 'gte': lambda c, v: c >= v,
        'lt': lambda c, v: c < v, 'lte': lambda c, v: c <= v,
        'in': lambda c, v: c.in_(v)}


def _scope(project_id, is_admin, visibility, member_status):
    """Which images the caller sees. The default (visibility None) is
    glance's: public, the project's own, and shared images it accepted;
    community images only when asked for."""
    if visibility in ('public', 'community'):
        return Image.visibility == visibility
    if is_admin:
        if visibility == 'all':
            return sa.true()
        if visibility is None:
            # As glance: others' community images only when asked for.
            return sa.or_(Image.visibility != 'community',
                          Image.owner == project_id)
        return Image.visibility == visibility
    owned = Image.owner == project_id
    shared = sa.and_(Image.visibility == 'shared',
                     image_members.shared_with(project_id, member_status))
    if visibility == 'private':
        return sa.and_(Image.visibility == 'private', owned)
    if visibility == 'shared':
        return sa.and_(Image.visibility == 'shared', sa.or_(owned, shared))
    seen = [Image.visibility == 'public', owned, shared]
    if visibility == 'all':
        seen.append(Image.visibility == 'community')
    return sa.or_(*seen)


def _property(name, op, value):
    query = sa.select(models.ImageProperty.image_id).where(
        models.ImageProperty.name == name,
        _OPS[op](models.ImageProperty.value, value))
    return Image.id.in_(query)


def _tagged(tag):
    return Image.id.in_(sa.select(models.ImageTag.image_id).where(
        models.ImageTag.value == tag))


def _equal(column, value):
    return column.is_(None) if value is None else column == value


def _beyond(column, value, direction):
    # The order puts NULLs first ascending and last descending (below).
    if direction == 'asc':
        return column.isnot(None) if value is None else column > value
    if value is None:
        return sa.false()
    return sa.or_(column < value, column.is_(None))


def _after(marker, sort):
    """Keyset condition: rows strictly after `marker` in `sort` order."""
    clauses = []
    for i, (key, direction) in enumerate(sort):
        equal = [_equal(getattr(Image, k), getattr(marker, k))
                 for k, _ in sort[:i]]
        clauses.append(sa.and_(*equal, _beyond(
            getattr(Image, key), getattr(marker, key), direction)))
    return sa.or_(*clauses)


def _order(sort):
    out = []
    for key, direction in sort:
        column = getattr(Image, key)
        out.append(column.asc().nulls_first() if direction == 'asc'
                   else column.desc().nulls_last())
    return out


def total_sort(sort):
    """`sort` ending with id, so that the order (and paging) is total."""
    sort = list(sort) or [('created_at', 'desc')]
    if 'id' not in [key for key, _ in sort]:
        sort.append(('id', sort[-1][1]))
    return sort


def _marker(s, marker, project_id, is_admin):
    """The marker's row: glance's 400 when there is none, 403 when the
    caller may not see it (filters aside)."""
    row = s.get(Image, marker) if len(marker) <= 36 else None
    if row is None or row.deleted:
        raise exception.Invalid('No image found with ID %s' % marker)
    if not is_admin:
        visible = s.scalars(sa.select(Image.id).where(
            Image.id == marker, sa.or_(
                Image.owner == project_id,
                Image.visibility.in_(('public', 'community')),
                sa.and_(Image.visibility == 'shared',
                        image_members.shared_with(project_id, 'all'))))
        ).first()
        if visible is None:
            raise exception.Forbidden('Forbidding request, image %s not '
                                      'visible' % marker)
    return row


def image_list(*, project_id=None, is_admin=False, visibility=None,
               member_status='accepted', filters=(), properties=(),
               tags=(), hidden=False, sort=(), limit=25, marker=None):
    """(images, more): one page and whether more images follow.

    filters: (column, op, value) with op in eq/neq/gt/gte/lt/lte/in;
    properties: (name, op, value) on the free-form properties.
    """
    sort = total_sort(sort)
    scope = sa.and_(Image.deleted.is_(False),
                    _scope(project_id, is_admin, visibility, member_status))
    with session.reader() as s:
        query = sa.select(Image).where(scope,
                                       Image.os_hidden.is_(bool(hidden)))
        for column, op, value in filters:
            query = query.where(_OPS[op](getattr(Image, column), value))
        for name, op, value in properties:
            query = query.where(_property(name, op, value))
        for tag in tags:
            query = query.where(_tagged(tag))
        if marker is not None:
            row = _marker(s, marker, project_id, is_admin)
            query = query.where(_after(row, sort))
        rows = list(s.scalars(query.order_by(*_order(sort)).limit(
            limit + 1)))
        page = rows[:limit]
        props, tag_map = images.load_extras(s, [r.id for r in page])
        return ([images.view(r, props, tag_map) for r in page],
                len(rows) > limit)
