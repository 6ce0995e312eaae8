"""A 2.93 rebuild of a volume-backed server on real daemons with the real
openstack CLI, as nova: the compute waits for the block storage's
volume-reimaged event, which the volume service sends (through the
compute API's external events, to the server's compute) once the image
is in the volume: the server is ACTIVE again without a fault, its root
volume holds the new image. Views checked with tempest's schemas. (The
failure paths, a failed event or none in time, are unit-tested in
tests/unit/compute/test_volume_rebuild_flow.py: the shared functional
cloud's fake volume backend writes any image.)"""
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas

VERSION = '2.93'
VOLUME_V = {'OpenStack-API-Version': 'volume 3.71'}


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


def _image(cloud, tmp_path_factory, name, data):
    path = tmp_path_factory.mktemp(name) / 'disk'
    path.write_bytes(data)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', name)


@pytest.fixture(scope='module')
def images(cloud, tmp_path_factory):
    tag = uuid.uuid4().hex[:6]
    return {'first': _image(cloud, tmp_path_factory, 'rv-a-' + tag,
                            b'\5' * 4096),
            'second': _image(cloud, tmp_path_factory, 'rv-b-' + tag,
                             b'\6' * 4096)}


def _show(rest, sid):
    resp = rest.get('/compute/v2.1/servers/%s' % sid, headers={
        'OpenStack-API-Version': 'compute %s' % VERSION})
    return schemas.check(schemas.compute('servers', VERSION).get_server,
                         resp)['server']


def _volume(rest, vid):
    resp = rest.get('/volume/v3/volumes/%s' % vid, headers=VOLUME_V)
    return schemas.check(schemas.volume('volumes', '3.71').show_volume,
                         resp)['volume']


@pytest.fixture
def volume_backed(cloud, rest, images):
    server = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                            '--image', images['first']['id'],
                            '--boot-from-volume', '1',
                            'rv-%s' % uuid.uuid4().hex[:6])
    shown = rest.wait_server(server['id'], 'ACTIVE')
    [vid] = [v['id'] for v in shown['os-extended-volumes:volumes_attached']]
    yield server['id'], vid
    cloud.cli('server', 'delete', '--wait', server['id'], check=False)
    cloud.cli('volume', 'delete', '--force', vid, check=False)


def _rebuild(cloud, sid, image):
    cloud.cli('--os-compute-api-version', VERSION, 'server', 'rebuild',
              '--reimage-boot-volume', '--image', image['id'], sid)


def test_the_event_lets_the_rebuild_finish(cloud, rest, images,
                                           volume_backed):
    sid, vid = volume_backed
    _rebuild(cloud, sid, images['second'])
    rest.wait_server(sid, 'ACTIVE', timeout=60)
    server = _show(rest, sid)
    assert server['image'] == '' and 'fault' not in server
    volume = _volume(rest, vid)
    assert volume['status'] == 'in-use'
    assert volume['volume_image_metadata']['image_id'] == \
        images['second']['id']
    [attachment] = volume['attachments']
    assert (attachment['server_id'], attachment['device']) == (sid,
                                                              '/dev/vda')
    events = cloud.cli_json('server', 'event', 'list', sid)
    assert events[0]['Action'] == 'rebuild'

