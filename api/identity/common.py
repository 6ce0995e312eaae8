"""Helpers shared by the identity controllers: links, collections, query
flags and request validation in keystone's two wordings."""
import inspect
import json

import pecan
from pecan import rest
import webob.exc

from stratus.api import wsgi
from stratus.api.identity import request_wording
from stratus.common import exception

_TRUE = ('1', 't', 'true', 'on', 'y', 'yes')
_FALSE = ('0', 'f', 'false', 'off', 'n', 'no')


def base_url():
    return '%s/identity/v3' % wsgi.host_url()


def self_link(path):
    return {'self': '%s/%s' % (base_url(), path)}


def collection(key, items, path):
    """A keystone list body; `self` keeps the query string."""
    query = pecan.request.query_string
    href = '%s/%s' % (base_url(), path) + ('?' + query if query else '')
    return {key: items,
            'links': {'self': href, 'previous': None, 'next': None}}


def bool_query(kwargs, key):
    """A boolean filter: None when absent; a bare `?key` means true."""
    value = wsgi.query_value(kwargs, key)
    if value is None:
        return None
    if value == '' or value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise exception.ValidationError(
        field=key, reason='Expected a boolean value, got %r.' % value)


def _is_json(content_type):
    return content_type == 'application/json' or (
        content_type.startswith('application/') and
        content_type.endswith('+json'))


def json_body():
    """The request's JSON object, {} without a body, refused as keystone's
    JSON body hook refuses it (before any route's own check)."""
    request = pecan.request
    if not request.body:
        return {}
    if not (_is_json(request.content_type or '') or
            not request.headers.get('Content-Type', '')):
        raise exception.UnknownReference(attribute='application/json',
                                         target='Content-Type header')
    try:
        doc = json.loads(request.body)
    except ValueError:
        doc = None
    if not isinstance(doc, dict):
        raise exception.UnknownReference(attribute='valid JSON',
                                         target='request body')
    return doc


# keystone's newer validator (its request_body_schema and
# request_query_schema decorators): most routes.

def body(schema):
    """The JSON body, checked as keystone's request_body_schema checks it
    (before policy: the decorator runs first)."""
    return request_wording.decorated(schema, json_body())


def query(schema, kwargs):
    """The query string, checked as keystone's request_query_schema checks
    it: every parameter given (unknown ones too, so a schema without
    additional properties refuses them), each repeat's first value."""
    values = {key: wsgi.query_values(kwargs, key)[0] for key in kwargs
              if wsgi.query_values(kwargs, key)}
    request_wording.decorated(schema, values)
    return {key: wsgi.query_value(kwargs, key)
            for key in schema.get('properties', {}) if key in kwargs}


# keystone's older lazy_validate: token issue, password change, policies,
# project tags, SAML assertions.

def member_body(key, schema):
    """The body's `key` member ({} when absent) checked as keystone's
    lazy_validate checks it: paths start below the member."""
    return request_wording.lazy(schema, json_body().get(key, {}))


def check_value(schema, value):
    """A value from the path or a computed list, checked as keystone's
    lazy_validate checks it."""
    return request_wording.lazy(schema, value)


def created(body_doc):
    return wsgi.response(body_doc, status=201)


def no_content():
    return wsgi.response(status=204)


def require_method(*methods):
    """For plain (non-REST) pecan handlers that answer any verb."""
    if pecan.request.method not in methods:
        raise webob.exc.HTTPMethodNotAllowed(
            'The method is not allowed for the requested URL.',
            headers={'Allow': ', '.join(methods)})


class RestController(rest.RestController):
    """pecan's RestController, minus two of its surprises: a path segment
    naming a private attribute (`/projects/__class__`) is not a route, and
    a handler reached with too few or too many path ids answers 405/404
    instead of failing with a TypeError (a 500)."""

    def _lookup_child(self, remainder):
        if not isinstance(remainder, str) or remainder.startswith('_'):
            return None
        return super()._lookup_child(remainder)

    def _checked(self, result, request):
        controller, remainder = result
        if getattr(controller, '__self__', None) is not self:
            return result
        spec = inspect.getfullargspec(controller)
        positional = spec.args[1:]
        required = len(positional) - len(spec.defaults or ())
        given = len(request.pecan.get('routing_args', [])) + len(
            [part for part in remainder if part])
        if given < required:
            pecan.abort(405)
        if given > len(positional) and not spec.varargs:
            pecan.abort(404)
        return result

    def _handle_delete(self, method, remainder, request=None):
        return self._checked(super()._handle_delete(
            method, remainder, request), request)

    def _handle_post(self, method, remainder, request=None):
        # PUT is routed through here too.
        return self._checked(super()._handle_post(
            method, remainder, request), request)

    def _handle_unknown_method(self, method, remainder, request=None):
        # PATCH, and HEAD on a controller with its own `head`.
        if method == 'head' and not self._find_controller('head'):
            return self._head(remainder, request)
        return self._checked(super()._handle_unknown_method(
            method, remainder, request), request)

    def _head(self, remainder, request):
        """Keystone answers HEAD on every GET route, as GET without a body
        (the identity surface drops it); `head_one`, where a controller
        has one, answers HEAD on one item differently (keystone's 204 on
        an inference rule)."""
        controller, rest = self._checked(
            self._handle_get('get', remainder, request), request)
        if getattr(controller, '__self__', None) is self and \
                controller.__name__ == 'get_one' and \
                self._find_controller('head_one'):
            controller = self.head_one
        return controller, rest
