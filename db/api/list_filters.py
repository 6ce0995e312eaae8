"""Generic list filters of the block-storage tables, as cinder's database
layer applies what the API lets through: exact matches on any column (a
list is IN), and 'column~' substring matches."""
import sqlalchemy as sa


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
    if filters.get('no_migration_targets'):
        # A non-admin never sees the target volume of a migration.
        column = model.migration_status
        query = query.where(sa.or_(column.is_(None),
                                   sa.not_(column.like('target:%'))))
    return query
