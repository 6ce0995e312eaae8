"""GET /v2/images query parameters -> the arguments of image_list(), read
as glance reads them: its deserializer (member_status, visibility,
limit, sorting), its controller (os_hidden, protected), then its
database filters (ranges, times, operators on the main columns, plain
equality on other columns and on properties). Bad values are 400 with
glance's texts."""
import datetime
import re
import urllib.parse

from stratus.api.image.schemas import images as schemas
from stratus.common import exception
from stratus.common.conf import CONF

# glance's _available_sort_keys, in its order (its message lists them).
SORT_KEYS = ('name', 'status', 'container_format', 'disk_format', 'size',
             'id', 'created_at', 'updated_at')
_PAGING = ('limit', 'marker', 'sort_key', 'sort_dir', 'sort')
_SPECIAL = _PAGING + ('visibility', 'member_status', 'tag', 'os_hidden',
                      'protected', 'size_min', 'size_max', 'created_at',
                      'updated_at', 'changes-since')
# Filters with glance's operators ('in:a,b'; 'eq' without one).
_OPERATED = ('name', 'id', 'status', 'container_format', 'disk_format')
# Other image columns: plain equality (anything else is a property).
_COLUMNS = ('owner', 'checksum', 'os_hash_algo', 'os_hash_value', 'size',
            'virtual_size', 'min_disk', 'min_ram')
_TIME_OPS = ('gt', 'gte', 'lt', 'lte', 'neq', 'eq')


def _invalid(message):
    return exception.Invalid(message)


def _last(params, key):
    values = params.getall(key)
    return values[-1] if values else None


def _isotime(value):
    """oslo's parse_isotime, normalized to naive UTC; ValueError."""
    if not isinstance(value, str) or not value:
        raise ValueError(value)
    when = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return when


def split_op(expression):
    """glance's split_filter_op: 'op:value', unless the whole is a time."""
    left, sep, right = expression.partition(':')
    if not sep:
        return 'eq', left
    try:
        _isotime(expression)
        return 'eq', expression
    except ValueError:
        return left, right


def _check_quotes(value):
    open_quote = True
    for i, char in enumerate(value):
        if char != '"' or (i and value[i - 1] == '\\'):
            continue
        if open_quote and i and value[i - 1] != ',':
            raise _invalid('Invalid filter value %s. There is no comma '
                           'before opening quotation mark.' % value)
        if not open_quote and i + 1 != len(value) and value[i + 1] != ',':
            raise _invalid('Invalid filter value %s. There is no comma '
                           'after closing quotation mark.' % value)
        open_quote = not open_quote
    if not open_quote:
        raise _invalid('Invalid filter value %s. The quote is not closed.'
                       % value)


_IN_ITEM = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)",?|([^,]+),?|,')


def split_in(value):
    """The values of an 'in:' list, with glance's quoting rules."""
    _check_quotes(value)
    return [m[0] or m[1] for m in _IN_ITEM.findall(value)]


def _sort(params):
    keys, dirs = params.getall('sort_key'), params.getall('sort_dir')
    sort = params.getall('sort')[0] if 'sort' in params else None
    if sort is not None:
        if keys or dirs:
            raise _invalid('Old and new sorting syntax cannot be combined')
        keys, dirs = [], []
        for item in sort.strip().split(','):
            key, _sep, direction = item.partition(':')
            keys.append(key.strip())
            dirs.append(direction.strip() or 'desc')
    keys = [key.strip() for key in keys]
    dirs = [direction.strip() for direction in dirs]
    pairs = list(zip(keys, dirs)) if sort is not None else None
    for i, key in enumerate(keys):
        if key not in SORT_KEYS:
            raise _invalid('Invalid sort key: %s. It must be one of the '
                           'following: %s.' % (key, ', '.join(SORT_KEYS)))
        if pairs is not None and dirs[i] not in ('asc', 'desc'):
            raise _invalid('Invalid sort direction: %s' % dirs[i])
    if pairs is None:
        for direction in dirs:
            if direction not in ('asc', 'desc'):
                raise _invalid('Invalid sort direction: %s' % direction)
        if len(dirs) > 1 and len(dirs) != len(keys):
            raise _invalid('Number of sort dirs does not match the number '
                           'of sort keys')
    keys = keys or ['created_at']
    # The database completes the order as glance's does: created_at, id,
    # in the one direction given (else desc).
    default = dirs[0] if len(dirs) == 1 else 'desc'
    dirs = dirs * len(keys) if len(dirs) == 1 else (dirs or
                                                     ['desc'] * len(keys))
    sort = list(zip(keys, dirs))
    for key in ('created_at', 'id'):
        if key not in keys:
            sort.append((key, default))
    return sort


