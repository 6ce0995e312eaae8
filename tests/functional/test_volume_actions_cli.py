"""Volume and snapshot actions with the real openstack CLI against real
daemons (fake driver, backends lvmdriver-1 and lvmdriver-2): volume set
--bootable/--read-only/--image-property/--state/--attached/--detached/
--type with a retype policy, volume unset --image-property, volume
migrate --host, volume snapshot set --state, image create --volume then
image save giving the volume's bytes back (also after a migration), and
raw REST answers checked with tempest's schemas."""
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas

V371 = {'OpenStack-API-Version': 'volume 3.71'}
SCHEMA = schemas.volume('volumes')
SHOW = schemas.volume('volumes', '3.71').show_volume


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _volume(rest, volume_id):
    resp = rest.get('/volume/v3/volumes/%s' % volume_id, headers=V371)
    return schemas.check(SHOW, resp)['volume']


def _wait(rest, volume_id, check, what, timeout=60):
    deadline = time.monotonic() + timeout
    volume = None
    while time.monotonic() < deadline:
        volume = _volume(rest, volume_id)
        if check(volume):
            return volume
        time.sleep(0.1)
    raise AssertionError('volume %s not %s: %s' % (volume_id, what, volume))


def _available(rest, volume_id):
    return _wait(rest, volume_id, lambda v: v['status'] == 'available',
                 'available')


def _action(rest, volume_id, body, version='3.71'):
    return rest.request('POST', '/volume/v3/volumes/%s/action' % volume_id,
                        json=body, headers={
                            'OpenStack-API-Version': 'volume %s' % version})


@pytest.fixture(scope='module')
def image_data(cloud, rest, tmp_path_factory):
    """An image whose bytes a volume created from it holds."""
    data = b'stratus volume data ' * 300
    path = tmp_path_factory.mktemp('img') / 'data.raw'
    path.write_bytes(data)
    name = _name('src')
    image = cloud.cli_json('image', 'create', '--file', str(path),
                           '--disk-format', 'raw', '--container-format',
                           'bare', '--property', 'os_distro=cirros', name)
    yield image, data
    cloud.cli('image', 'delete', image['id'], check=False)


def _create(cloud, rest, *args):
    volume = cloud.cli_json('volume', 'create', '--size', '1', *args,
                            _name('v'))
    return _available(rest, volume['id'])


def _upload_and_save(cloud, rest, volume_id, tmp_path):
    name = _name('from-vol')
    answer = cloud.cli_json('image', 'create', '--volume', volume_id,
                            '--disk-format', 'raw', name)
    assert answer['status'] == 'uploading' and answer['image_name'] == name
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        image = cloud.cli_json('image', 'show', answer['image_id'])
        if image['status'] == 'active':
            break
        time.sleep(0.2)
    assert image['status'] == 'active', image
    _available(rest, volume_id)
    out = tmp_path / name
    cloud.cli('image', 'save', '--file', str(out), answer['image_id'])
    cloud.cli('image', 'delete', answer['image_id'])
    return image, out.read_bytes()


def test_set_flags_and_image_properties(cloud, rest, image_data):
    image, _data = image_data
    volume = _create(cloud, rest, '--image', image['id'])
    assert volume['volume_image_metadata']['os_distro'] == 'cirros'
    cloud.cli('volume', 'set', '--non-bootable', '--read-only',
              '--image-property', 'hw_disk_bus=scsi', volume['id'])
    shown = cloud.cli_json('volume', 'show', volume['id'])
    assert shown['bootable'] is False
    assert shown['properties']['readonly'] == 'True'
    assert shown['volume_image_metadata']['hw_disk_bus'] == 'scsi'
    cloud.cli('volume', 'set', '--bootable', '--read-write', volume['id'])
    cloud.cli('volume', 'unset', '--image-property', 'hw_disk_bus',
              volume['id'])
    shown = cloud.cli_json('volume', 'show', volume['id'])
    assert shown['bootable'] is True
    assert shown['properties']['readonly'] == 'False'
    assert 'hw_disk_bus' not in shown['volume_image_metadata']
    # Raw answers, as tempest validates them.
    schemas.check(SCHEMA.set_bootable_volume, _action(
        rest, volume['id'], {'os-set_bootable': {'bootable': False}}))
    schemas.check(SCHEMA.show_volume_image_metadata, _action(
        rest, volume['id'], {'os-show_image_metadata': None}))
    schemas.check(SCHEMA.update_volume_image_metadata, _action(
        rest, volume['id'], {'os-set_image_metadata': {
            'metadata': {'k': 'v'}}}))
    schemas.check(SCHEMA.delete_volume_image_metadata, _action(
        rest, volume['id'], {'os-unset_image_metadata': {'key': 'k'}}))
    resp = _action(rest, volume['id'], {'os-unset_image_metadata': {
        'key': 'k'}})
    schemas.check_fault(resp, 404, 'itemNotFound')
    cloud.cli('volume', 'delete', volume['id'])


