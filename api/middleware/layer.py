"""Pipeline layers that share one webob Request and Response per request.

With webob's wsgify each layer is a WSGI application of its own: it builds
a Request from the environ, calls the next layer through WSGI and rebuilds
that answer as a Response - at each of the seven layers a request passes.
A Layer is still a WSGI application for whoever calls it that way, but it
hands the next Layer its Request and gets back its Response directly; only
pecan, at the bottom, is called through WSGI.
"""
import webob
import webob.exc


class Layer:
    def process(self, req):
        """The webob Response to `req`."""
        raise NotImplementedError

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            resp = self.process(req)
        except webob.exc.HTTPException as exc:
            resp = exc
        return resp(environ, start_response)


def forward(req, app):
    """`app`'s Response to `req`: directly when it is a Layer."""
    process = getattr(app, 'process', None)
    if process is not None:
        return process(req)
    return req.get_response(app)
