"""A block-storage cloud in one process: the real API, scheduler manager
and volume managers (fake driver) wired by loopback RPC clients, so a
volume create runs volume_create_api -> volume_create_scheduler ->
volume_create_manager synchronously inside the POST."""
import oslo_messaging as messaging
import pytest

from stratus.common import context
from stratus.common import primitives
from stratus.common import rpc
from stratus.common.conf import CONF
from stratus.db.api import services as db_services
from stratus.scheduler import manager as scheduler_manager
from stratus.scheduler import rpcapi as scheduler_rpcapi
from stratus.volume import daemon
from stratus.volume import host_names
from stratus.volume import manager as volume_manager
from stratus.volume import rpcapi as volume_rpcapi
from stratus.volume.drivers import loader

V3 = '/volume/v3'
HOST = 'host1'


def _copy(ctxt):
    """What crossing RPC does to a context."""
    return context.RequestContext.from_dict(ctxt.to_dict())


class _Prepared:
    def __init__(self, target):
        self.target = target

    def cast(self, ctxt, method, **kwargs):
        getattr(self.target(), method)(_copy(ctxt), **kwargs)

    def call(self, ctxt, method, **kwargs):
        try:
            result = getattr(self.target(), method)(_copy(ctxt), **kwargs)
        except messaging.ExpectedException as exc:
            # What the caller of a real call sees: the endpoint's error.
            raise exc.exc_info[1]
        return primitives.to_primitive(result)


class LoopbackVolumeRPC(volume_rpcapi.VolumeRPCClient):
    def __init__(self, cloud):
        super().__init__()
        self.cloud = cloud
        self.sent = []

    def _prepare(self, since, server=None, **kwargs):
        self.sent.append(server)
        return _Prepared(lambda: self.cloud.managers[server])


class LoopbackSchedulerRPC(scheduler_rpcapi.SchedulerRPCClient):
    def __init__(self, cloud):
        super().__init__()
        self.cloud = cloud
        self.paused = []      # casts held back while hold is set
        self.hold = False

    def _prepare(self, since, server=None, **kwargs):
        cloud = self

        class Held(_Prepared):
            def cast(self, ctxt, method, **kw):
                if cloud.hold:
                    cloud.paused.append((ctxt, method, kw))
                    return
                super().cast(ctxt, method, **kw)
        return Held(lambda: self.cloud.scheduler)


class VolumeCloud:
    def __init__(self, client, monkeypatch, backends):
        self.client = client
        self.monkeypatch = monkeypatch
        self.overrides = []
        self.volume_rpc = LoopbackVolumeRPC(self)
        self.scheduler_rpc = LoopbackSchedulerRPC(self)
        self.scheduler = scheduler_manager.SchedulerManager()
        self.scheduler._volume_rpc = self.volume_rpc
        self.managers = {}
        from stratus.api.volume import snapshots
        from stratus.api.volume import volumes
        monkeypatch.setattr(volumes.VOLUMES, 'scheduler_rpc',
                            self.scheduler_rpc)
        monkeypatch.setattr(volumes.VOLUMES, 'volume_rpc', self.volume_rpc)
        monkeypatch.setattr(snapshots.SNAPSHOTS, 'volume_rpc',
                            self.volume_rpc)
        monkeypatch.setattr(snapshots.SNAPSHOTS, 'scheduler_rpc',
                            self.scheduler_rpc)
        from stratus.api.volume import manageable
        from stratus.api.volume import pools
        from stratus.api.volume import unmanage
        for manage in (manageable.MANAGE, unmanage.MANAGE):
            monkeypatch.setattr(manage, 'scheduler_rpc', self.scheduler_rpc)
        monkeypatch.setattr(pools.GetPoolsController, 'scheduler_rpc',
                            self.scheduler_rpc)
        for backend in backends:
            self.add_backend(backend)

    def configure(self, group=None, **options):
        for key, value in options.items():
            CONF.set_override(key, value, group=group)
            self.overrides.append((key, group))

    def add_backend(self, backend, zone='nova', **options):
        conf = daemon.backend_configuration(backend)
        self.configure(backend, **options)
        host = '%s@%s' % (HOST, backend)
        driver = loader.load_driver(backend, conf)
        manager = volume_manager.VolumeManager(host, driver,
                                               self.scheduler_rpc)
        db_services.report(None, {'binary': 'stratus-volume', 'host': host,
                                  'topic': 'volume',
                                  'availability_zone': zone})
        manager.init_host(context.get_admin_context())
        self.managers[host] = manager
        return manager

    def driver(self, backend):
        return self.managers['%s@%s' % (HOST, backend)].driver

    def driver_of(self, volume):
        return self.managers[host_names.extract(
            volume['os-vol-host-attr:host'], 'backend')].driver

    def cleanup(self):
        for key, group in self.overrides:
            CONF.clear_override(key, group=group)

    # --- REST shortcuts -------------------------------------------------
    def request(self, method, path, body=None, version='3.71', user=None):
        headers = {'OpenStack-API-Version': 'volume %s' % version}
        if user is not None:
            headers['X-Auth-Token'] = user['token']
        return self.client.request(method, V3 + path, body, headers)

    def get(self, path, **kw):
        return self.request('GET', path, **kw)

    def post(self, path, body=None, **kw):
        return self.request('POST', path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request('PUT', path, body, **kw)

    def delete(self, path, **kw):
        return self.request('DELETE', path, **kw)

    def create_volume(self, user=None, version='3.71', **volume):
        volume.setdefault('size', 1)
        resp = self.post('/volumes', {'volume': volume}, version=version,
                         user=user)
        assert resp.status_int == 202, resp.text
        return self.show(resp.json['volume']['id'], user=user)

    def show(self, volume_id, user=None, version='3.71'):
        resp = self.get('/volumes/%s' % volume_id, user=user, version=version)
        assert resp.status_int == 200, resp.text
        return resp.json['volume']

    def action(self, volume_id, body, user=None, version='3.71'):
        return self.post('/volumes/%s/action' % volume_id, body,
                         user=user, version=version)

    def create_type(self, name, **specs):
        resp = self.post('/types', {'volume_type': {'name': name}})
        assert resp.status_int == 200, resp.text
        type_id = resp.json['volume_type']['id']
        if specs:
            self.post('/types/%s/extra_specs' % type_id,
                      {'extra_specs': specs})
        return type_id


@pytest.fixture
def vcloud(admin, monkeypatch):
    """Two fake backends, lvmdriver-1 and lvmdriver-2 (1000 GiB each)."""
    rpc.init(url='fake:/')
    cloud = VolumeCloud(admin, monkeypatch, ('lvmdriver-1', 'lvmdriver-2'))
    yield cloud
    cloud.cleanup()
    rpc.init()


@pytest.fixture
def fake_image_downloads(monkeypatch):
    """The volume service's image downloads write b'data' and report a
    qcow2 image: no image service answers in-process."""
    from stratus.volume.tasks import create as create_tasks

    class Client:
        def download(self, image_id, path):
            with open(path, 'wb') as f:
                f.write(b'data')
            return {'id': image_id, 'disk_format': 'qcow2'}
    monkeypatch.setattr(create_tasks, 'image_client', lambda ctxt: Client())
