"""The WSGI pipeline of stratus-api, outermost first.

1. RequestIdMiddleware  request ids, the request log line, response header
2. RequestGuard         undecodable URLs, the body size limit, unreadable
                        or unusable bodies (api/middleware/request_guard.py)
3. SurfaceRouter        /identity | /compute | /volume | /image by prefix
   then, per surface:
4. FaultMiddleware      exceptions -> the surface's fault dialect
5. AuthMiddleware       X-Auth-Token -> RequestContext, 401 otherwise
6. MicroversionMiddleware (compute, volume) negotiation and echo
7. pecan controllers
"""
import importlib
import threading

from stratus.api.compute import root as compute_root
from stratus.api.identity import root as identity_root
from stratus.api.middleware import faults
from stratus.api.middleware import layer
from stratus.api.middleware import request_guard
from stratus.api.middleware import request_id


class SurfaceRouter(layer.Layer):
    def __init__(self, surfaces):
        self.surfaces = surfaces

    def process(self, req):
        prefix = req.path_info.lstrip('/').split('/', 1)[0]
        surface = self.surfaces.get(prefix)
        if surface is None:
            return faults.fault_response('nova', 404, 'The resource could '
                                         'not be found.')
        req.path_info_pop()
        return layer.forward(req, surface)


class LazySurface:
    """A surface imported and built on its first request. Nothing at start
    (devstack's set-up included) uses /volume or /image, and loading them
    costs an API process 1.5 MiB at rest; their first request pays 5-15 ms
    once instead."""

    def __init__(self, module, name):
        self.module = module
        self.name = name
        self._app = None
        self._lock = threading.Lock()

    def _loaded(self):
        if self._app is None:
            with self._lock:
                if self._app is None:
                    module = importlib.import_module(self.module)
                    self._app = getattr(module, self.name)()
        return self._app

    def __call__(self, environ, start_response):
        return self._loaded()(environ, start_response)

    def process(self, req):
        return layer.forward(req, self._loaded())


def build_app():
    return request_id.RequestIdMiddleware(request_guard.RequestGuard(
        SurfaceRouter({
            'identity': identity_root.IdentitySurface(),
            'compute': compute_root.ComputeSurface(),
            'volume': LazySurface('stratus.api.volume.root',
                                  'VolumeSurface'),
            'image': LazySurface('stratus.api.image.root', 'ImageSurface'),
        })))
