"""Helpers of the block-storage API: links, paging (limit, marker,
offset, sort), boolean query values and filters, as cinder reads them."""
import ast
import datetime
import json

from oslo_utils import strutils
import webob

from stratus.api import wsgi
from stratus.common import exception

URL_PREFIX = '/volume/v3'
# cinder's osapi_max_limit: no list page is longer.
MAX_LIMIT = 1000


def base_url(project_id=None):
    """The collection base: /volume/v3 or /volume/v3/<project> as the
    request came in (3.67 made the project optional)."""
    import pecan
    project = pecan.request.environ.get('stratus.url_project_id')
    url = wsgi.host_url() + URL_PREFIX
    return url + '/' + project if project else url


def links(collection, item_id):
    base = base_url()
    bookmark = base.replace(URL_PREFIX, '/volume', 1)
    return [{'rel': 'self', 'href': '%s/%s/%s' % (base, collection, item_id)},
            {'rel': 'bookmark',
             'href': '%s/%s/%s' % (bookmark, collection, item_id)}]


def is_true(value, name='value'):
    """Python-style bool strings ('False', 'true', '1', ...); anything
    else is a 400."""
    if isinstance(value, bool):
        return value
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.Invalid(
            reason="Invalid value '%s' for %s: it must be a boolean"
                   % (value, name))


def query_bool(kwargs, key, default=False):
    value = wsgi.query_value(kwargs, key)
    return default if value is None else is_true(value, key)


def paging(kwargs):
    """(limit, marker, offset, sort) from the query string; sort is a list
    of (key, direction) from sort=k1:d1,k2 or sort_key/sort_dir."""
    limit = _non_negative(kwargs, 'limit')
    limit = MAX_LIMIT if limit is None else min(limit, MAX_LIMIT)
    offset = _non_negative(kwargs, 'offset')
    marker = wsgi.query_value(kwargs, 'marker')
    sort = []
    if wsgi.query_value(kwargs, 'sort'):
        if wsgi.query_value(kwargs, 'sort_key') or \
                wsgi.query_value(kwargs, 'sort_dir'):
            raise exception.Invalid("The 'sort_key' and 'sort_dir' "
                                    "parameters are deprecated and cannot "
                                    "be used with the 'sort' parameter.")
        for item in wsgi.query_value(kwargs, 'sort').split(','):
            key, _, direction = item.strip().partition(':')
            sort.append((key.strip(), (direction or 'desc').strip().lower()))
    else:
        keys = (wsgi.query_value(kwargs, 'sort_key') or 'created_at')
        direction = (wsgi.query_value(kwargs, 'sort_dir') or 'desc').lower()
        sort = [(key.strip(), direction) for key in keys.split(',')]
    for key, direction in sort:
        if direction not in ('asc', 'desc'):
            raise exception.Invalid(reason='Unknown sort direction, must be '
                                    "'desc' or 'asc'.")
    return limit, marker, offset, sort


def check_sort(sort, allowed):
    """cinder sorts on any column and names no key when it cannot."""
    for key, _direction in sort:
        if key not in allowed:
            raise exception.Invalid(reason='Invalid sort key')


def _non_negative(kwargs, key):
    value = wsgi.query_value(kwargs, key)
    if value is None:
        return None
    # cinder's words differ: limit's are its own, offset's oslo's.
    try:
        number = int(value)
    except ValueError:
        raise exception.Invalid('limit param must be an integer'
                                if key == 'limit' else
                                '%s must be an integer' % key)
    if number < 0:
        raise exception.Invalid('limit param must be positive'
                                if key == 'limit' else
                                '%s must be >= 0' % key)
    return number


def next_links(rows, limit, collection, kwargs=None, count=None):
    """volumes_links / snapshots_links / messages_links as cinder builds
    them: a next link when some rows came and the page size (the limit,
    at most MAX_LIMIT) is not above the row count (the with_count total
    when asked, else this page's), carrying the request's own query with
    the marker moved to its end."""
    import pecan
    from urllib import parse
    total = count or len(rows)
    page = MAX_LIMIT if limit is None else min(limit, MAX_LIMIT)
    if not rows or page > total:
        return None
    params = pecan.request.params.copy()
    params['marker'] = rows[-1]['id']
    return [{'rel': 'next', 'href': '%s/%s?%s' % (
        base_url(), collection, parse.urlencode(list(params.items())))}]


def parse_dict(value, key):
    """A dict given in the query string as JSON or a python literal
    (cinder reads metadata={'k': 'v'} with literal_eval)."""
    if isinstance(value, dict):
        return value
    for parse in (json.loads, ast.literal_eval):
        try:
            parsed = parse(value)
        except (ValueError, SyntaxError):
            continue
        if isinstance(parsed, dict):
            return parsed
    raise exception.Invalid(reason='Invalid %s filter: %s' % (key, value))


_TIME_OPS = ('gt', 'gte', 'lt', 'lte', 'eq', 'neq')


def time_filter(value, key):
    """created_at=gt:2020-01-01T00:00:00,lt:... (3.60)."""
    result = {}
    for item in value.split(','):
        op, _, when = item.partition(':')
        if op not in _TIME_OPS or not when:
            op, when = 'eq', item
        try:
            parsed = datetime.datetime.fromisoformat(
                when.replace('Z', '+00:00'))
        except ValueError:
            raise exception.Invalid(reason='Invalid %s filter value %s'
                                    % (key, value))
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(datetime.timezone.utc).replace(
                tzinfo=None)
        result[op] = parsed
    return result


def _nothing():
    yield b''


def empty_200():
    """200 with no body (cinder's metadata deletes). pecan turns an empty
    200 into a 204 unless the body comes from a generator."""
    resp = webob.Response(status=200, charset=None, content_type=None)
    resp.app_iter = _nothing()
    resp.content_length = 0
    return resp
