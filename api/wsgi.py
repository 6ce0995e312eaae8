"""Helpers for handlers: the request's context and microversion, base URLs,
bodies with exact status codes."""
import functools
import inspect
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
from stratus.common import exception
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


# The handler names pecan's RestController dispatches each verb to, in the
# order glance's Allow headers list the verbs.
_VERB_HANDLERS = (('GET', ('get_all', 'get_one', 'get')), ('POST', ('post',)),
                  ('PUT', ('put',)), ('PATCH', ('patch',)),
                  ('DELETE', ('delete',)))


def _takes(func, count):
    spec = pecan.util.getargspec(func)
    positional = spec.args[1:]
    required = len(positional) - len(spec.defaults or ())
    return required <= count and (count <= len(positional) or
                                  bool(spec.varargs))


def _path_refusal(controller, count, only_404):
    """A path that lacks a part its handler needs: 405 naming the verbs
    this path's shape does serve (glance's Allow, keystone's 405), 404
    when none does or when the surface's upstream router knows no 405
    (nova's and cinder's routes maps)."""
    owner = getattr(controller, '__self__', None)
    allowed = [verb for verb, names in _VERB_HANDLERS
               if any(callable(getattr(owner, name, None)) and
                      _takes(getattr(owner, name), count) for name in names)]
    if not allowed or only_404:
        return exception.NotFound('The resource could not be found.')
    from stratus.api.image import routes
    return routes.MethodNotAllowed(pecan.request.method, ', '.join(allowed))


class _PathArgsPecan(pecan.Pecan):
    """pecan fills a handler's positional arguments from the path and then,
    for those the path lacks, from query parameters and JSON body keys of
    the same name: `DELETE /servers?server_id=<uuid>` would reach
    delete(server_id), and `DELETE /servers` calls delete() without its
    argument (a TypeError, a 500). Arguments without a default come from
    the path only; a path too short or too long for its handler is
    refused."""

    only_404 = False

    def get_args(self, state, all_params, remainder, argspec, im_self):
        positional = argspec.args[1:] if (
            im_self is not None or inspect.ismethod(state.controller)) \
            else argspec.args[:]
        required = positional[:len(positional) - len(argspec.defaults or ())]
        for name in required:
            all_params.pop(name, None)
        routing = list(state.request.pecan.get('routing_args', ()))
        given = len(routing) + len([part for part in remainder if part])
        if given < len(required) or (
                given > len(positional) and not argspec.varargs):
            # Too long a path is refused the same way: glance's 405 for
            # POST /images/{id} names the verbs /images/{id} serves.
            raise _path_refusal(state.controller, given, self.only_404)
        args, varargs, kwargs = super().get_args(
            state, all_params, remainder, argspec, im_self)
        return args, varargs, kwargs


def make_pecan_app(root, only_404=False):
    """only_404: the upstream router answers a path without the method
    asked (or too short) 404, never 405 (nova, cinder)."""
    # No extension guessing: a server named "vm.json" is a name, not a type.
    app = _PathArgsPecan(root, guess_content_type_from_ext=False,
                         force_canonical=False,
                         context_local_factory=_shared_pecan_state)
    app.only_404 = only_404

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
