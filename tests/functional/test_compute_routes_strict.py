"""Server sub-resources, proxies and other compute routes on real daemons,
as strict automation sees them: tempest's own compute clients (every
answer checked against upstream's schema for the microversion in use) and
the openstack CLI where it has a command: ips, os-server-password,
diagnostics, os-resetState, injectNetworkInfo, createBackup with
rotation, the images proxy and its metadata, os-volumes, os-snapshots,
os-hosts, os-quota-class-sets and /extensions."""
import time

import pytest
from tempest.lib import exceptions as lib_exc

from support import cloud as cloud_support
from support import strict_clients
from support.strict_clients import compute_microversion as microversion


@pytest.fixture(scope='module')
def admin(cloud):
    return strict_clients.Compute(cloud, 'admin')


@pytest.fixture(scope='module')
def demo(cloud):
    return strict_clients.Compute(cloud, 'demo')


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('routes') / 'disk.raw'
    path.write_bytes(b'\1' * 8192)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'routes-image')


@pytest.fixture(scope='module')
def server(cloud, image):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--wait', 'routes-vm')
    yield created
    cloud.cli('server', 'delete', '--wait', created['id'], check=False)


def wait_until(predicate, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError('timed out waiting for %s' % what)


def backups_of(rest, server_id, backup_type):
    resp = rest.get('/image/v2/images', params={
        'instance_uuid': server_id, 'image_type': 'backup',
        'backup_type': backup_type})
    return resp.json()['images']


# --- server sub-resources ------------------------------------------------------
def test_ips_and_password(admin, server):
    assert admin.servers.list_addresses(server['id'])['addresses'] == {}
    with pytest.raises(lib_exc.NotFound):
        admin.servers.list_addresses_by_network(server['id'], 'private')
    assert admin.servers.show_password(server['id']) == {'password': ''}
    admin.servers.delete_password(server['id'])


def test_diagnostics_per_microversion(admin, demo, cloud, server):
    legacy = admin.servers.show_server_diagnostics(server['id'])
    assert legacy['memory'] > 0
    with microversion('2.48'):
        standard = admin.servers.show_server_diagnostics(server['id'])
    assert standard['state'] == 'running' and standard['num_cpus'] >= 1
    # Another project's server is not found before the policy is asked.
    with pytest.raises(lib_exc.NotFound):
        demo.servers.show_server_diagnostics(server['id'])
    # openstacksdk asks at 2.48: the standardized view.
    shown = cloud.cli_json('server', 'show', '--diagnostics', server['id'])
    assert (shown['num_cpus'], shown['state'], shown['driver']) == (
        standard['num_cpus'], 'running', 'libvirt')


def test_reset_state_and_inject_network_info(admin, cloud, rest, server):
    cloud.cli('server', 'set', '--state', 'error', '--auto-approve',
              server['id'])
    assert rest.server(server['id'])['status'] == 'ERROR'
    admin.servers.reset_state(server['id'], state='active')
    assert rest.wait_server(server['id'], 'ACTIVE')
    with pytest.raises(lib_exc.BadRequest):
        admin.servers.reset_state(server['id'], state='stopped')
    admin.servers.inject_network_info(server['id'])


def test_backup_rotation(admin, cloud, rest, server):
    made = []
    for n in range(3):
        with microversion('2.45'):
            body = admin.servers.create_backup(
                server['id'], name='routes-bk-%d' % n, backup_type='daily',
                rotation=2)
        made.append(body['image_id'])
        rest.wait_server(server['id'], 'ACTIVE')
        wait_until(lambda: len(backups_of(rest, server['id'], 'daily'))
                   <= 2 and made[-1] in [
                       b['id'] for b in backups_of(rest, server['id'],
                                                   'daily')],
                   'rotation after backup %d' % n)
    kept = wait_until(
        lambda: {b['id'] for b in backups_of(rest, server['id'], 'daily')
                 if b['status'] == 'active'} == set(made[1:]) and made,
        'the two newest backups active')
    assert kept
    # The CLI: a weekly backup with rotate 0 keeps no weekly backups.
    cloud.cli_json('server', 'backup', 'create', '--name', 'routes-weekly',
                   '--type', 'weekly', '--rotate', '1', '--wait',
                   server['id'])
    rest.wait_server(server['id'], 'ACTIVE')
    assert len(backups_of(rest, server['id'], 'weekly')) == 1
    with microversion('2.1'):
        admin.servers.create_backup(server['id'], name='routes-none',
                                    backup_type='weekly', rotation=0)
    rest.wait_server(server['id'], 'ACTIVE')
    wait_until(lambda: backups_of(rest, server['id'], 'weekly') == [],
               'rotation 0 deleting every weekly backup')
    for image_id in made[1:]:
        cloud.cli('image', 'delete', image_id, check=False)


# --- images proxy ------------------------------------------------------------------
def test_images_proxy(admin, image):
    listed = admin.images.list_images()['images']
    assert image['id'] in [i['id'] for i in listed]
    detail = admin.images.list_images(detail=True)['images']
    [found] = [i for i in detail if i['id'] == image['id']]
    assert found['status'] == 'ACTIVE' and found['OS-EXT-IMG-SIZE:size'] \
        == 8192
    shown = admin.images.show_image(image['id'])['image']
    assert shown['name'] == 'routes-image'
    admin.images.set_image_metadata(image['id'], {'a': '1'})
    admin.images.update_image_metadata(image['id'], {'b': '2'})
    assert admin.images.show_image_metadata_item(image['id'], 'b') == {
        'meta': {'b': '2'}}
    admin.images.set_image_metadata_item(image['id'], 'c', {'c': '3'})
    admin.images.delete_image_metadata_item(image['id'], 'c')
    metadata = admin.images.list_image_metadata(image['id'])['metadata']
    assert metadata['a'] == '1' and metadata['b'] == '2' and \
        'c' not in metadata
    with microversion('2.36'):
        with pytest.raises(lib_exc.NotFound):
            admin.images.show_image(image['id'])


def test_images_proxy_delete(admin, cloud, tmp_path):
    path = tmp_path / 'gone.raw'
    path.write_bytes(b'\2' * 1024)
    gone = cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', 'routes-gone')
    admin.images.delete_image(gone['id'])
    with pytest.raises(lib_exc.NotFound):
        admin.images.show_image(gone['id'])


# --- volume proxies ------------------------------------------------------------------
def test_volumes_and_snapshots_proxies(admin, rest):
    volume = admin.volumes.create_volume(size=1,
                                         display_name='proxied')['volume']
    wait_until(lambda: admin.volumes.show_volume(volume['id'])['volume'][
        'status'] == 'available', 'volume available')
    assert volume['id'] in [v['id'] for v in
                            admin.volumes.list_volumes()['volumes']]
    assert volume['id'] in [v['id'] for v in admin.volumes.list_volumes(
        detail=True)['volumes']]
    snapshot = admin.snapshots.create_snapshot(
        volume_id=volume['id'], display_name='snap')['snapshot']
    wait_until(lambda: admin.snapshots.show_snapshot(snapshot['id'])[
        'snapshot']['status'] == 'available', 'snapshot available')
    assert snapshot['id'] in [s['id'] for s in admin.snapshots.list_snapshots(
        detail=True)['snapshots']]
    admin.snapshots.delete_snapshot(snapshot['id'])
    wait_until(lambda: not _exists(admin.snapshots.show_snapshot,
                                   snapshot['id']), 'snapshot deleted')
    admin.volumes.delete_volume(volume['id'])
    wait_until(lambda: not _exists(admin.volumes.show_volume, volume['id']),
               'volume deleted')
    with microversion('2.36'):
        with pytest.raises(lib_exc.NotFound):
            admin.volumes.list_volumes()


def _exists(show, resource_id):
    try:
        show(resource_id)
    except lib_exc.NotFound:
        return False
    return True


# --- hosts, quota classes, extensions -----------------------------------------------
def test_hosts(admin, demo, cloud):
    hosts = admin.hosts.list_hosts()['hosts']
    computes = [h['host_name'] for h in hosts if h['service'] == 'compute']
    assert set(computes) == {'compute1', 'compute2'}
    detail = admin.hosts.show_host('compute1')['host']
    assert detail[0]['resource']['project'] == '(total)'
    with pytest.raises(lib_exc.NotImplemented):
        admin.hosts.reboot_host('compute1')
    with pytest.raises(lib_exc.NotFound):
        admin.hosts.show_host('nope')
    with pytest.raises(lib_exc.Forbidden):
        demo.hosts.list_hosts()
    listed = cloud.cli_json('host', 'list')
    assert {'compute1', 'compute2'} <= {h['Host Name'] for h in listed}
    with microversion('2.43'):
        with pytest.raises(lib_exc.NotFound):
            admin.hosts.list_hosts()


def test_quota_classes_and_extensions(admin, demo):
    for version in ('2.1', '2.50', '2.57'):
        with microversion(version):
            shown = admin.quota_classes.show_quota_class_set('gold')
            assert shown['quota_class_set']['id'] == 'gold'
            admin.quota_classes.update_quota_class_set('gold', cores=30)
    with pytest.raises(lib_exc.Forbidden):
        demo.quota_classes.show_quota_class_set('default')
    extensions = admin.extensions.list_extensions()['extensions']
    assert len(extensions) == 99
    assert admin.extensions.show_extension('OS-DCF')['extension'][
        'name'] == 'DiskConfig'
