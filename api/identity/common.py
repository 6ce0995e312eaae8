"""Helpers shared by the identity controllers: links, collections, query
flags and request bodies whose errors must not echo secrets."""
import inspect

import pecan
from pecan import rest
import webob.exc

from stratus.api import validation
from stratus.api import wsgi
from stratus.common import exception

_TRUE = ('1', 't', 'true', 'on', 'y', 'yes')
_FALSE = ('0', 'f', 'false', 'off', 'n', 'no')
# Body fields whose value must never appear in an error message.
SECRET_FIELDS = ('password', 'original_password', 'token', 'secret')


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


def _keystone_worded(exc):
    """keystone's SchemaValidationError: "Invalid input for field '<path>':
    <message>" (the bare message for the whole body); errors about
    secrets omit the value."""
    field = exc.kwargs.get('field', '')
    reason = exc.kwargs.get('reason', '')
    if any(part in SECRET_FIELDS for part in field.split('/')):
        reason = 'The value is not valid.'
    message = "Invalid input for field '%s': %s" % (field, reason) \
        if field else reason
    return exception.ValidationError(message, field=field, reason=reason)


def body(schema):
    """The validated JSON body, refused in keystone's words."""
    try:
        return validation.body(schema)
    except exception.ValidationError as exc:
        raise _keystone_worded(exc)


def member_body(key, schema):
    """The body's `key` member ({} when absent) validated against `schema`,
    as keystone's lazily validated APIs do: paths start below the member."""
    doc = validation.load_json(pecan.request)
    member = doc.get(key, {}) if isinstance(doc, dict) else doc
    try:
        return validation.check(schema, member)
    except exception.ValidationError as exc:
        raise _keystone_worded(exc)


def query(schema, kwargs):
    """The query parameters `schema` names (the last of repeats), checked
    as keystone checks its query schemas, refused in its words."""
    values = {key: wsgi.query_value(kwargs, key)
              for key in schema['properties'] if key in kwargs}
    try:
        return validation.check(schema, values)
    except exception.ValidationError as exc:
        raise _keystone_worded(exc)


def check_value(schema, value):
    """A value from the path or a computed list, refused in keystone's
    words (a bare message: it has no field)."""
    try:
        return validation.check(schema, value)
    except exception.ValidationError as exc:
        raise _keystone_worded(exc)


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
