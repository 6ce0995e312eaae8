"""Cold migration and resize between the two computes of the functional
cloud, with the real CLI: migrate + confirm, resize + revert."""
import pytest

from support import cloud as cloud_support
from support import schemas
from support import strict_clients


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img3') / 'disk.raw'
    path.write_bytes(b'\2' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'func-image-3')


@pytest.fixture
def server(cloud, image, rest):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--wait', 'mover')
    yield created
    cloud.cli('server', 'delete', '--wait', created['id'], check=False)


def test_migrate_then_confirm_moves_to_the_other_host(cloud, server, rest):
    source = server['OS-EXT-SRV-ATTR:host']
    cloud.cli('server', 'migrate', '--wait', server['id'])
    moved = rest.wait_server(server['id'], 'VERIFY_RESIZE')
    dest = moved['OS-EXT-SRV-ATTR:host']
    assert dest != source
    migrations = cloud.cli_json('server', 'migration', 'list', '--server',
                                server['id'])
    assert migrations[0]['Status'] == 'finished'
    assert (migrations[0]['Source Compute'],
            migrations[0]['Dest Compute']) == (source, dest)
    cloud.cli('server', 'resize', 'confirm', server['id'])
    active = rest.wait_server(server['id'], 'ACTIVE')
    assert active['OS-EXT-SRV-ATTR:host'] == dest
    migrations = cloud.cli_json('server', 'migration', 'list', '--server',
                                server['id'])
    assert migrations[0]['Status'] == 'confirmed'


def test_resize_then_revert_goes_back(cloud, server, rest):
    source = server['OS-EXT-SRV-ATTR:host']
    cloud.cli('server', 'resize', '--flavor', 'm1.tiny', '--wait',
              server['id'])
    resized = rest.wait_server(server['id'], 'VERIFY_RESIZE')
    assert resized['OS-EXT-SRV-ATTR:host'] != source
    assert resized['flavor']['id'] == '1'
    cloud.cli('server', 'resize', 'revert', server['id'])
    back = rest.wait_server(server['id'], 'ACTIVE')
    assert back['OS-EXT-SRV-ATTR:host'] == source
    assert back['flavor']['id'] == '42'
    migrations = cloud.cli_json('server', 'migration', 'list', '--server',
                                server['id'])
    assert migrations[0]['Status'] == 'reverted'


def test_resize_to_the_same_flavor_is_400(cloud, server):
    result = cloud.cli('server', 'resize', '--flavor', 'm1.nano',
                       server['id'], check=False)
    assert result.returncode != 0 and '400' in result.stderr


def test_confirm_without_resize_is_409(cloud, server):
    result = cloud.cli('server', 'resize', 'confirm', server['id'],
                       check=False)
    assert result.returncode != 0 and '409' in result.stderr


# --- live migration (fake drivers: the guest moves at once) ----------------
def _live_migrations(rest, server_id, version='2.80'):
    resp = rest.get('/compute/v2.1/os-migrations?instance_uuid=%s'
                    '&migration_type=live-migration' % server_id,
                    headers={'OpenStack-API-Version': 'compute %s'
                             % version})
    return resp.json()['migrations']


def test_live_migration_the_scheduler_places(cloud, server, rest):
    source = server['OS-EXT-SRV-ATTR:host']
    cloud.cli('server', 'migrate', '--live-migration', '--wait',
              server['id'])
    moved = rest.wait_server(server['id'], 'ACTIVE')
    assert moved['OS-EXT-SRV-ATTR:host'] != source
    [migration] = _live_migrations(rest, server['id'])
    assert (migration['status'], migration['source_compute'],
            migration['dest_compute']) == (
        'completed', source, moved['OS-EXT-SRV-ATTR:host'])
    listed = cloud.cli_json('server', 'migration', 'list', '--server',
                            server['id'], '--type', 'live-migration')
    assert listed[0]['Status'] == 'completed'
    # Only migrations in progress are under the server.
    resp = rest.get('/compute/v2.1/servers/%s/migrations' % server['id'],
                    headers={'OpenStack-API-Version': 'compute 2.80'})
    schemas.check(schemas.compute('servers', '2.80').list_live_migrations,
                  resp)
    assert resp.json()['migrations'] == []
    events = cloud.cli_json('server', 'event', 'list', server['id'])
    assert events[0]['Action'] == 'live-migration'


