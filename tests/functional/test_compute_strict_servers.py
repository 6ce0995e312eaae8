"""Servers as a strict client sees them: tempest's own ServersClient
(which sends `{}` as every bodiless action's value) drives real daemons,
and each answer is validated against upstream's schema for its
microversion: create, show, update, rebuild, actions, access IPs and
reservation_id."""
import base64

import pytest
from tempest.lib import exceptions as lib_exc

from support import cloud as cloud_support
from support import strict_clients
from support.strict_clients import compute_microversion as microversion


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img') / 'disk.raw'
    path.write_bytes(b'\0' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'strict-servers-image')


@pytest.fixture(scope='module')
def clients(cloud):
    return strict_clients.Compute(cloud, 'admin')


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def flavor_id(cloud):
    return cloud.cli_json('flavor', 'show', 'm1.nano')['id']


@pytest.fixture
def server(clients, image, flavor_id, rest):
    data = base64.b64encode(b'echo strict').decode()
    created = clients.servers.create_server(
        name='strict', imageRef=image['id'], flavorRef=flavor_id,
        accessIPv4='192.0.2.7', accessIPv6='2001:db8::7',
        user_data=data)['server']
    rest.wait_server(created['id'], 'ACTIVE')
    yield created
    try:
        clients.servers.delete_server(created['id'])
    except lib_exc.NotFound:
        pass
    rest.wait_server(created['id'], 'DELETED')


@pytest.mark.parametrize('version', ['2.1', '2.47', '2.75', '2.100'])
def test_show_and_update_per_microversion(clients, server, version):
    with microversion(version):
        shown = clients.servers.show_server(server['id'])['server']
        assert (shown['accessIPv4'], shown['accessIPv6']) == (
            '192.0.2.7', '2001:db8::7')
        updated = clients.servers.update_server(
            server['id'], name='renamed-' + version,
            accessIPv4='192.0.2.8')['server']
    assert updated['name'] == 'renamed-' + version
    assert updated['accessIPv4'] == '192.0.2.8'
    # Below 2.75 nova answers its reduced view.
    full = tuple(map(int, version.split('.'))) >= (2, 75)
    assert ('OS-EXT-STS:vm_state' in updated) == full


@pytest.mark.parametrize('version', ['2.26', '2.57', '2.75'])
def test_rebuild_per_microversion(clients, server, image, rest, version):
    with microversion(version):
        rebuilt = clients.servers.rebuild_server(
            server['id'], image['id'], adminPass='pw',
            accessIPv6='2001:db8::9')['server']
    assert rebuilt['adminPass'] == 'pw'
    assert rebuilt['accessIPv6'] == '2001:db8::9'
    assert ('user_data' in rebuilt) == (version != '2.26')
    rest.wait_server(server['id'], 'ACTIVE')


def test_actions_with_empty_object_bodies(clients, server, rest):
    sid = server['id']
    servers = clients.servers
    for call, status in ((servers.pause_server, 'PAUSED'),
                         (servers.unpause_server, 'ACTIVE'),
                         (servers.suspend_server, 'SUSPENDED'),
                         (servers.resume_server, 'ACTIVE'),
                         (servers.stop_server, 'SHUTOFF'),
                         (servers.start_server, 'ACTIVE')):
        call(sid)
        rest.wait_server(sid, status)
    servers.lock_server(sid)
    with microversion('2.9'):
        assert servers.show_server(sid)['server']['locked'] is True
    servers.unlock_server(sid)
    with pytest.raises(lib_exc.NotFound):
        servers.pause_server('00000000-0000-0000-0000-000000000000')


def test_reboot_in_rescue_is_409(clients, server, rest):
    clients.servers.rescue_server(server['id'])
    rest.wait_server(server['id'], 'RESCUE')
    with pytest.raises(lib_exc.Conflict) as caught:
        clients.servers.reboot_server(server['id'], type='HARD')
    assert "Cannot 'reboot' instance" in str(caught.value)
    clients.servers.unrescue_server(server['id'])
    rest.wait_server(server['id'], 'ACTIVE')


def test_bad_access_ip_is_400(clients, image, flavor_id):
    with pytest.raises(lib_exc.BadRequest):
        clients.servers.create_server(
            name='bad', imageRef=image['id'], flavorRef=flavor_id,
            accessIPv4='1.1.1.1.1.1')


def test_reservation_id(clients, image, flavor_id, rest):
    resp = rest.request('POST', '/compute/v2.1/servers', json={'server': {
        'name': 'multi', 'imageRef': image['id'], 'flavorRef': flavor_id,
        'min_count': 2, 'max_count': 2, 'return_reservation_id': True}})
    assert resp.status_code == 202 and set(resp.json()) == {
        'reservation_id'}
    rid = resp.json()['reservation_id']
    listed = clients.servers.list_servers(reservation_id=rid)['servers']
    assert len(listed) == 2
    for entry in listed:
        rest.wait_server(entry['id'], 'ACTIVE')
        clients.servers.delete_server(entry['id'])
    for entry in listed:
        rest.wait_server(entry['id'], 'DELETED')