def test_state_attached_detached_and_snapshot_state(cloud, rest):
    volume = _create(cloud, rest)
    cloud.cli('volume', 'set', '--state', 'error', volume['id'])
    assert _volume(rest, volume['id'])['status'] == 'error'
    result = cloud.cli('volume', 'set', '--state', 'in-use', volume['id'],
                       check=False)
    assert result.returncode != 0
    assert 'Cannot reset-state to in-use because volume does not have any ' \
           'attachments.' in result.stderr
    cloud.cli('volume', 'set', '--state', 'available', '--attached',
              volume['id'])
    assert _volume(rest, volume['id'])['os-vol-mig-status-attr:migstat'] \
        is None
    cloud.cli('volume', 'set', '--detached', volume['id'])
    snap = cloud.cli_json('volume', 'snapshot', 'create', '--volume',
                          volume['id'], _name('s'))
    deadline = time.monotonic() + 30
    while cloud.cli_json('volume', 'snapshot', 'show', snap['id'])[
            'status'] != 'available' and time.monotonic() < deadline:
        time.sleep(0.2)
    cloud.cli('volume', 'snapshot', 'set', '--state', 'error', snap['id'])
    assert cloud.cli_json('volume', 'snapshot', 'show',
                          snap['id'])['status'] == 'error'
    result = cloud.cli('volume', 'snapshot', 'set', '--state', 'sleeping',
                       snap['id'], check=False)
    assert result.returncode != 0
    cloud.cli('volume', 'snapshot', 'delete', snap['id'])
    resp = rest.request('POST', '/volume/v3/snapshots/%s/action'
                        % snap['id'], json={'os-force_delete': {}})
    assert resp.status_code in (202, 404)


def test_upload_to_image_and_save(cloud, rest, image_data, tmp_path):
    image, data = image_data
    volume = _create(cloud, rest, '--image', image['id'])
    uploaded, saved = _upload_and_save(cloud, rest, volume['id'], tmp_path)
    assert saved == data
    assert (uploaded['disk_format'], uploaded['container_format']) == (
        'raw', 'bare')
    assert uploaded['properties']['os_distro'] == 'cirros'
    cloud.cli('volume', 'delete', volume['id'])


def test_retype_and_migrate_keep_the_data(cloud, rest, image_data,
                                          tmp_path):
    image, data = image_data
    one, two = _name('t1'), _name('t2')
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=lvmdriver-1', one)
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=lvmdriver-2', two)
    volume = _create(cloud, rest, '--image', image['id'], '--type', one)
    # never: the new type needs the other backend; nothing changes.
    cloud.cli('volume', 'set', '--type', two, '--retype-policy', 'never',
              volume['id'])
    shown = _available(rest, volume['id'])
    assert shown['volume_type'] == one
    cloud.cli('volume', 'set', '--type', two, '--retype-policy',
              'on-demand', volume['id'])
    shown = _wait(rest, volume['id'], lambda v: v['volume_type'] == two and
                  v['status'] == 'available', 'retyped')
    assert shown['os-vol-host-attr:host'].endswith('@lvmdriver-2'
                                                   '#lvmdriver-2')
    assert shown['os-vol-mig-status-attr:name_id'] not in (None,
                                                           volume['id'])
    _uploaded, saved = _upload_and_save(cloud, rest, volume['id'], tmp_path)
    assert saved == data
    # An untyped volume migrates back and forth with volume migrate.
    plain = _create(cloud, rest, '--image', image['id'])
    source = plain['os-vol-host-attr:host']
    host = source.split('#')[0]
    other = host[:-1] + ('2' if host.endswith('1') else '1')
    cloud.cli('volume', 'migrate', '--host', other, plain['id'])
    shown = _wait(rest, plain['id'], lambda v: v[
        'os-vol-mig-status-attr:migstat'] in ('success', 'error'),
        'migrated')
    assert shown['os-vol-mig-status-attr:migstat'] == 'success'
    assert shown['os-vol-host-attr:host'].startswith(other)
    _uploaded, saved = _upload_and_save(cloud, rest, plain['id'], tmp_path)
    assert saved == data
    result = cloud.cli('volume', 'migrate', '--host', other, plain['id'],
                       check=False)
    assert result.returncode != 0 and 'must be different than the ' \
        'current one' in result.stderr
    cloud.cli('volume', 'delete', volume['id'], plain['id'])
