"""QoS specs, their keys, and which volume types carry them."""
import uuid

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session

_SPECS = models.QualityOfServiceSpecs
_ITEMS = models.QualityOfServiceSpecsItem


def _view(s, row):
    items = s.scalars(sa.select(_ITEMS).filter_by(specs_id=row.id)
                      .order_by(_ITEMS.created_at, _ITEMS.key))
    return {'id': row.id, 'name': row.name, 'consumer': row.consumer,
            'specs': {item.key: item.value for item in items},
            'created_at': row.created_at, 'updated_at': row.updated_at}


def _get(s, specs_id):
    row = s.get(_SPECS, str(specs_id)) if specs_id is not None else None
    if row is None:
        raise exception.QoSSpecsNotFound(specs_id=specs_id)
    return row


def _type(s, type_id):
    row = s.get(models.VolumeType, str(type_id))
    if row is None:
        raise exception.VolumeTypeNotFound(volume_type_id=type_id)
    return row


def create(name, consumer, specs):
    try:
        with session.writer() as s:
            if s.scalars(sa.select(_SPECS).filter_by(name=name)).first():
                raise exception.QoSSpecsExists(specs_id=name)
            row = _SPECS(id=str(uuid.uuid4()), name=name, consumer=consumer)
            s.add(row)
            s.flush()
            for key, value in specs.items():
                s.add(_ITEMS(specs_id=row.id, key=key, value=value))
            s.flush()
            return _view(s, row)
    except sa_exc.IntegrityError:
        raise exception.QoSSpecsExists(specs_id=name)


def get(specs_id):
    with session.reader() as s:
        return _view(s, _get(s, specs_id))


# Cinder's table has one row per key; its list filters and sort keys name
# that table's columns. 'value' of the row holding the name is the name.
_SORT_KEYS = {'id': 'id', 'created_at': 'created_at',
              'updated_at': 'updated_at', 'value': 'name',
              # the same on every row cinder sorts: no order
              'key': None, 'specs_id': None, 'deleted': None,
              'deleted_at': None}


def _matches(spec, filters):
    """Exact matches on cinder's columns as they read on a spec's name
    row (its specs_id, times and deleted flag match nothing asked)."""
    for key, wanted in filters.items():
        key = key.rstrip('~')
        if key == 'id':
            ok = spec['id'] == wanted
        elif key == 'value':
            ok = spec['name'] == wanted
        elif key == 'key':
            ok = wanted == 'QoS_Specs_Name'
        else:
            ok = False
        if not ok:
            return False
    return True


def _sorted(specs, sort):
    # cinder's process_sort_params: created_at and id close the list, in
    # the first key's direction.
    keys = list(sort)
    for default in ('created_at', 'id'):
        if default not in [key for key, _ in keys]:
            keys.append((default, keys[0][1] if keys else 'desc'))
    for key, _ in keys:
        if key not in _SORT_KEYS:
            raise exception.Invalid(reason='Invalid sort key')
    # Stable sorts from the least significant key; NULLs first ascending
    # (as MySQL orders them).
    for key, direction in reversed(keys):
        column = _SORT_KEYS[key]
        if column is None:
            continue
        specs.sort(key=lambda spec: (spec[column] is not None,
                                     spec[column] or ''),
                   reverse=direction == 'desc')
    return specs


def get_all(filters=None, marker=None, limit=None, offset=None, sort=()):
    """Specs in cinder's order (created_at desc, then id) after the marker,
    skipping `offset`, at most `limit`. Cinder's checks come in its order:
    a filter naming no column of its table gives an empty list before an
    unknown marker is a 404 and an unknown sort key a 400."""
    filters = filters or {}
    if any(key.rstrip('~') not in _SORT_KEYS for key in filters):
        return []
    with session.reader() as s:
        specs = [_view(s, row) for row in s.scalars(sa.select(_SPECS))]
        if marker is not None:
            _get(s, marker)
    specs = _sorted(specs, sort)
    if marker is not None:
        # After the marker's place in the whole order, as cinder compares
        # sort values with the marker row's.
        ids = [spec['id'] for spec in specs]
        specs = specs[ids.index(marker) + 1:]
    specs = [spec for spec in specs if _matches(spec, filters)]
    specs = specs[offset or 0:]
    return specs if limit is None else specs[:limit]


def update(specs_id, specs, consumer=None):
    """Set `specs` keys (adding new ones) and, if given, the consumer."""
    with session.writer() as s:
        row = _get(s, specs_id)
        if consumer is not None:
            row.consumer = consumer
        for key, value in specs.items():
            item = s.get(_ITEMS, (row.id, key))
            if item is None:
                s.add(_ITEMS(specs_id=row.id, key=key, value=value))
            else:
                item.value = value
        row.updated_at = models.utcnow()
        s.flush()
        return _view(s, row)


def delete_keys(specs_id, keys):
    """Drop `keys` in order; the first one the spec lacks stops it with a
    404 and the keys before it stay dropped (cinder's behaviour)."""
    missing = None
    with session.writer() as s:
        row = _get(s, specs_id)
        for key in keys:
            item = s.get(_ITEMS, (row.id, key))
            if item is None:
                missing = key
                break
            s.delete(item)
        row.updated_at = models.utcnow()
    if missing is not None:
        raise exception.QoSSpecsKeyNotFound(specs_id=specs_id,
                                            specs_key=missing)


def _associated(s, specs_id):
    return list(s.scalars(sa.select(models.VolumeType).filter_by(
        qos_specs_id=specs_id).order_by(models.VolumeType.created_at,
                                        models.VolumeType.name)))


def delete(specs_id, force=False):
    with session.writer() as s:
        row = _get(s, specs_id)
        types = _associated(s, row.id)
        if types and not force:
            raise exception.QoSSpecsInUse(specs_id=row.id)
        for vtype in types:
            vtype.qos_specs_id = None
        s.execute(sa.delete(_ITEMS).filter_by(specs_id=row.id))
        s.delete(row)


def associations(specs_id):
    with session.reader() as s:
        row = _get(s, specs_id)
        return [{'id': vtype.id, 'name': vtype.name}
                for vtype in _associated(s, row.id)]


def associate(specs_id, type_id):
    """A type carries one spec: another one already there is a 400; the
    same one again changes nothing."""
    with session.writer() as s:
        row = _get(s, specs_id)
        vtype = _type(s, type_id)
        if vtype.qos_specs_id and vtype.qos_specs_id != row.id:
            raise exception.InvalidVolumeType(
                reason='Type %s is already associated with another qos '
                       'specs: %s' % (type_id, vtype.qos_specs_id))
        if not vtype.qos_specs_id:
            vtype.qos_specs_id = row.id


def disassociate(specs_id, type_id):
    with session.writer() as s:
        row = _get(s, specs_id)
        vtype = _type(s, type_id)
        if vtype.qos_specs_id == row.id:
            vtype.qos_specs_id = None


def disassociate_all(specs_id):
    with session.writer() as s:
        row = _get(s, specs_id)
        for vtype in _associated(s, row.id):
            vtype.qos_specs_id = None


def for_type(type_id):
    """The spec a volume type carries, or None (no type, no spec)."""
    if not type_id:
        return None
    with session.reader() as s:
        vtype = s.get(models.VolumeType, str(type_id))
        if vtype is None or not vtype.qos_specs_id:
            return None
        row = s.get(_SPECS, vtype.qos_specs_id)
        return _view(s, row) if row is not None else None
