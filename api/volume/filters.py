"""List filters as cinder reads them.

From 3.31 every list checks its query keys against cinder's default
resource_filters.json: a non-admin naming any other key gets a 400 (an
admin may name any key, except on the pool list); before 3.31 a
non-admin's unknown keys are silently dropped. What survives is matched
against the table's columns, and a key that is no column of the table
matches nothing, as cinder's database layer answers it.
"""
import ast

from oslo_utils import strutils

from stratus.api import wsgi
from stratus.common import exception

# cinder's etc/cinder/resource_filters.json (the shipped defaults).
RESOURCE_FILTERS = {
    'volume': ('name', 'status', 'metadata', 'bootable', 'migration_status',
               'availability_zone', 'group_id', 'size', 'created_at',
               'updated_at', 'consumes_quota'),
    'snapshot': ('name', 'status', 'volume_id', 'metadata',
                 'availability_zone', 'consumes_quota'),
    'attachment': ('volume_id', 'status', 'instance_id', 'attach_status'),
    'message': ('resource_uuid', 'resource_type', 'event_id', 'request_id',
                'message_level'),
    'pool': ('name', 'volume_type'),
}
RESOURCE_FILTER = (3, 31)
LIKE_FILTER = (3, 34)
COUNT = (3, 45)
# Keys the paging and sort helpers take out of the query first.
_PAGING = ('limit', 'marker', 'offset', 'sort', 'sort_key', 'sort_dir')
# cinder renames these before they reach the database.
_CONVERTED = {'name~': 'display_name~', 'description~':
              'display_description~', 'consumes_quota': 'use_quota'}


def query(kwargs, version, count=True):
    """The query's filter part (first value of each key): without the
    paging and sort keys, and without with_count from 3.45 on the lists
    that count (elsewhere it is an ordinary, unknown, filter)."""
    result = {}
    for key in kwargs:
        if key in _PAGING:
            continue
        if key == 'with_count' and count and version >= COUNT:
            continue
        result[key] = wsgi.query_value(kwargs, key)
    return result


def reject_invalid(ctxt, filters, resource, version):
    """cinder's 3.31 check: ASCII keys only; a non-admin (anyone on the
    pool list) names only configured keys, all_tenants aside."""
    for key in filters:
        if not key.isascii():
            raise exception.Invalid('Filter keys can only contain ASCII '
                                    'characters.')
    if ctxt.is_admin and resource != 'pool':
        return
    allowed = RESOURCE_FILTERS[resource]
    like = version >= LIKE_FILTER
    invalid = [key for key in filters if key not in allowed and not (
        like and '%s~' % key in allowed)]
    if 'all_tenants' in invalid:
        # The clients always send it; cinder lets it pass silently.
        invalid.remove('all_tenants')
        filters.pop('all_tenants')
    if invalid:
        raise exception.Invalid('Invalid filters %s are found in query '
                                'options.' % ','.join(invalid))


def general(ctxt, filters, resource, version, legacy):
    """cinder's process_general_filtering: the 3.31 check and its key
    renames, or before 3.31 `legacy(filters)`."""
    if version >= RESOURCE_FILTER:
        reject_invalid(ctxt, filters, resource, version)
        for key in list(filters):
            if key in _CONVERTED:
                filters[_CONVERTED[key]] = filters.pop(key)
    else:
        legacy(filters)
    return filters


def drop_unknown(ctxt, filters, allowed):
    """Before 3.31: a non-admin's keys outside `allowed` are ignored."""
    if ctxt.is_admin:
        return
    for key in list(filters):
        if key not in allowed:
            del filters[key]


def literal(value):
    """cinder evaluates volume filter values as python literals where it
    can ('1' is 1, "{'k': 'v'}" a dict) and keeps the string otherwise."""
    try:
        return ast.literal_eval(str(value))
    except (ValueError, SyntaxError):
        return value


def bool_param(key, value):
    """cinder's get_bool_param: a strict bool string, else 400."""
    if isinstance(value, bool):
        return value
    if not strutils.is_valid_boolstr(value):
        raise exception.Invalid("Value '%s' for '%s' is not a boolean."
                                % (value, key))
    return strutils.bool_from_string(value, strict=True)


def with_count(kwargs, version):
    """3.45's ?with_count=true."""
    value = wsgi.query_value(kwargs, 'with_count')
    return version >= COUNT and value is not None and bool_param(
        'with_count', value)


def boolean(key, value, strict):
    """A boolean column's filter value: from 3.2 only bool strings (else
    400); before, anything but False/false/FALSE is true."""
    if strict:
        try:
            return strutils.bool_from_string(value, strict=True)
        except ValueError:
            raise exception.Invalid(reason="'%s = %s'" % (key, value))
    return value not in ('False', 'false', 'FALSE')


def split_columns(filters, model, special):
    """(columns, like, nothing): exact column filters, 'col~' substring
    filters and whether some key is neither a column nor in `special`
    (then cinder's database answers no rows)."""
    names = set(model.__table__.columns.keys())
    columns, like, nothing = {}, {}, False
    for key, value in filters.items():
        if key in special:
            continue
        if key.endswith('~'):
            if key[:-1] in names:
                like[key[:-1]] = value
            continue
        if key in names:
            columns[key] = value
        else:
            nothing = True
    return columns, like, nothing
