"""The /image surface (Glance v2 subset): version documents and the v2
API pipeline (faults in glance's dialect, then auth, then the pecan
controllers)."""
import html
import json

import pecan

from stratus.api import wsgi
from stratus.api.image import cache
from stratus.api.image import image_data
from stratus.api.image import images
from stratus.api.image import info
from stratus.api.image import metadefs
from stratus.api.image import routes
from stratus.api.image import store
from stratus.api.image import stores
from stratus.api.image import tasks
from stratus.api.image.metadefs import schemas as metadef_schemas
from stratus.api.image.schemas import documents
from stratus.api.middleware import auth
from stratus.api.middleware import faults
from stratus.api.middleware import layer
from stratus.common import exception

# Newest first, as glance lists them.
VERSIONS = ['2.%d' % minor for minor in range(17, -1, -1)]


def versions_doc(base):
    return {'versions': [
        {'id': 'v%s' % v, 'status': 'CURRENT' if i == 0 else 'SUPPORTED',
         'links': [{'rel': 'self', 'href': '%s/image/v2/' % base}]}
        for i, v in enumerate(VERSIONS)]}


class SchemasController:
    """/v2/schemas/{image,images,member,members,task,tasks} and
    /v2/schemas/metadefs/{namespace,object,property,tag,resource_type}(s).
    """

    @pecan.expose()
    def _default(self, name=None, *remainder):
        table = documents.DOCUMENTS
        if name == 'metadefs' and len(remainder) == 1:
            table, name, remainder = metadef_schemas.DOCUMENTS, \
                remainder[0], ()
        if remainder or name not in table:
            raise exception.NotFound()
        if pecan.request.method != 'GET':
            raise routes.MethodNotAllowed(pecan.request.method, 'GET')
        return wsgi.response(table[name]())


class V2Root:
    images = images.ImagesController()
    schemas = SchemasController()
    info = info.InfoController()
    stores = stores.StoresController()
    cache = cache.CacheController()
    metadefs = metadefs.MetadefsController()
    tasks = tasks.TasksController()


_HTML = ('<html>\n <head>\n  <title>%(status)s</title>\n </head>\n <body>\n'
         '  <h1>%(status)s</h1>\n  %(message)s<br /><br />\n </body>\n'
         '</html>')


def _fault_format(req):
    """What glance's webob faults answer: HTML when the client names no
    type (openstacksdk sends none and reads the message out of the HTML),
    JSON when it asks for JSON, plain text otherwise."""
    if not req.headers.get('Accept'):
        return 'text/html'
    offers = req.accept.acceptable_offers(['text/html', 'application/json'])
    return offers[0][0] if offers else 'text/plain'


def _negotiated(resp, fault_format):
    if resp.status_int < 400 or resp.content_type != 'text/plain' or \
            fault_format == 'text/plain':
        return resp
    lines = [line.strip() for line in resp.text.split('\n') if line.strip()]
    message = lines[1] if len(lines) > 1 else resp.status
    if fault_format == 'application/json':
        body = json.dumps({'message': message, 'code': resp.status,
                           'title': resp.status.split(' ', 1)[-1]})
    else:
        body = _HTML % {'status': resp.status,
                        'message': html.escape(message, quote=False)}
    resp.content_type = fault_format
    resp.body = body.encode()
    return resp


def negotiated_fault(req, resp):
    """A plain glance fault made before this surface, as it answers it."""
    return _negotiated(resp, _fault_format(req))


def _drain(req, resp):
    """Read in chunks what a handler left of the request body (an upload
    refused early). cheroot would otherwise read the rest of a
    Content-Length body in one piece, into memory, or lose the framing of
    a chunked one. A 413 closes the connection instead."""
    if req.method not in ('PUT', 'POST', 'PATCH') or resp.status_int == 413:
        return
    stream = req.environ.get('wsgi.input')
    if stream is None or not (getattr(stream, 'remaining', 0) or
                              req.environ.get('wsgi.input_terminated')):
        return
    try:
        while stream.read(store.CHUNK_SIZE):
            pass
    except (OSError, ValueError):
        pass


class ImageSurface(layer.Layer):
    """/image/ and /image/v2/ -> versions (300); /image/v2/... -> the API."""

    def __init__(self):
        api = wsgi.make_pecan_app(V2Root())
        api = auth.AuthMiddleware(api, is_public=lambda req: False,
                                  style='glance')
        self.v2 = faults.FaultMiddleware(api, style='glance')

    def process(self, req):
        path = req.path_info.rstrip('/')
        if path in ('', '/v2', '/versions'):
            return wsgi.response(versions_doc(wsgi.host_url(req)),
                                 status=200 if path == '/versions' else 300)
        if req.path_info.startswith('/v2/'):
            req.path_info_pop()
            # Lower layers drop the Accept header: decide first.
            fault_format = _fault_format(req)
            resp = layer.forward(req, self.v2)
            length = req.environ.get(image_data.ENV_CONTENT_LENGTH)
            if length is not None and resp.content_length is None:
                resp.content_length = length
            _drain(req, resp)
            return _negotiated(resp, fault_format)
        return faults.fault_response('glance', 404, 'The resource could not '
                                     'be found.')
