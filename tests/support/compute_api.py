"""An in-process compute API whose casts to computes are recorded, and
servers made straight into a given state: what the API unit tests of
server sub-resources and actions share."""
import datetime
import uuid

from stratus.api.compute import servers as servers_api
from stratus.api.compute import versions
from stratus.common import rpc
from stratus.db.api import images
from stratus.db.api import instances

SERVERS = '/compute/v2.1/servers'


class RecordingComputeRPC:
    """Stands for an RPC client (the fake transport drops casts): records
    each call or cast; `raises` makes the named method raise."""

    def __init__(self):
        self.sent = []
        self.raises = {}

    def __getattr__(self, method):
        def record(ctxt, *args, **kwargs):
            self.sent.append((method, args, kwargs))
            if method in self.raises:
                raise self.raises[method]
        return record


def image_values(**values):
    return dict({'id': str(uuid.uuid4()), 'name': 'img', 'status': 'active',
                 'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
                 'container_format': 'bare', 'size': 1}, **values)


def build(monkeypatch, admin, max_version=(2, 104), casts=None,
          conductor=None, image_properties=None, vcpus=1):
    """`admin` turned into a client of a fresh app serving up to
    `max_version`, with `casts` (the compute RPC: recorded unless given),
    `conductor` when given, `image` (a public image) and flavor '1'.
    Call `rpc.init()` when done."""
    monkeypatch.setattr(versions, 'MAX', max_version)
    rpc.init(url='fake:/')
    from stratus.api import app as app_module
    admin.app = app_module.build_app()
    admin.casts = casts or RecordingComputeRPC()
    monkeypatch.setattr(servers_api.COMPUTE, 'compute_rpc', admin.casts)
    if conductor is not None:
        admin.conductor = conductor
        monkeypatch.setattr(servers_api.COMPUTE, 'conductor', conductor)
    admin.image = images.create(image_values(), image_properties or {})
    admin.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'tiny', 'ram': 64, 'vcpus': vcpus, 'disk': 1, 'id': '1'}})
    return admin


def mv(version, token=None):
    headers = {'OpenStack-API-Version': 'compute %s' % version}
    if token:
        headers['X-Auth-Token'] = token
    return headers


def boot(cloud, token=None, image=None, host='compute1', **values):
    """A server created through the API, then set as its compute would
    leave it: active on `host`, launched (nova refuses most actions on a
    server never launched), with any other `values`."""
    body = {'name': 'vm', 'imageRef': (image or cloud.image)['id'],
            'flavorRef': '1'}
    resp = cloud.post(SERVERS, {'server': body}, headers=mv('2.1', token))
    assert resp.status_int == 202, resp.text
    sid = resp.json['server']['id']
    instances.update(sid, dict({
        'vm_state': 'active', 'task_state': None, 'host': host,
        'node': host, 'launched_at': datetime.datetime.utcnow()}, **values))
    return sid
