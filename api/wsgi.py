"""Helpers for handlers: the request's context and microversion, base URLs,
bodies with exact status codes."""
import functools
import json
import threading

import pecan
import pecan.core
import pecan.decorators
import pecan.rest
import pecan.routing
import pecan.util
import webob

from stratus.api.middleware import request_guard
from stratus.api.middleware import request_id
from stratus.common.conf import CONF


def context():
    return pecan.request.environ[request_id.ENV_CONTEXT]


def version(request=None):
    """The negotiated microversion as a (major, minor) tuple."""
    request = request or pecan.request
    return request.environ.get('stratus.api_version', (0, 0))


def host_url(request=None):
    request = request or pecan.request
    return (CONF.api.public_endpoint or request.host_url).rstrip('/')


def response(body=None, status=200, headers=None):
    """A JSON response (or an empty one when body is None)."""
    resp = webob.Response(status=status, charset=None)
    if body is not None:
        resp.content_type = 'application/json'
        resp.body = json.dumps(body).encode()
    else:
        resp.content_type = None
    for key, value in (headers or {}).items():
        if key == 'Location':
            value = request_guard.url_header(value)
        resp.headers[key] = value
    return resp


# pecan keeps each request in a module-global thread-local, and every
# Pecan() rebinds that global to a new local: building a surface while
# another thread is inside a request (a lazy surface's first request) would
# orphan that request's state, so its pecan.request fails halfway. All our
# apps share one local instead, so building one leaves others untouched.
_PECAN_STATE = threading.local()


def _shared_pecan_state():
    return _PECAN_STATE


def make_pecan_app(root):
    # No extension guessing: a server named "vm.json" is a name, not a type.
    app = pecan.Pecan(root, guess_content_type_from_ext=False,
                      force_canonical=False,
                      context_local_factory=_shared_pecan_state)

    def without_accept(environ, start_response):
        # Handlers build their own (JSON) responses; pecan's Accept
        # negotiation would only turn 'Accept: application/json' into 406.
        environ.pop('HTTP_ACCEPT', None)
        return app(environ, start_response)
    return without_accept


def query_values(kwargs, key):
    """A query parameter as a list (pecan gives a list only for repeats)."""
    value = kwargs.get(key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def query_value(kwargs, key, default=None):
    values = query_values(kwargs, key)
    return values[-1] if values else default


def _memoize_pecan_argspec():
    """pecan inspects each controller's signature on every request and
    builds a new namedtuple class each time (about 1.3 ms a request);
    signatures never change, so remember them per function."""
    original = pecan.util.getargspec
    if getattr(original, '_memoized', False):
        return

    @functools.lru_cache(maxsize=None)
    def cached(func):
        return original(func)

    def getargspec(method):
        func = getattr(method, '__func__', method)
        try:
            return cached(func)
        except TypeError:           # unhashable callable
            return original(method)
    getargspec._memoized = True
    for module in (pecan.util, pecan.core, pecan.rest, pecan.routing,
                   pecan.decorators):
        module.getargspec = getargspec


_memoize_pecan_argspec()