def _limit(params):
    limit = params.get('limit')
    if limit is None:
        return CONF.image.limit_param_default
    limit = params.getall('limit')[0]
    try:
        limit = int(limit)
    except ValueError:
        raise _invalid('limit param must be an integer')
    if limit < 0:
        raise _invalid('limit param must be positive')
    return min(limit, CONF.image.api_limit_max)


def _flag(params, key, default=None, lower=False):
    value = _last(params, key)
    if value is None:
        return default
    checked = value.lower() if lower else value
    if checked not in ('true', 'false'):
        raise _invalid("Invalid value '%s' for '%s' filter. Valid values "
                       "are 'true' or 'false'." % (checked, key))
    return checked == 'true'


def _time_filter(key, value):
    op, stamp = split_op(value)
    try:
        when = _isotime(stamp)
    except ValueError:
        raise _invalid('Bad "%s" query filter format. Use ISO 8601 '
                       'DateTime notation.' % key)
    if op not in _TIME_OPS:
        raise _invalid('Unable to filter on a unknown operator.')
    return key, op, when


def _filters(params):
    filters = []
    for key in ('size_min', 'size_max'):
        value = _last(params, key)
        if value is not None:
            try:
                number = int(value)
            except ValueError:
                raise _invalid('Unable to filter on a range with a '
                               'non-numeric value.')
            filters.append(('size', 'gte' if key == 'size_min' else 'lte',
                            number))
    for key in ('created_at', 'updated_at'):
        value = _last(params, key)
        if value is not None:
            filters.append(_time_filter(key, value))
    for key in _OPERATED:
        value = _last(params, key)
        if value is None:
            continue
        op, value = split_op(value)
        if op == 'in':
            filters.append((key, 'in', split_in(value)))
        elif op == 'eq':
            filters.append((key, 'eq', value))
        else:
            raise _invalid("Unable to filter by unknown operator '%s'."
                           % op)
    for key in _COLUMNS:
        value = _last(params, key)
        if value is not None:
            filters.append((key, 'eq', value))
    return filters


def _properties(params):
    return [(key, 'eq', _last(params, key)) for key in dict.fromkeys(params)
            if key not in _SPECIAL + _OPERATED + _COLUMNS]


def list_args(params):
    """keyword arguments of image_list() from the request's GET params."""
    visibility = _last(params, 'visibility')
    if visibility and visibility not in schemas.VISIBILITIES + ('all',):
        raise _invalid('Invalid visibility value: %s' % visibility)
    if _last(params, 'changes-since'):
        raise _invalid('The "changes-since" filter is no longer available '
                       'on v2.')
    member_status = params.getall('member_status')[0] \
        if 'member_status' in params else 'accepted'
    if member_status not in schemas.MEMBER_STATUSES + ('all',):
        raise _invalid('Invalid status: %s' % member_status)
    limit = _limit(params)
    sort = _sort(params)
    hidden = _flag(params, 'os_hidden', default=False, lower=True)
    protected = _flag(params, 'protected')
    filters = _filters(params)
    if protected is not None:
        filters.append(('protected', 'eq', protected))
    return {
        'visibility': visibility or None,
        'member_status': member_status,
        'filters': filters,
        'properties': _properties(params),
        'tags': [tag.strip() for tag in params.getall('tag')],
        'hidden': hidden,
        'sort': sort,
        'limit': limit,
        'marker': params.getall('marker')[0] if 'marker' in params
        else None,
    }


def links(params, last_id, limit, full):
    """glance's 'first' and 'next' links: the request's parameters (one
    value each) without the marker; 'next' whenever the page is full."""
    kept = dict(params)
    kept.pop('marker', None)
    query = urllib.parse.urlencode(kept)
    out = {'first': '/v2/images' + ('?' + query if query else '')}
    if full and last_id:
        kept['marker'] = last_id
        out['next'] = '/v2/images?' + urllib.parse.urlencode(kept)
    return out
