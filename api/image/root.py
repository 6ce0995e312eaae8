"""The /image surface (Glance v2 subset): version documents for now."""
import webob.dec

from stratus.api import wsgi
from stratus.api.middleware import faults

# Newest first, as glance lists them.
VERSIONS = ['2.%d' % minor for minor in range(17, -1, -1)]


def versions_doc(base):
    return {'versions': [
        {'id': 'v%s' % v, 'status': 'CURRENT' if i == 0 else 'SUPPORTED',
         'links': [{'rel': 'self', 'href': '%s/image/v2/' % base}]}
        for i, v in enumerate(VERSIONS)]}


class ImageSurface:
    @webob.dec.wsgify
    def __call__(self, req):
        path = req.path_info.rstrip('/')
        if path in ('', '/v2'):
            return wsgi.response(versions_doc(wsgi.host_url(req)),
                                 status=300)
        return faults.fault_response('glance', 404, 'The resource could not '
                                     'be found.')
