"""GET /v2/images query parameters -> the arguments of image_list():
visibility, filters with glance's operators (``in:a,b``, ``gte:date``),
property and tag filters, sorting, limit and marker. Bad values are 400."""
import csv
import datetime
import urllib.parse

from stratus.api.image.schemas import images as schemas
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import image_list

_PAGING = ('limit', 'marker', 'sort_key', 'sort_dir', 'sort')
_SPECIAL = _PAGING + ('visibility', 'member_status', 'tag', 'os_hidden',
                      'size_min', 'size_max', 'protected', 'created_at',
                      'updated_at')
_COLUMNS = ('id', 'name', 'status', 'owner', 'disk_format',
            'container_format')
_TIME_OPS = ('gt', 'gte', 'lt', 'lte', 'eq', 'neq')
_BOOL = {'true': True, 'false': False}


def _invalid(reason):
    return exception.Invalid(reason=reason)


def _one(params, key):
    values = params.getall(key)
    return values[-1] if values else None


def _split_in(value):
    """'in:a,"b,c"' -> ('in', ['a', 'b,c']); other values -> ('eq', v)."""
    if not value.startswith('in:'):
        return 'eq', value
    return 'in', next(csv.reader([value[3:]], skipinitialspace=True), [])


def _bool(key, value):
    if value.lower() not in _BOOL:
        raise _invalid('Invalid value for %s: %s (true or false)'
                       % (key, value))
    return _BOOL[value.lower()]


def _int(key, value, minimum=0):
    try:
        number = int(value)
    except ValueError:
        raise _invalid('%s param must be an integer' % key)
    if number < minimum:
        raise _invalid('%s param must be positive' % key)
    return number


def _time(key, value):
    op, sep, stamp = value.partition(':')
    if not sep or op not in _TIME_OPS:
        op, stamp = 'eq', value
    try:
        when = datetime.datetime.fromisoformat(stamp.replace('Z', '+00:00'))
    except ValueError:
        raise _invalid('Unable to filter on %s: %s is not a valid '
                       'timestamp' % (key, stamp))
    if when.tzinfo is not None:
        when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return key, op, when


def _sort(params):
    keys, dirs = params.getall('sort_key'), params.getall('sort_dir')
    sort = _one(params, 'sort')
    if sort is not None:
        if keys or dirs:
            raise _invalid("The 'sort' param can't be used with 'sort_key' "
                           "or 'sort_dir'.")
        pairs = [item.strip().partition(':') for item in sort.split(',')]
        keys = [key for key, _, _ in pairs]
        dirs = [direction or 'desc' for _, _, direction in pairs]
    if not keys:
        keys = ['created_at']
    if not dirs:
        dirs = ['desc']
    if len(dirs) == 1:
        dirs = dirs * len(keys)
    if len(dirs) != len(keys):
        raise _invalid('Number of sort dirs does not match the number of '
                       'sort keys')
    for key in keys:
        if key not in image_list.SORT_KEYS:
            raise _invalid('Invalid sort key: %s. It must be one of the '
                           'following: %s.' % (key, ', '.join(
                               image_list.SORT_KEYS)))
    for direction in dirs:
        if direction not in ('asc', 'desc'):
            raise _invalid('Invalid sort direction: %s' % direction)
    return list(zip(keys, dirs))


def _visibility(params):
    visibility = _one(params, 'visibility')
    if visibility is not None and visibility not in schemas.VISIBILITIES + (
            'all',):
        raise _invalid('Invalid visibility value: %s' % visibility)
    member_status = _one(params, 'member_status') or 'accepted'
    if member_status not in schemas.MEMBER_STATUSES + ('all',):
        raise _invalid('Invalid member_status value: %s' % member_status)
    return visibility, member_status


def _filters(params):
    filters = []
    for key in _COLUMNS:
        value = _one(params, key)
        if value is not None:
            op, value = _split_in(value)
            if key == 'status':
                for status in (value if op == 'in' else [value]):
                    if status not in schemas.STATUSES:
                        raise _invalid('Invalid status value: %s' % status)
            filters.append((key, op, value))
    for key, op in (('size_min', 'gte'), ('size_max', 'lte')):
        if _one(params, key) is not None:
            filters.append(('size', op, _int(key, _one(params, key))))
    if _one(params, 'protected') is not None:
        filters.append(('protected', 'eq',
                        _bool('protected', _one(params, 'protected'))))
    for key in ('created_at', 'updated_at'):
        if _one(params, key) is not None:
            filters.append(_time(key, _one(params, key)))
    return filters


def _properties(params):
    out = []
    for key in params.keys():
        if key in _SPECIAL or key in _COLUMNS:
            continue
        op, value = _split_in(_one(params, key))
        if (key, op, value) not in out:
            out.append((key, op, value))
    return out


def _limit(params):
    limit = _one(params, 'limit')
    if limit is None:
        return CONF.image.limit_param_default
    return min(_int('limit', limit), CONF.image.api_limit_max)


def list_args(params):
    """keyword arguments of image_list() from the request's GET params."""
    visibility, member_status = _visibility(params)
    hidden = _one(params, 'os_hidden')
    return {
        'visibility': visibility,
        'member_status': member_status,
        'filters': _filters(params),
        'properties': _properties(params),
        'tags': params.getall('tag'),
        'hidden': _bool('os_hidden', hidden) if hidden is not None else False,
        'sort': _sort(params),
        'limit': _limit(params),
        'marker': _one(params, 'marker'),
    }


def links(params, last_id, limit, more):
    """The 'first' and (when more images follow) 'next' links."""
    kept = [(k, v) for k, v in params.items() if k not in ('marker',
                                                           'limit')]
    first = '/v2/images'
    query = urllib.parse.urlencode([(k, v) for k, v in params.items()
                                    if k != 'marker'])
    out = {'first': first + ('?' + query if query else '')}
    if more and last_id:
        out['next'] = '/v2/images?' + urllib.parse.urlencode(
            kept + [('marker', last_id), ('limit', limit)])
    return out
