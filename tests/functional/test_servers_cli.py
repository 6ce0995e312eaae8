"""Servers through the unchanged CLI on real daemons: create, list, show,
power actions, events, console, 409 on an invalid state, delete, and the
request id of a create found in every daemon it crossed."""
import re

import pytest

from support import cloud as cloud_support


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img') / 'disk.raw'
    path.write_bytes(b'\0' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'func-image')


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture
def server(cloud, image, rest):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', 'func-image', '--wait',
                             'func-server')
    yield created
    cloud.cli('server', 'delete', '--wait', created['id'], check=False)


def test_create_is_active_with_nova_attributes(cloud, server):
    assert server['status'] == 'ACTIVE'
    assert server['OS-EXT-STS:vm_state'] == 'active'
    assert server['OS-EXT-STS:task_state'] is None
    assert server['OS-EXT-STS:power_state'] in (1, 'Running')
    assert server['OS-EXT-SRV-ATTR:host'] in ('compute1', 'compute2')
    assert server['OS-EXT-AZ:availability_zone'] == 'nova'
    listed = cloud.cli_json('server', 'list')
    assert server['id'] in {s['ID'] for s in listed}


def test_power_actions_walk_the_states(cloud, server, rest):
    sid = server['id']
    for command, status in (('stop', 'SHUTOFF'), ('start', 'ACTIVE'),
                            ('pause', 'PAUSED'), ('unpause', 'ACTIVE'),
                            ('suspend', 'SUSPENDED'), ('resume', 'ACTIVE'),
                            ('reboot', 'ACTIVE')):
        cloud.cli('server', command, sid)
        rest.wait_server(sid, status)
    cloud.cli('server', 'reboot', '--hard', sid)
    rest.wait_server(sid, 'ACTIVE')


def test_invalid_state_is_409(cloud, server, rest):
    result = cloud.cli('server', 'unpause', server['id'], check=False)
    assert result.returncode != 0
    assert '409' in result.stderr and 'vm_state active' in result.stderr


def test_events_show_the_flow_timeline(cloud, server, rest):
    cloud.cli('server', 'pause', server['id'])
    rest.wait_server(server['id'], 'PAUSED')
    actions = cloud.cli_json('server', 'event', 'list', server['id'])
    names = [a['Action'] for a in actions]
    assert names[0] == 'pause' and 'create' in names
    create = [a for a in actions if a['Action'] == 'create'][0]
    shown = cloud.cli_json('server', 'event', 'show', server['id'],
                           create['Request ID'])
    events = [e['event'] for e in shown['events']]
    assert 'conductor_instance_build:SelectDestinationsTask' in events
    assert 'compute_instance_spawn:SpawnGuestTask' in events
    assert {e['result'] for e in shown['events']} == {'Success'}


def test_console_log(cloud, server):
    output = cloud.cli('console', 'log', 'show', server['id']).stdout
    assert 'booted' in output


def test_create_request_id_crosses_every_daemon(cloud, image, rest):
    resp = rest.request('POST', '/compute/v2.1/servers', json={'server': {
        'name': 'traced', 'imageRef': image['id'], 'flavorRef': '42'}})
    assert resp.status_code == 202
    request_id = resp.headers['x-openstack-request-id']
    sid = resp.json()['server']['id']
    server = rest.wait_server(sid, 'ACTIVE')
    host = server['OS-EXT-SRV-ATTR:host']
    for log in ('stratus-api.log', 'stratus-conductor.log',
                'stratus-scheduler.log',
                'stratus-compute-%s.log' % host):
        assert request_id in cloud.log(log), log
    assert re.search(request_id + r'.*Filter', cloud.log(
        'stratus-scheduler.log'))
    rest.request('DELETE', '/compute/v2.1/servers/' + sid)
    rest.wait_server(sid, 'DELETED')


def test_no_valid_host_is_error_with_the_reason(cloud, image, rest):
    # Within every quota (disk has none), larger than any node's disk.
    cloud.cli('flavor', 'create', '--ram', '64', '--disk', '99999',
              '--vcpus', '1', 'func.huge')
    try:
        resp = rest.request('POST', '/compute/v2.1/servers', json={
            'server': {'name': 'huge', 'imageRef': image['id'],
                       'flavorRef': cloud.cli_json(
                           'flavor', 'show', 'func.huge')['id']}})
        sid = resp.json()['server']['id']
        server = rest.wait_server(sid, 'ERROR')
        assert server['fault']['message'].startswith(
            'No valid host was found.')
        assert 'DiskFilter' in server['fault']['details']
        rest.request('DELETE', '/compute/v2.1/servers/' + sid)
        rest.wait_server(sid, 'DELETED')
    finally:
        cloud.cli('flavor', 'delete', 'func.huge')


def test_other_projects_servers_are_404(cloud, server):
    result = cloud.cli('server', 'show', server['id'], user='demo',
                       check=False)
    assert result.returncode != 0
    assert 'No Server found' in result.stderr or \
        '404' in result.stderr


def test_quota_exceeded_is_403(cloud, image):
    cloud.cli('quota', 'set', '--instances', '0', 'demo')
    try:
        result = cloud.cli('server', 'create', '--flavor', 'm1.nano',
                           '--image', 'func-image', 'over', user='demo',
                           check=False)
        assert result.returncode != 0
        assert '403' in result.stderr and 'Quota exceeded' in result.stderr
    finally:
        cloud.cli('quota', 'set', '--instances', '10', 'demo')


def test_delete_removes_the_server(cloud, image, rest):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', 'func-image', '--wait', 'doomed')
    cloud.cli('server', 'delete', '--wait', created['id'])
    assert rest.server(created['id']) is None
