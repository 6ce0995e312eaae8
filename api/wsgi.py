"""Helpers for handlers: the request's context and microversion, base URLs,
bodies with exact status codes."""
import json

import pecan
import webob

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
        resp.headers[key] = value
    return resp


def make_pecan_app(root):
    # No extension guessing: a server named "vm.json" is a name, not a type.
    app = pecan.Pecan(root, guess_content_type_from_ext=False,
                      force_canonical=False)

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
