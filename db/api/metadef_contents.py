"""What a metadata definition namespace holds: objects, properties and
tags, each named uniquely within its namespace (tags ignoring case)."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.common.timeutils import utcnow
from stratus.db import session
from stratus.db.api import metadef_namespaces as namespaces

_NOT_FOUND = {'objects': exception.MetadefObjectNotFound,
              'properties': exception.MetadefPropertyNotFound,
              'tags': exception.MetadefTagNotFound}
_DUPLICATE = {'objects': exception.MetadefDuplicateObject,
              'properties': exception.MetadefDuplicateProperty,
              'tags': exception.MetadefDuplicateTag}


def _model(kind):
    return namespaces.CONTENTS[kind]


def _name_matches(kind, name):
    column = _model(kind).name
    if kind == 'tags':
        return sa.func.lower(column) == name.lower()
    return column == name


def _find(s, kind, ns_id, name):
    return s.scalars(sa.select(_model(kind)).where(
        _model(kind).namespace_id == ns_id,
        _name_matches(kind, name))).first()


def _get(s, kind, ns_name, name):
    ns = namespaces.row_by_name(s, ns_name)
    row = _find(s, kind, ns.id, name)
    if row is None or (kind != 'tags' and row.name != name):
        raise _NOT_FOUND[kind](name=name, namespace=ns_name)
    return row


def list_all(ns_names, kind):
    """{namespace name: [rows]} in creation order."""
    result = {name: [] for name in ns_names}
    model = _model(kind)
    with session.reader() as s:
        for ns_name, row in s.execute(sa.select(
                namespaces.NS.namespace, model).join(
                model, model.namespace_id == namespaces.NS.id).where(
                namespaces.NS.namespace.in_(ns_names)).order_by(
                model.created_at, model.id)):
            result[ns_name].append(row.to_dict())
    return result


def list_in(ns_name, kind):
    with session.reader() as s:
        namespaces.row_by_name(s, ns_name)
    return list_all([ns_name], kind)[ns_name]


def get(ns_name, kind, name):
    with session.reader() as s:
        return _get(s, kind, ns_name, name).to_dict()


def _add(s, kind, ns, ns_name, values, now):
    if _find(s, kind, ns.id, values['name']) is not None:
        raise _DUPLICATE[kind](name=values['name'], namespace=ns_name)
    row = _model(kind)(namespace_id=ns.id, created_at=now, updated_at=now,
                       **values)
    s.add(row)
    s.flush()
    return row


def create(ns_name, kind, values):
    with session.writer() as s:
        ns = namespaces.row_by_name(s, ns_name)
        return _add(s, kind, ns, ns_name, values, utcnow()).to_dict()


def create_many(ns_name, contents):
    """Create {kind: [values]} in one transaction (a namespace create)."""
    now = utcnow()
    with session.writer() as s:
        ns = namespaces.row_by_name(s, ns_name)
        for kind, items in contents.items():
            for values in items:
                _add(s, kind, ns, ns_name, values, now)


def update(ns_name, kind, name, values):
    with session.writer() as s:
        row = _get(s, kind, ns_name, name)
        new_name = values.get('name', row.name)
        if new_name != row.name:
            other = _find(s, kind, row.namespace_id, new_name)
            if other is not None and other.id != row.id:
                raise _DUPLICATE[kind](name=new_name, namespace=ns_name)
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        s.flush()
        return row.to_dict()


def delete(ns_name, kind, name):
    with session.writer() as s:
        s.delete(_get(s, kind, ns_name, name))


def replace_tags(ns_name, names, append):
    """Set the namespace's tags to `names` (or add them when `append`)."""
    lowered = [name.lower() for name in names]
    for i, name in enumerate(lowered):
        if name in lowered[:i]:
            raise exception.MetadefDuplicateTag(name=names[i],
                                                namespace=ns_name)
    now = utcnow()
    with session.writer() as s:
        ns = namespaces.row_by_name(s, ns_name)
        if not append:
            s.execute(sa.delete(_model('tags')).where(
                _model('tags').namespace_id == ns.id))
        return [_add(s, 'tags', ns, ns_name, {'name': name}, now).to_dict()
                for name in names]
