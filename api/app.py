"""The WSGI pipeline of stratus-api, outermost first.

1. RequestIdMiddleware  request ids, the request log line, response header
2. SurfaceRouter        /identity | /compute | /volume | /image by prefix
   then, per surface:
3. FaultMiddleware      exceptions -> the surface's fault dialect
4. AuthMiddleware       X-Auth-Token -> RequestContext, 401 otherwise
5. MicroversionMiddleware (compute, volume) negotiation and echo
6. pecan controllers
"""
import webob.dec

from stratus.api.compute import root as compute_root
from stratus.api.identity import root as identity_root
from stratus.api.image import root as image_root
from stratus.api.middleware import faults
from stratus.api.middleware import request_id
from stratus.api.volume import root as volume_root


class SurfaceRouter:
    def __init__(self, surfaces):
        self.surfaces = surfaces

    @webob.dec.wsgify
    def __call__(self, req):
        prefix = req.path_info.lstrip('/').split('/', 1)[0]
        surface = self.surfaces.get(prefix)
        if surface is None:
            return faults.fault_response('nova', 404, 'The resource could '
                                         'not be found.')
        req.path_info_pop()
        return req.get_response(surface)


def build_app():
    return request_id.RequestIdMiddleware(SurfaceRouter({
        'identity': identity_root.IdentitySurface(),
        'compute': compute_root.ComputeSurface(),
        'volume': volume_root.VolumeSurface(),
        'image': image_root.ImageSurface(),
    }))
