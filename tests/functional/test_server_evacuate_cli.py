"""evacuate, changePassword and trigger_crash_dump with the real CLI (and
tempest's strict servers client) against real daemons: a server on a
compute whose service is down (stopped, then `compute service set
--down`) is re-created on the other compute, image-backed and
volume-backed, with an 'evacuation' migration that completes when the
source compute comes back."""
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas
from support import strict_clients


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('evac') / 'disk.raw'
    path.write_bytes(b'\3' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'evac-image')


def _server(cloud, rest, image, host='compute1', *extra):
    created = cloud.cli_json(
        '--os-compute-api-version', '2.74', 'server', 'create', '--flavor',
        'm1.nano', '--image', image['id'], '--host', host, *extra,
        'evac-%s' % uuid.uuid4().hex[:6])
    server = rest.wait_server(created['id'], 'ACTIVE')
    assert server['OS-EXT-SRV-ATTR:host'] == host
    return server


def _actions(cloud, sid):
    return [a['Action'] for a in cloud.cli_json(
        'server', 'event', 'list', sid)]


def _migrations(rest, sid):
    resp = rest.get('/compute/v2.1/os-migrations?instance_uuid=%s' % sid,
                    headers={'OpenStack-API-Version': 'compute 2.59'})
    return schemas.check(schemas.compute('migrations', '2.59')
                         .list_migrations, resp)['migrations']


def _service_state(cloud, host):
    return cloud.cli_json('compute', 'service', 'list', '--service',
                          'nova-compute', '--host', host)[0]['State']


@pytest.fixture
def source_down(cloud):
    """compute1 stopped and forced down; up again afterwards."""
    def take_down():
        cloud.stop_daemon('compute1')
        cloud.cli('--os-compute-api-version', '2.11', 'compute', 'service',
                  'set', '--down', 'compute1', 'nova-compute')
        assert _service_state(cloud, 'compute1') == 'down'
    yield take_down
    bring_up(cloud)


def bring_up(cloud):
    if 'compute1' not in cloud.procs:
        cloud._start_compute('compute1')
    cloud.cli('--os-compute-api-version', '2.11', 'compute', 'service',
              'set', '--up', 'compute1', 'nova-compute')
    cloud.wait_for(lambda: _service_state(cloud, 'compute1') == 'up',
                   'compute1 back up', timeout=30, interval=1)


def test_evacuate_while_the_source_is_up_is_400(cloud, rest, image):
    server = _server(cloud, rest, image)
    result = cloud.cli('--os-compute-api-version', '2.29', 'server',
                       'evacuate', '--host', 'compute2', server['id'],
                       check=False)
    assert result.returncode != 0
    assert 'Compute service of compute1 is still in use.' in result.stderr
    assert '400' in result.stderr
    cloud.cli('server', 'delete', '--wait', server['id'])


def test_evacuate_from_a_down_compute(cloud, rest, image, source_down):
    plain = _server(cloud, rest, image)
    on_volume = _server(cloud, rest, image, 'compute1',
                        '--boot-from-volume', '1')
    stopped = _server(cloud, rest, image)
    source_down()

    # The CLI, with a preferred host (2.29: the scheduler checks it). Not
    # --wait: OSC compares the lowered status with 'ACTIVE' and would
    # wait forever, against nova as well.
    cloud.cli('--os-compute-api-version', '2.29', 'server', 'evacuate',
              '--host', 'compute2', plain['id'])
    # tempest's strict client at 2.14: no host, no body in the answer.
    servers = strict_clients.Compute(cloud).servers
    with strict_clients.compute_microversion('2.14'):
        body = servers.evacuate_server(on_volume['id'])
    assert not body
    # From 2.95 the server lands stopped.
    resp = rest.request(
        'POST', '/compute/v2.1/servers/%s/action' % stopped['id'],
        json={'evacuate': {}},
        headers={'OpenStack-API-Version': 'compute 2.95'})
    schemas.check(schemas.compute('servers', '2.1').evacuate_server, resp)

    for server, status in ((plain, 'ACTIVE'), (on_volume, 'ACTIVE'),
                           (stopped, 'SHUTOFF')):
        moved = rest.wait_server(server['id'], status)
        assert moved['OS-EXT-SRV-ATTR:host'] == 'compute2'
        migration, = _migrations(rest, server['id'])
        assert (migration['migration_type'], migration['status'],
                migration['source_compute'], migration['dest_compute']) == (
            'evacuation', 'done', 'compute1', 'compute2')
        assert 'evacuate' in _actions(cloud, server['id'])

    # The boot volume is attached through a new attachment on compute2.
    vid = on_volume['os-extended-volumes:volumes_attached'][0]['id']
    volume = rest.get('/volume/v3/volumes/%s' % vid, headers={
        'OpenStack-API-Version': 'volume 3.71'}).json()['volume']
    assert volume['status'] == 'in-use'
    attachment, = volume['attachments']
    assert (attachment['server_id'], attachment['host_name']) == (
        on_volume['id'], 'compute2')

    # The source comes back: its leftovers go, the migrations complete.
    bring_up(cloud)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and {
            m['status'] for m in _migrations(rest, plain['id'])} != {
            'completed'}:
        time.sleep(0.5)
    for server in (plain, on_volume, stopped):
        assert _migrations(rest, server['id'])[0]['status'] == 'completed'
        cloud.cli('server', 'delete', '--wait', server['id'])
    # --boot-from-volume keeps the volume (delete_on_termination false):
    # it goes too, or the session's later tests meet the volume quota.
    cloud.cli('volume', 'delete', vid)
    deadline = time.monotonic() + 30
    while rest.get('/volume/v3/volumes/%s' % vid).status_code != 404:
        assert time.monotonic() < deadline, 'volume %s stays' % vid
        time.sleep(0.2)


def test_evacuate_is_for_admins(cloud, rest, image):
    server = _server(cloud, rest, image)
    demo = cloud_support.Rest(cloud, 'demo')
    resp = demo.request(
        'POST', '/compute/v2.1/servers/%s/action' % server['id'],
        json={'evacuate': {}},
        headers={'OpenStack-API-Version': 'compute 2.14'})
    # Another project's server: not found for the member.
    schemas.check_fault(resp, 404, 'itemNotFound')
    cloud.cli('server', 'delete', '--wait', server['id'])


def test_change_password_and_crash_dump(cloud, rest, image):
    server = _server(cloud, rest, image, 'compute2')
    cloud.cli('server', 'set', '--password', 'N3w-secret', server['id'])
    assert rest.wait_server(server['id'], 'ACTIVE')
    assert 'changePassword' in _actions(cloud, server['id'])

    cloud.cli('--os-compute-api-version', '2.17', 'server', 'dump',
              'create', server['id'])
    assert 'trigger_crash_dump' in _actions(cloud, server['id'])
    resp = rest.request(
        'POST', '/compute/v2.1/servers/%s/action' % server['id'],
        json={'trigger_crash_dump': None},
        headers={'OpenStack-API-Version': 'compute 2.16'})
    schemas.check_fault(resp, 404, 'itemNotFound')

    cloud.cli('server', 'stop', server['id'])
    rest.wait_server(server['id'], 'SHUTOFF')
    result = cloud.cli('server', 'set', '--password', 'x', server['id'],
                       check=False)
    assert result.returncode != 0 and '409' in result.stderr
    result = cloud.cli('--os-compute-api-version', '2.17', 'server', 'dump',
                       'create', server['id'], check=False)
    assert result.returncode != 0 and '409' in result.stderr
    cloud.cli('server', 'delete', '--wait', server['id'])