def test_tempests_client_live_migrates(cloud, server, rest):
    clients = strict_clients.Compute(cloud, 'admin')
    source = server['OS-EXT-SRV-ATTR:host']
    with strict_clients.compute_microversion('2.25'):
        clients.servers.live_migrate_server(server['id'], host=None,
                                            block_migration='auto')
    moved = rest.wait_server(server['id'], 'ACTIVE')
    assert moved['OS-EXT-SRV-ATTR:host'] != source


def test_live_migration_to_a_named_host_and_back(cloud, server, rest):
    source = server['OS-EXT-SRV-ATTR:host']
    other = {'compute1': 'compute2', 'compute2': 'compute1'}[source]
    cloud.cli('server', 'migrate', '--live-migration', '--host', other,
              '--wait', server['id'])
    assert rest.wait_server(server['id'], 'ACTIVE')[
        'OS-EXT-SRV-ATTR:host'] == other
    cloud.cli('server', 'migrate', '--live-migration', '--host', source,
              '--block-migration', '--wait', server['id'])
    assert rest.wait_server(server['id'], 'ACTIVE')[
        'OS-EXT-SRV-ATTR:host'] == source


def test_live_migration_to_its_own_host_fails_after_202(cloud, server,
                                                        rest):
    """From 2.34 the pre-checks run after the answer: the server stays
    ACTIVE where it is, the migration is error (nova's behaviour)."""
    source = server['OS-EXT-SRV-ATTR:host']
    resp = rest.request(
        'POST', '/compute/v2.1/servers/%s/action' % server['id'],
        json={'os-migrateLive': {'host': source, 'block_migration': 'auto',
                                 'force': True}},
        headers={'OpenStack-API-Version': 'compute 2.30'})
    assert resp.status_code == 400
    assert resp.json()['badRequest']['message'] == (
        'Unable to migrate instance (%s) to current host (%s).'
        % (server['id'], source))
    resp = rest.request(
        'POST', '/compute/v2.1/servers/%s/action' % server['id'],
        json={'os-migrateLive': {'host': source, 'block_migration': 'auto'}},
        headers={'OpenStack-API-Version': 'compute 2.68'})
    assert resp.status_code == 202
    cloud.wait_for(lambda: [m['status'] for m in _live_migrations(
        rest, server['id'])] == ['error', 'error'], 'migration error')
    back = rest.wait_server(server['id'], 'ACTIVE')
    assert back['OS-EXT-SRV-ATTR:host'] == source


def test_live_migration_refusals_through_the_cli(cloud, server):
    result = cloud.cli('server', 'migrate', '--live-migration', '--host',
                       'nohost', server['id'], check=False)
    assert result.returncode != 0 and '400' in result.stderr
    assert 'Compute host nohost could not be found.' in result.stderr
    result = cloud.cli('server', 'migrate', '--live-migration',
                       server['id'], user='demo', check=False)
    assert result.returncode != 0
    cloud.cli('server', 'stop', server['id'])
    result = cloud.cli('server', 'migrate', '--live-migration',
                       server['id'], check=False)
    assert result.returncode != 0 and '409' in result.stderr


