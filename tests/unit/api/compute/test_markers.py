"""An unknown marker is a 400 with nova's message for each list: 'marker
[x] not found' for servers, flavors and hypervisors; 'Marker x could not
be found.' for keypairs, migrations and instance actions (nova passes
MarkerNotFound's own text there); server groups page by offset and refuse
a marker from 2.75."""
import uuid

import pytest

from support import schemas

from stratus.api.compute import servers as servers_api
from stratus.common import rpc
from stratus.db.api import images

V = '/compute/v2.1'


class _Casts:
    def __getattr__(self, method):
        return lambda *args, **kwargs: None


@pytest.fixture
def api(compute_v, monkeypatch):
    rpc.init(url='fake:/')
    monkeypatch.setattr(servers_api.COMPUTE, 'conductor', _Casts())
    yield compute_v
    rpc.init()


@pytest.mark.parametrize('path,version,message', [
    ('/servers', '2.1', 'marker [nope] not found'),
    ('/servers/detail', '2.1', 'marker [nope] not found'),
    ('/flavors', '2.1', 'marker [nope] not found'),
    ('/flavors/detail', '2.75', 'marker [nope] not found'),
    ('/os-hypervisors', '2.33', 'marker [nope] not found'),
    ('/os-keypairs', '2.35', 'Marker nope could not be found.'),
    ('/os-migrations', '2.59', 'Marker nope could not be found.'),
])
def test_unknown_marker(api, path, version, message):
    resp = api.get(V + path + '?marker=nope', version=version)
    assert schemas.check_fault(resp, 400, 'badRequest') == message


def test_unknown_marker_of_instance_actions(api):
    image = images.create({
        'id': str(uuid.uuid4()), 'name': 'img', 'status': 'active',
        'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
        'container_format': 'bare', 'size': 1}, {})
    api.post(V + '/flavors', {'flavor': {
        'name': 'tiny', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': '1'}})
    sid = api.post(V + '/servers', {'server': {
        'name': 'vm', 'imageRef': image['id'], 'flavorRef': '1'}},
        version='2.1').json['server']['id']
    resp = api.get(V + '/servers/%s/os-instance-actions?marker=nope' % sid,
                   version='2.58')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Marker nope could not be found.'


def test_server_groups_have_no_marker(api):
    assert api.get(V + '/os-server-groups?marker=nope',
                   version='2.74').status_int == 200
    msg = schemas.check_fault(api.get(V + '/os-server-groups?marker=nope',
                                      version='2.75'), 400, 'badRequest')
    assert msg == "Additional properties are not allowed ('marker' was " \
        "unexpected)"
