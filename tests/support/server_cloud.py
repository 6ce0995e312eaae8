"""An in-process compute API for the server tests (RPC over the fake
transport: casts go nowhere), an image, flavors 1 (tiny) and 2 (small),
and helpers to create a server and put it in any state.

    from support.server_cloud import cloud  # noqa: F401  (the fixture)
"""
import datetime
import uuid

import pytest

SERVERS = '/compute/v2.1/servers'


@pytest.fixture
def cloud(monkeypatch, admin):
    from stratus.api import app as app_module
    from stratus.api.compute import versions
    from stratus.common import rpc
    from stratus.db.api import images
    monkeypatch.setattr(versions, 'MAX', (2, 100))
    rpc.init(url='fake:/')
    admin.app = app_module.build_app()
    admin.image = images.create({
        'id': str(uuid.uuid4()), 'name': 'img', 'status': 'active',
        'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
        'container_format': 'bare', 'size': 1}, {'kernel_id': 'k1'})
    for flavor_id, name, ram, vcpus in (('1', 'tiny', 64, 1),
                                        ('2', 'small', 128, 2)):
        admin.post('/compute/v2.1/flavors', {'flavor': {
            'name': name, 'ram': ram, 'vcpus': vcpus, 'disk': 1,
            'id': flavor_id}})
    yield admin
    rpc.init()


def mv(version):
    return {'OpenStack-API-Version': 'compute %s' % version}


def create(client, version='2.1', headers=None, **server):
    body = {'name': 'vm', 'imageRef': client.image['id'], 'flavorRef': '1'}
    if tuple(int(p) for p in version.split('.')) >= (2, 37):
        body.setdefault('networks', 'none')
    body.update(server)
    return client.post(SERVERS, {'server': body},
                       headers=dict(mv(version), **(headers or {})))


def set_state(server_id, vm_state, task_state=None, launched=True, **more):
    from stratus.db.api import instances
    values = dict(vm_state=vm_state, task_state=task_state,
                  launched_at=datetime.datetime.utcnow() if launched
                  else None, **more)
    instances.update(server_id, values)


def action(client, server_id, body, version='2.1', headers=None):
    return client.post(SERVERS + '/%s/action' % server_id, body,
                       headers=dict(mv(version), **(headers or {})))
