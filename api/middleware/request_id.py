"""First layer: request ids, the request log line, x-openstack-request-id.

A valid inbound ``X-OpenStack-Request-ID`` (``req-<uuid>``) becomes the
global request id; a fresh request id is always made. Both go into the
environ (the auth layer puts them on the RequestContext) and the response.
"""
import re
import time
import urllib.parse

from stratus.api.middleware import layer
from stratus.common import context
from stratus.common import log

LOG = log.getLogger('stratus.api.requestlog')

ENV_REQUEST_ID = 'stratus.request_id'
ENV_GLOBAL_REQUEST_ID = 'stratus.global_request_id'
ENV_CONTEXT = 'stratus.context'
ENV_MICROVERSION = 'stratus.microversion'
_VALID = re.compile(r'^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-'
                    r'[0-9a-f]{4}-[0-9a-f]{12}$')


def _path_qs(req):
    """webob's path_qs, also for a path that is not UTF-8 (the next layer
    refuses it; the log line still shows it, percent-encoded)."""
    try:
        return req.path_qs
    except UnicodeDecodeError:
        environ = req.environ
        raw = (environ.get('SCRIPT_NAME', '') +
               environ.get('PATH_INFO', '')).encode('latin-1')
        query = environ.get('QUERY_STRING')
        return urllib.parse.quote(raw, safe="/~!$&'()*+,;=:@") + (
            '?' + query if query else '')


class RequestIdMiddleware(layer.Layer):
    def __init__(self, application):
        self.application = application

    def process(self, req):
        started = time.monotonic()
        inbound = req.headers.get('X-OpenStack-Request-ID')
        global_id = inbound if inbound and _VALID.match(inbound) else None
        # An anonymous context until the auth layer knows who is asking, so
        # even unauthenticated requests log with their request id.
        ctxt = context.RequestContext(global_request_id=global_id)
        req.environ[ENV_REQUEST_ID] = ctxt.request_id
        req.environ[ENV_GLOBAL_REQUEST_ID] = global_id
        req.environ[ENV_CONTEXT] = ctxt
        # Lower layers pop path segments off this environ; keep the original.
        path_qs = _path_qs(req)
        is_compute = req.environ.get('PATH_INFO', '').startswith('/compute')
        LOG.debug('Starting request: %s "%s %s"', req.remote_addr,
                  req.method, path_qs)
        resp = layer.forward(req, self.application)
        resp.headers['x-openstack-request-id'] = ctxt.request_id
        if is_compute:
            resp.headers['x-compute-request-id'] = ctxt.request_id
        version = req.environ.get(ENV_MICROVERSION)
        # Re-bind the (possibly authenticated) context: the line must carry
        # the user even if a lower layer ran in another thread.
        req.environ[ENV_CONTEXT].update_store()
        LOG.info('%s "%s %s" status: %s len: %s microversion: %s time: %.3f',
                 req.remote_addr, req.method, path_qs, resp.status_int,
                 resp.content_length or 0, version or '-',
                 time.monotonic() - started)
        return resp
