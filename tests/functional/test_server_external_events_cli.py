"""os-server-external-events through real daemons: an in-use extend
(cinder 3.42) reaches the server's compute as nova's volume-extended
event: `server event list` shows the extend_volume action, its
compute_extend_volume event succeeded on the fake driver and the compute
logged the new size. The route itself refuses admin without the service
role, as nova's default policy does."""
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas



def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def wait_volume(rest, volume_id, status, timeout=30):
    deadline = time.monotonic() + timeout
    volume = None
    while time.monotonic() < deadline:
        volume = rest.get('/volume/v3/volumes/%s' % volume_id).json()[
            'volume']
        if volume['status'] == status:
            return volume
        time.sleep(0.05)
    raise AssertionError('volume %s not %s: %s' % (volume_id, status, volume))


def new_volume(cloud, rest):
    volume = cloud.cli_json('volume', 'create', '--size', '1', _name('v'))
    return wait_volume(rest, volume['id'], 'available')['id']


def new_server(cloud, rest, *args):
    server = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                            *args, _name('s'))
    return rest.wait_server(server['id'], 'ACTIVE')


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img') / 'disk.raw'
    path.write_bytes(b'\0' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'events-func-image')


def _wait_event(cloud, sid, action, event, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = cloud.cli_json('server', 'event', 'list', sid)
        found = [r for r in rows if r['Action'] == action]
        if found:
            shown = cloud.cli_json('server', 'event', 'show', sid,
                                   found[0]['Request ID'])
            events = [e for e in shown['events'] if e['event'] == event]
            if events and events[0]['finish_time']:
                return events[0]
        time.sleep(0.2)
    raise AssertionError('no %s/%s on %s' % (action, event, sid))


def test_in_use_extend_reaches_the_compute(cloud, rest, image):
    server = new_server(cloud, rest, '--image', image['id'])
    sid, vid = server['id'], new_volume(cloud, rest)
    cloud.cli('server', 'add', 'volume', sid, vid)
    wait_volume(rest, vid, 'in-use')
    resp = rest.request('POST', '/volume/v3/volumes/%s/action' % vid,
                        json={'os-extend': {'new_size': 2}},
                        headers={'OpenStack-API-Version': 'volume 3.42'})
    assert resp.status_code == 202, resp.text
    assert wait_volume(rest, vid, 'in-use')['size'] in (1, 2)
    event = _wait_event(cloud, sid, 'extend_volume',
                        'compute_extend_volume')
    assert event['result'] == 'Success'
    assert _volume_size(rest, vid) == 2
    log = cloud.log('stratus-compute-compute1.log')
    assert 'Volume %s extended to 2 GiB' % vid in log


def _volume_size(rest, vid):
    return rest.get('/volume/v3/volumes/%s' % vid).json()['volume']['size']


def test_admin_without_service_role_is_forbidden(cloud, rest):
    resp = rest.request(
        'POST', '/compute/v2.1/os-server-external-events',
        json={'events': [{'name': 'network-changed',
                          'server_uuid': str(uuid.uuid4())}]})
    schemas.check_fault(resp, 403, 'forbidden')
