"""Errors become OpenStack fault bodies, never a traceback.

Each surface speaks its upstream dialect: nova/cinder
``{"itemNotFound": {"code": 404, "message": ...}}``, keystone
``{"error": {"code": 401, "title": "Unauthorized", "message": ...}}``,
glance plain text. Handlers raise StratusException; anything else is a
500 whose details go to the log only.
"""
import json

import webob
import webob.exc

from stratus.api.middleware import layer
from stratus.common import exception
from stratus.common import log

LOG = log.getLogger(__name__)

NOVA_KEYS = {400: 'badRequest', 401: 'unauthorized', 403: 'forbidden',
             404: 'itemNotFound', 405: 'badMethod', 406: 'notAcceptable',
             409: 'conflictingRequest', 413: 'overLimit',
             415: 'badMediaType', 429: 'overLimit', 501: 'notImplemented',
             503: 'serviceUnavailable'}
UNEXPECTED = ('Unexpected API Error. Please report this at your cloud '
              'operator and attach the request id if possible.')


def _title(status):
    return webob.exc.status_map.get(status, webob.exc.HTTPError).title


def fault_body(style, status, message):
    """(content_type, body bytes) of a fault in a surface's dialect."""
    if style == 'keystone':
        doc = {'error': {'code': status, 'title': _title(status),
                         'message': message}}
    elif style == 'glance':
        text = '%s %s\n\n%s\n\n   ' % (status, _title(status), message)
        return 'text/plain', text.encode()
    else:
        doc = {NOVA_KEYS.get(status, 'computeFault'): {
            'code': status, 'message': message}}
    return 'application/json', json.dumps(doc).encode()


def fault_response(style, status, message, headers=None):
    content_type, body = fault_body(style, status, message)
    resp = webob.Response(status=status, body=body, charset=None,
                          content_type=content_type)
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def from_exception(style, exc):
    if isinstance(exc, exception.StratusException):
        message = exc.message if exc.safe or exc.code < 500 else UNEXPECTED
        headers = getattr(exc, 'headers', None)
        return fault_response(style, exc.code, message, headers)
    if isinstance(exc, webob.exc.HTTPException):
        return fault_response(style, exc.code, exc.detail or exc.explanation)
    return None


def _message_of(resp):
    """The human part of a plain error page (pecan's 404/405)."""
    text = resp.text.strip() if resp.body else ''
    lines = [line.strip() for line in text.split('\n') if line.strip()]
    return lines[1] if len(lines) > 1 else (lines[0] if lines else
                                            _title(resp.status_int))


class FaultMiddleware(layer.Layer):
    def __init__(self, application, style='nova'):
        self.application = application
        self.style = style

    def process(self, req):
        try:
            resp = layer.forward(req, self.application)
        except Exception as exc:
            resp = from_exception(self.style, exc)
            if resp is None:
                LOG.exception('Unexpected error serving %s %s', req.method,
                              req.path)
                resp = fault_response(self.style, 500, UNEXPECTED)
            return resp
        if resp.status_int >= 400 and self.style != 'glance' and \
                resp.content_type != 'application/json':
            rebuilt = fault_response(self.style, resp.status_int,
                                     _message_of(resp))
            for key in ('Allow', 'WWW-Authenticate'):
                if key in resp.headers:
                    rebuilt.headers[key] = resp.headers[key]
            return rebuilt
        return resp
