"""Metadata definition namespaces: who sees which, create, rename/update,
delete with their contents, and the resource types they apply to."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.common.timeutils import utcnow
from stratus.db import models
from stratus.db import session

NS = models.MetadefNamespace
ASSOC = models.MetadefNamespaceResourceType
RTYPE = models.MetadefResourceType
CONTENTS = {'objects': models.MetadefObject,
            'properties': models.MetadefProperty,
            'tags': models.MetadefTag}
SORT_KEYS = ('created_at', 'updated_at', 'namespace', 'display_name',
             'visibility', 'protected', 'owner', 'id')


def visible(row, project_id, is_admin):
    """glance's rule: admins see all, others public ones and their own."""
    return is_admin or row['visibility'] == 'public' or (
        project_id is not None and row['owner'] == project_id)


def row_by_name(s, name):
    row = s.scalars(sa.select(NS).filter_by(namespace=name)).first()
    if row is None:
        raise exception.MetadefNamespaceNotFound(namespace=name)
    return row


def get(name):
    with session.reader() as s:
        return row_by_name(s, name).to_dict()


def _visible_query(project_id, is_admin):
    query = sa.select(NS)
    if not is_admin:
        query = query.where(sa.or_(NS.visibility == 'public',
                                   NS.owner == project_id))
    return query


def list_visible(project_id, is_admin, visibility=None, resource_types=(),
                 marker=None, limit=None, sort_key='created_at',
                 sort_dir='desc'):
    """Namespaces the caller sees, one page after `marker` (a name)."""
    query = _visible_query(project_id, is_admin)
    if visibility:
        query = query.where(NS.visibility == visibility)
    if resource_types:
        query = query.where(NS.id.in_(sa.select(ASSOC.namespace_id).join(
            RTYPE, RTYPE.id == ASSOC.resource_type_id).where(
            RTYPE.name.in_(resource_types))))
    column = getattr(NS, sort_key)
    order = column.asc() if sort_dir == 'asc' else column.desc()
    query = query.order_by(order, NS.id.asc() if sort_dir == 'asc'
                           else NS.id.desc())
    with session.reader() as s:
        rows = [r.to_dict() for r in s.scalars(query)]
    if marker is not None:
        names = [r['namespace'] for r in rows]
        if marker not in names:
            raise exception.MetadefNamespaceNotFound(namespace=marker)
        rows = rows[names.index(marker) + 1:]
    return rows[:limit] if limit is not None else rows


def create(values):
    with session.writer() as s:
        if s.scalars(sa.select(NS.id).filter_by(
                namespace=values['namespace'])).first() is not None:
            raise exception.MetadefDuplicateNamespace(
                namespace=values['namespace'])
        now = utcnow()
        row = NS(created_at=now, updated_at=now, **values)
        s.add(row)
        s.flush()
        return row.to_dict()


def update(name, values):
    try:
        with session.writer() as s:
            row = row_by_name(s, name)
            new_name = values.get('namespace', name)
            if new_name != name and s.scalars(sa.select(NS.id).filter_by(
                    namespace=new_name)).first() is not None:
                raise exception.MetadefDuplicateNamespace(namespace=new_name)
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = utcnow()
            s.flush()
            return row.to_dict()
    except sa_exc.IntegrityError:
        raise exception.MetadefDuplicateNamespace(
            namespace=values.get('namespace'))


def delete_contents(name, kinds):
    """Remove the namespace's objects/properties/tags (the named kinds)."""
    with session.writer() as s:
        ns_id = row_by_name(s, name).id
        for kind in kinds:
            s.execute(sa.delete(CONTENTS[kind]).where(
                CONTENTS[kind].namespace_id == ns_id))


def delete(name):
    with session.writer() as s:
        row = row_by_name(s, name)
        for model in list(CONTENTS.values()) + [ASSOC]:
            s.execute(sa.delete(model).where(model.namespace_id == row.id))
        s.delete(row)


# Resource types and their associations to namespaces.

def _assoc_dict(rtype_name, assoc):
    return {'name': rtype_name, 'prefix': assoc.prefix,
            'properties_target': assoc.properties_target,
            'created_at': assoc.created_at, 'updated_at': assoc.updated_at}


def associations(names):
    """{namespace name: [association dicts]} for the given namespaces."""
    result = {name: [] for name in names}
    if not names:
        return result
    with session.reader() as s:
        rows = s.execute(sa.select(NS.namespace, RTYPE.name, ASSOC).join(
            ASSOC, ASSOC.namespace_id == NS.id).join(
            RTYPE, RTYPE.id == ASSOC.resource_type_id).where(
            NS.namespace.in_(names)).order_by(ASSOC.created_at, RTYPE.id))
        for ns_name, rtype_name, assoc in rows:
            result[ns_name].append(_assoc_dict(rtype_name, assoc))
    return result


def resource_types():
    with session.reader() as s:
        return [r.to_dict() for r in s.scalars(sa.select(RTYPE).order_by(
            RTYPE.created_at, RTYPE.id))]


def associate(name, values):
    """Associate the namespace with a resource type (created if new)."""
    with session.writer() as s:
        ns = row_by_name(s, name)
        rtype = s.scalars(sa.select(RTYPE).filter_by(
            name=values['name'])).first()
        now = utcnow()
        if rtype is None:
            rtype = RTYPE(name=values['name'], protected=False,
                          created_at=now, updated_at=now)
            s.add(rtype)
            s.flush()
        elif s.get(ASSOC, (rtype.id, ns.id)) is not None:
            raise exception.MetadefDuplicateResourceTypeAssociation(
                name=values['name'], namespace=name)
        assoc = ASSOC(resource_type_id=rtype.id, namespace_id=ns.id,
                      prefix=values.get('prefix'),
                      properties_target=values.get('properties_target'),
                      created_at=now, updated_at=now)
        s.add(assoc)
        s.flush()
        return _assoc_dict(rtype.name, assoc)


def dissociate(name, rtype_name):
    """False when the namespace has no such association."""
    with session.writer() as s:
        ns = row_by_name(s, name)
        rtype = s.scalars(sa.select(RTYPE).filter_by(
            name=rtype_name)).first()
        assoc = s.get(ASSOC, (rtype.id, ns.id)) if rtype else None
        if assoc is None:
            return False
        s.delete(assoc)
        return True
