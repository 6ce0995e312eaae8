"""Stored domain configuration options: rows of (group, option, value,
sensitive) per domain."""
import sqlalchemy as sa

from stratus.db import models
from stratus.db import session

_M = models.DomainConfigOption


def _query(domain_id, group=None, option=None, sensitive=None):
    query = sa.select(_M).where(_M.domain_id == domain_id).order_by(
        _M.group, _M.option)
    if group is not None:
        query = query.where(_M.group == group)
    if option is not None:
        query = query.where(_M.option == option)
    if sensitive is not None:
        query = query.where(_M.sensitive == sensitive)
    return query


def options(domain_id, group=None, option=None, sensitive=None):
    """[{group, option, value, sensitive}] of the domain, filtered."""
    with session.reader() as s:
        return [{'group': r.group, 'option': r.option, 'value': r.value,
                 'sensitive': r.sensitive}
                for r in s.scalars(_query(domain_id, group, option,
                                          sensitive))]


def _write(s, domain_id, option_list):
    for item in option_list:
        row = s.get(_M, (domain_id, item['group'], item['option']))
        if row is None:
            s.add(_M(domain_id=domain_id, group=item['group'],
                     option=item['option'], value=item['value'],
                     sensitive=item['sensitive']))
        else:
            row.value = item['value']
            row.sensitive = item['sensitive']


def replace(domain_id, option_list):
    """The domain's whole configuration becomes option_list."""
    with session.writer() as s:
        s.execute(sa.delete(_M).where(_M.domain_id == domain_id))
        s.flush()
        _write(s, domain_id, option_list)


def update(domain_id, option_list):
    """Set these options, keeping the others."""
    with session.writer() as s:
        _write(s, domain_id, option_list)


def delete(domain_id, group=None, option=None):
    with session.writer() as s:
        query = sa.delete(_M).where(_M.domain_id == domain_id)
        if group is not None:
            query = query.where(_M.group == group)
        if option is not None:
            query = query.where(_M.option == option)
        s.execute(query)
