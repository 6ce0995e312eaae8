"""Compute quota classes (nova's quota_classes): per-class limits. The
'default' class holds the defaults every project gets, over the [quota]
options; any other class shows its own limits over those defaults."""
import sqlalchemy as sa

from stratus.db import models
from stratus.db import session

DEFAULT_CLASS = 'default'


def class_limits(s, class_name):
    """{resource: limit} set for `class_name`."""
    return {row.resource: row.hard_limit for row in s.scalars(
        sa.select(models.QuotaClass).filter_by(class_name=class_name))}


def over_default(s, values):
    """`values` ({resource: limit}) with the default class's limits over
    them (known resources only)."""
    values.update({k: v for k, v in class_limits(s, DEFAULT_CLASS).items()
                   if k in values})
    return values


def get(class_name):
    """The class's limits for every resource (defaults where unset)."""
    from stratus.db.api import quotas
    with session.reader() as s:
        values = quotas.defaults(s)
        values.update({k: v for k, v in class_limits(s, class_name).items()
                       if k in values})
        return values


def update(class_name, values):
    with session.writer() as s:
        for resource, limit in values.items():
            row = s.get(models.QuotaClass, (class_name, resource))
            if row is None:
                s.add(models.QuotaClass(class_name=class_name,
                                        resource=resource, hard_limit=limit))
            else:
                row.hard_limit = limit
    return get(class_name)
