"""A surface built while another thread is inside a request (the first
request to a lazily loaded /image or /volume after an API restart) leaves
that request's pecan.request and pecan.response in place."""
import threading

import pecan
import webob

from stratus.api import app as app_module
from stratus.api import wsgi


class _Root:
    def __init__(self):
        self.entered = threading.Event()
        self.release = threading.Event()

    @pecan.expose()
    def slow(self):
        self.entered.set()
        assert self.release.wait(10)
        # What a handler does after its work: read its request, answer.
        return wsgi.response({'path': pecan.request.path_info}, status=202)


def _in_flight(app):
    result = {}

    def run():
        resp = webob.Request.blank('/slow').get_response(app)
        result['status'] = resp.status_int
        result['body'] = resp.body
    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def _finish(root, thread, result):
    root.release.set()
    thread.join(10)
    assert result['status'] == 202, result
    assert result['body'] == b'{"path": "/slow"}'


def test_building_a_pecan_app_keeps_a_request_in_flight():
    root = _Root()
    thread, result = _in_flight(wsgi.make_pecan_app(root))
    assert root.entered.wait(10)
    wsgi.make_pecan_app(_Root())
    _finish(root, thread, result)


def test_lazy_surfaces_first_load_keeps_a_request_in_flight():
    root = _Root()
    thread, result = _in_flight(wsgi.make_pecan_app(root))
    assert root.entered.wait(10)
    for module, name in (('stratus.api.image.root', 'ImageSurface'),
                         ('stratus.api.volume.root', 'VolumeSurface')):
        app_module.LazySurface(module, name)._loaded()
    _finish(root, thread, result)


def test_concurrent_requests_each_see_their_own_request():
    roots = [_Root(), _Root()]
    runs = [_in_flight(wsgi.make_pecan_app(r)) for r in roots]
    for r in roots:
        assert r.entered.wait(10)
    for r, (thread, result) in zip(roots, runs):
        _finish(r, thread, result)