# --- a live migration held running: show, force complete, abort -----------
@pytest.fixture(scope='module')
def slow_cloud():
    """A cloud of its own whose fake drivers keep a live migration
    running for a minute (unless forced to complete or aborted)."""
    import os
    import shutil
    import tempfile
    workdir = tempfile.mkdtemp(prefix='stratus-live-')
    option = {('fake_driver', 'live_migration_seconds'): '60'}
    c = cloud_support.Cloud(workdir, computes=('compute1', 'compute2'),
                            compute_options={'compute1': option,
                                             'compute2': option})
    try:
        c.start()
    except Exception:
        c.stop()
        raise
    yield c
    c.stop()
    if not os.environ.get('STRATUS_KEEP_LOGS'):
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def running(slow_cloud, tmp_path):
    """A server whose live migration is running; (server, migration)."""
    rest = cloud_support.Rest(slow_cloud)
    path = tmp_path / 'disk.raw'
    path.write_bytes(b'\4' * 4096)
    images = slow_cloud.cli_json('image', 'list', '--name', 'live-image')
    image = images[0] if images else slow_cloud.cli_json(
        'image', 'create', '--file', str(path), '--disk-format', 'raw',
        '--container-format', 'bare', '--public', 'live-image')
    server = slow_cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                                 '--image', image['ID' if 'ID' in image
                                                  else 'id'],
                                 '--wait', 'live')
    slow_cloud.cli('server', 'migrate', '--live-migration', server['id'])

    def in_progress():
        resp = rest.get('/compute/v2.1/servers/%s/migrations'
                        % server['id'],
                        headers={'OpenStack-API-Version': 'compute 2.80'})
        found = resp.json()['migrations']
        return found if found and found[0]['status'] == 'running' else None
    slow_cloud.wait_for(in_progress, 'a running live migration')
    yield rest, server, in_progress()[0]
    slow_cloud.cli('server', 'delete', '--wait', server['id'], check=False)


def test_show_then_force_complete(slow_cloud, running):
    rest, server, migration = running
    resp = rest.get('/compute/v2.1/servers/%s/migrations/%s' % (
        server['id'], migration['id']),
        headers={'OpenStack-API-Version': 'compute 2.80'})
    assert resp.status_code == 200
    assert resp.json()['migration'] == migration
    # By uuid: this openstackclient passes (server, id) to the SDK's
    # get_server_migration(migration, server) swapped, so an integer id
    # fails against any nova; a uuid goes through the server's list.
    shown = slow_cloud.cli_json('server', 'migration', 'show',
                                server['id'], migration['uuid'])
    assert shown['Status'] == 'running'
    assert shown['Server UUID'] == server['id']
    assert server['status'] == 'ACTIVE'
    assert rest.server(server['id'])['status'] == 'MIGRATING'
    slow_cloud.cli('server', 'migration', 'force', 'complete',
                   server['id'], str(migration['id']))
    moved = rest.wait_server(server['id'], 'ACTIVE', timeout=30)
    assert moved['OS-EXT-SRV-ATTR:host'] == migration['dest_compute']
    actions = [a['Action'] for a in slow_cloud.cli_json(
        'server', 'event', 'list', server['id'])]
    assert 'live_migration_force_complete' in actions


def test_tempests_clients_list_it_and_abort_it(slow_cloud, running):
    """tempest's servers client: the list validated with its schema at
    2.23, 2.62 and 2.80 (not 2.59-2.61: that client validates them with
    its 2.58 module, which lacks the uuid nova adds at 2.59); the abort
    answers 202."""
    rest, server, migration = running
    clients = strict_clients.Compute(slow_cloud, 'admin')
    for version in ('2.23', '2.62', '2.80'):
        with strict_clients.compute_microversion(version):
            listed = clients.servers.list_in_progress_live_migration(
                server['id'])['migrations']
        assert [m['id'] for m in listed] == [migration['id']]
    with strict_clients.compute_microversion('2.24'):
        clients.servers.delete(
            'servers/%s/migrations/%s' % (server['id'], migration['id']))
    assert rest.wait_server(server['id'], 'ACTIVE', timeout=30)[
        'OS-EXT-SRV-ATTR:host'] == migration['source_compute']


def test_abort_leaves_the_server_where_it_was(slow_cloud, running):
    rest, server, migration = running
    slow_cloud.cli('server', 'migration', 'abort', server['id'],
                   str(migration['id']))
    back = rest.wait_server(server['id'], 'ACTIVE', timeout=30)
    assert back['OS-EXT-SRV-ATTR:host'] == migration['source_compute']
    resp = rest.get('/compute/v2.1/os-migrations?instance_uuid=%s'
                    % server['id'],
                    headers={'OpenStack-API-Version': 'compute 2.80'})
    assert resp.json()['migrations'][0]['status'] == 'cancelled'
    # Aborting it again: no longer in progress.
    result = slow_cloud.cli('server', 'migration', 'abort', server['id'],
                            str(migration['id']), check=False)
    assert result.returncode != 0 and '409' in result.stderr
