"""Query strings of the compute API: per-version query schemas, paging with
limit and marker, and the 'next' links of paged collections.

As in nova, a query schema sees every parameter as a list of strings;
parameters a schema does not name are ignored until the version that makes
it strict (``additionalProperties: False``), from which they are a 400.
"""
import datetime
import urllib.parse

import jsonschema
import pecan
from oslo_utils import timeutils

from stratus.api import wsgi
from stratus.common import exception
from stratus.common.conf import CONF

NON_NEGATIVE_INT = {'type': 'string', 'pattern': '^[0-9]+$'}
BOOLEAN = {'type': 'string', 'enum': [
    'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
    'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']}
_TRUE = ('true', '1', 'on', 'yes')


def multi(schema):
    """A parameter that may repeat; each value must match `schema`."""
    return {'type': 'array', 'items': schema}


def single(schema):
    """A parameter given at most once."""
    return {'type': 'array', 'items': schema, 'maxItems': 1}


def schema(properties, strict):
    return {'type': 'object', 'properties': properties,
            'additionalProperties': not strict}


def params(kwargs):
    """{name: [values]} of the query string pecan parsed into kwargs."""
    return {key: wsgi.query_values(kwargs, key) for key in kwargs}


def check(kwargs, query_schema):
    """400 unless the query string matches `query_schema` (nova's wording)."""
    doc = params(kwargs)
    validator = jsonschema.Draft4Validator(query_schema)
    # nova: the first error; the parameter's name, the refused value.
    error = next(iter(validator.iter_errors(doc)), None)
    if error is None:
        return doc
    path = list(error.absolute_path)
    if not path:
        raise exception.Invalid(error.message)
    raise exception.Invalid(
        'Invalid input for query parameters %s. Value: %s. %s' % (
            path[0], error.instance, error.message))


def request_params():
    """{name: [values]} of the whole query string of the request."""
    get = pecan.request.GET
    return {key: get.getall(key) for key in get}


def strict_from(version, properties=None):
    """From `version`, a query parameter outside `properties` is a 400
    (nova's *_query_v2102 schemas: additionalProperties False)."""
    if wsgi.version() < version:
        return
    doc = request_params()
    if doc:
        check(doc, schema(properties or {}, strict=True))


def strict_from_2102(properties=None):
    """Routes that take no query parameters refuse any from 2.102."""
    strict_from((2, 102), properties)


def boolean(kwargs, key):
    value = wsgi.query_value(kwargs, key)
    return value is not None and value.lower() in _TRUE


def limit_marker(kwargs):
    """(limit, marker): limit is at most [api] max_limit (nova's rule)."""
    limit = wsgi.query_value(kwargs, 'limit')
    if limit is None:
        limit = CONF.api.max_limit
    elif not str(limit).isdigit():
        raise exception.Invalid('limit param must be an integer')
    return min(int(limit), CONF.api.max_limit), \
        wsgi.query_value(kwargs, 'marker')


def when(kwargs, key):
    """A changes-since/changes-before time as naive UTC, or None."""
    value = wsgi.query_value(kwargs, key)
    if value is None:
        return None
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise exception.Invalid(
            "Invalid input for query parameters %s. Value: %s. '%s' is not "
            "a 'date-time'" % (key, value, value))


def since_bound(since):
    """The stored-time bound equal to nova's `updated_at >= since`.

    nova keeps whole seconds (and shows them); stratus keeps microseconds.
    A time stored as T.5 is T to nova, so it changed since T but not since
    T.2: the bound is `since` rounded up to its second."""
    if since is None or not since.microsecond:
        return since
    return since.replace(microsecond=0) + datetime.timedelta(seconds=1)


def before_bound(before):
    """The stored-time bound equal to nova's `updated_at <= before`: the
    last microsecond of `before`'s second (T.5 is T, not after T)."""
    if before is None:
        return None
    return before.replace(microsecond=999999)


def changes_window(kwargs, before_allowed):
    """(changes-since, changes-before) as bounds on stored times; before
    must not precede since."""
    since = when(kwargs, 'changes-since')
    before = when(kwargs, 'changes-before') if before_allowed else None
    if since and before and before < since:
        raise exception.Invalid('The value of changes-since must be less '
                                'than or equal to changes-before.')
    return since_bound(since), before_bound(before)


def next_links(kwargs, collection, shown, last_id):
    """nova's collection links: a 'next' link when the page is full.

    `collection` is the path under /compute/v2.1 ('os-keypairs'); the link
    repeats the request's parameters with the marker replaced.
    """
    limit, _marker = limit_marker(kwargs)
    if not limit or shown != limit:
        return []
    pairs = [(key, value) for key, values in params(kwargs).items()
             if key != 'marker' for value in values]
    pairs.append(('marker', last_id))
    href = '%s/compute/v2.1/%s?%s' % (wsgi.host_url(), collection,
                                      urllib.parse.urlencode(pairs))
    return [{'rel': 'next', 'href': href}]
