"""Generic list filters of the block-storage tables, as cinder's database
layer applies what the API lets through: exact matches on any column (a
list is IN), and 'column~' substring matches."""
import json

import sqlalchemy as sa


def host_match(column, value):
    """cinder's _filter_host: 'h' matches h, h@backend and h#pool;
    'h@b' matches h@b and its pools; 'h@b#p' only itself."""
    if '#' in value:
        return column == value
    conditions = [column == value, column.like(value + '#%')]
    if '@' not in value:
        conditions.append(column.like(value + '@%'))
    return sa.or_(*conditions)


def apply(query, model, filters):
    for key, value in (filters.get('columns') or {}).items():
        column = getattr(model, key)
        if isinstance(value, (list, tuple, set, frozenset)):
            query = query.where(column.in_(list(value)))
        elif value is None:
            query = query.where(column.is_(None))
        else:
            query = query.where(column == value)
    for key, value in sorted((filters.get('like') or {}).items()):
        if isinstance(value, (str, int)):
            query = query.where(getattr(model, key).contains(str(value)))
    for key, column in (('host_match', 'host'),
                        ('cluster_match', 'cluster_name')):
        if filters.get(key):
            query = query.where(host_match(getattr(model, column),
                                           filters[key]))
    for key, value in (filters.get('glance_metadata') or {}).items():
        # Image metadata is kept as one JSON document per volume.
        query = query.where(model.image_metadata.contains(
            json.dumps({key: value})[1:-1]))
    if filters.get('no_migration_targets'):
        # A non-admin never sees the target volume of a migration.
        column = model.migration_status
        query = query.where(sa.or_(column.is_(None),
                                   sa.not_(column.like('target:%'))))
    return query
