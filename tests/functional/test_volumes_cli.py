"""Volumes with the real openstack CLI against real daemons (fake volume
driver, backends lvmdriver-1 and lvmdriver-2): the create flows across
stratus-api, stratus-scheduler and stratus-volume, snapshots, clones,
extend, types routing to a backend, no valid backend, quotas, invalid
transitions, pools, and the scheduler's log lines."""
import re
import time
import uuid

import pytest

from support import cloud as cloud_support


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def wait_volume(rest, volume_id, status, timeout=30):
    deadline = time.monotonic() + timeout
    volume = None
    while time.monotonic() < deadline:
        resp = rest.get('/volume/v3/volumes/%s' % volume_id,
                        headers={'OpenStack-API-Version': 'volume 3.71'})
        if status == 'DELETED' and resp.status_code == 404:
            return None
        volume = resp.json().get('volume') if resp.ok else None
        if volume and volume['status'] == status:
            return volume
        if volume and status != 'error' and volume['status'].startswith(
                'error'):
            raise AssertionError('volume went to %s' % volume['status'])
        time.sleep(0.05)
    raise AssertionError('volume %s not %s: %s' % (volume_id, status, volume))


def wait_snapshot(rest, snapshot_id, status, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resp = rest.get('/volume/v3/snapshots/%s' % snapshot_id)
        if status == 'DELETED' and resp.status_code == 404:
            return None
        if resp.ok and resp.json()['snapshot']['status'] == status:
            return resp.json()['snapshot']
        time.sleep(0.05)
    raise AssertionError('snapshot %s not %s' % (snapshot_id, status))


def create(cloud, rest, *args, status='available', user='admin'):
    name = _name('v')
    volume = cloud.cli_json('volume', 'create', *args, name, user=user)
    assert volume['status'] == 'creating'
    wait_volume(rest, volume['id'], status)
    return name, volume['id']


@pytest.fixture(scope='module', autouse=True)
def _room_for_these_tests(cloud):
    """Volumes other tests of the session left in the admin project count
    against its quota of 10: these tests get room for their own, and the
    default comes back after them."""
    cloud.cli('quota', 'set', '--volumes', '100', 'admin')
    yield
    cloud.cli('quota', 'set', '--volumes', '10', 'admin')


def test_create_list_show_set_delete(cloud, rest):
    name, volume_id = create(cloud, rest, '--size', '1')
    shown = cloud.cli_json('volume', 'show', name)
    assert (shown['status'], shown['size'], shown['type']) == (
        'available', 1, '__DEFAULT__')
    assert re.match(r'.+@lvmdriver-[12]#lvmdriver-[12]$',
                    shown['os-vol-host-attr:host'])
    listed = cloud.cli_json('volume', 'list', '--long')
    assert name in [v['Name'] for v in listed]
    cloud.cli('volume', 'set', '--name', name + '-b', '--description',
              'described', '--property', 'tier=gold', name)
    shown = cloud.cli_json('volume', 'show', name + '-b')
    assert shown['description'] == 'described'
    assert shown['properties'] == {'tier': 'gold'}
    cloud.cli('volume', 'delete', name + '-b')
    wait_volume(rest, volume_id, 'DELETED')


def test_extend(cloud, rest):
    name, volume_id = create(cloud, rest, '--size', '1')
    cloud.cli('volume', 'set', '--size', '3', name)
    volume = wait_volume(rest, volume_id, 'available')
    assert volume['size'] == 3
    cloud.cli('volume', 'delete', name)


def test_snapshot_clone_and_invalid_transitions(cloud, rest):
    name, volume_id = create(cloud, rest, '--size', '2')
    snap_name = _name('s')
    snap = cloud.cli_json('volume', 'snapshot', 'create', '--volume', name,
                          snap_name)
    wait_snapshot(rest, snap['id'], 'available')
    listed = cloud.cli_json('volume', 'snapshot', 'list')
    assert snap_name in [s['Name'] for s in listed]
    source_host = cloud.cli_json('volume', 'show', name)[
        'os-vol-host-attr:host']
    from_snap, from_snap_id = create(cloud, rest, '--snapshot', snap_name)
    clone, clone_id = create(cloud, rest, '--source', name)
    for other in (from_snap, clone):
        shown = cloud.cli_json('volume', 'show', other)
        assert shown['os-vol-host-attr:host'] == source_host
        assert shown['size'] == 2
    # A volume with snapshots cannot be deleted: cinder's 400.
    result = cloud.cli('volume', 'delete', name, check=False)
    assert result.returncode != 0
    assert ('Invalid volume: Volume status must be available or error or '
            'error_restoring or error_extending or error_managing and must '
            'not be migrating, attached, belong to a group, have snapshots'
            in result.stderr)
    cloud.cli('volume', 'snapshot', 'delete', snap_name)
    wait_snapshot(rest, snap['id'], 'DELETED')
    cloud.cli('volume', 'delete', name, from_snap, clone)
    for volume in (volume_id, from_snap_id, clone_id):
        wait_volume(rest, volume, 'DELETED')


def test_type_routes_to_its_backend(cloud, rest):
    type_name = _name('t')
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=lvmdriver-2', type_name)
    types = cloud.cli_json('volume', 'type', 'list', '--long')
    mine = [t for t in types if t['Name'] == type_name][0]
    assert mine['Properties'] == {'volume_backend_name': 'lvmdriver-2'}
    cloud.cli('volume', 'type', 'set', '--property', 'extra=1', type_name)
    cloud.cli('volume', 'type', 'unset', '--property', 'extra', type_name)
    names = []
    for _ in range(2):
        name, volume_id = create(cloud, rest, '--size', '1', '--type',
                                 type_name)
        shown = cloud.cli_json('volume', 'show', name)
        assert shown['os-vol-host-attr:host'].endswith(
            '@lvmdriver-2#lvmdriver-2')
        assert shown['type'] == type_name
        names.append(name)
    log = cloud.log('stratus-scheduler.log')
    assert re.search(r"Choosing \S+@lvmdriver-2#lvmdriver-2 for volume %s"
                     % volume_id, log)
    cloud.cli('volume', 'delete', *names)


def test_no_valid_backend_is_error_with_message(cloud, rest):
    type_name = _name('nowhere')
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=nope', type_name)
    name, volume_id = create(cloud, rest, '--size', '1', '--type',
                             type_name, status='error')
    messages = cloud.cli_json('--os-volume-api-version', '3.3', 'volume',
                              'message', 'list')
    mine = [m for m in messages if m['Resource UUID'] == volume_id]
    assert mine[0]['User Message'] == (
        'schedule allocate volume:Could not find any available weighted '
        'backend.')
    log = cloud.log('stratus-scheduler.log')
    assert "Filtering removed all backends for the request with volume " \
           "ID '%s'" % volume_id in log
    assert 'does not match reported capability' in log
    cloud.cli('volume', 'delete', name)
    wait_volume(rest, volume_id, 'DELETED')


def test_quota_exceeded_and_quota_commands(cloud, rest):
    project = cloud.cli_json('project', 'show', 'demo')['id']
    # Other tests of the session may have left demo volumes: allow one more.
    held = len(cloud.cli_json('volume', 'list', user='demo'))
    allowed = held + 1
    cloud.cli('quota', 'set', '--volumes', str(allowed), project)
    try:
        name, volume_id = create(cloud, rest, '--size', '1', user='demo')
        result = cloud.cli('volume', 'create', '--size', '1', _name('v'),
                           user='demo', check=False)
        assert result.returncode != 0
        assert "Maximum number of volumes allowed (%d) exceeded for quota " \
               "'volumes'." % allowed in result.stderr
        quota = {row['Resource']: row['Limit'] for row in cloud.cli_json(
            'quota', 'show', project)}
        assert (quota['volumes'], quota['gigabytes'], quota['instances']) \
            == (allowed, 1000, 10)
        usage = {row['Resource']: row for row in cloud.cli_json(
            'quota', 'show', '--usage', project)}
        assert usage['volumes']['In Use'] == allowed
        limits = cloud.cli_json('limits', 'show', '--absolute', user='demo')
        values = {row['Name']: row['Value'] for row in limits}
        assert values['max_total_volumes'] == allowed
        assert values['total_volumes_used'] == allowed
        assert 'max_total_instances' in values      # the compute side too
        cloud.cli('volume', 'delete', name, user='demo')
        wait_volume(rest, volume_id, 'DELETED')
    finally:
        cloud.cli('quota', 'set', '--volumes', '10', project)


def test_backend_pool_list(cloud):
    pools = cloud.cli_json('volume', 'backend', 'pool', 'list')
    names = sorted(p['Name'] for p in pools)
    assert [n.split('@')[1] for n in names] == [
        'lvmdriver-1#lvmdriver-1', 'lvmdriver-2#lvmdriver-2']
    detail = cloud.cli_json('volume', 'backend', 'pool', 'list', '--long')
    caps = detail[0]['Capabilities']
    assert caps['total_capacity_gb'] == 1000
    assert caps['volume_backend_name'] in ('lvmdriver-1', 'lvmdriver-2')
    assert 'free_capacity_gb' in caps


def test_availability_zones(cloud):
    zones = cloud.cli_json('availability', 'zone', 'list', '--volume')
    assert {z['Zone Name'] for z in zones} == {'nova'}


def test_logs_show_the_three_flows(cloud, rest):
    name, volume_id = create(cloud, rest, '--size', '1')
    scheduler = cloud.log('stratus-scheduler.log')
    request_id = re.search(r'\[\S+ (req-[0-9a-f-]+) [^\]]*\] Choosing '
                           r'(\S+) for volume %s' % volume_id, scheduler)
    assert request_id, 'no choice logged for %s' % volume_id
    req, pool = request_id.groups()
    assert re.match(r'\S+@lvmdriver-[12]#lvmdriver-[12]$', pool)
    lines = [line for line in scheduler.splitlines() if req in line]
    text = '\n'.join(lines)
    assert re.search(r"Flow 'volume_create_scheduler' \([0-9a-f-]+\) "
                     r"transitioned into state 'SUCCESS' from state "
                     r"'RUNNING'", text)
    for step in ('AvailabilityZoneFilter', 'CapacityFilter',
                 'CapabilitiesFilter'):
        assert re.search(r'Filter %s: \d+ -> \d+ backends' % step, text)
    assert 'by CapacityWeigher' in text
    volume_log = '\n'.join(line for line in cloud.log(
        'stratus-volume.log').splitlines() if req in line)
    assert re.search(r"Flow 'volume_create_manager' \([0-9a-f-]+\) "
                     r"transitioned into state 'SUCCESS'", volume_log)
    api_log = '\n'.join(line for line in cloud.log(
        'stratus-api.log').splitlines() if req in line)
    assert re.search(r"Flow 'volume_create_api' \([0-9a-f-]+\) "
                     r"transitioned into state 'SUCCESS'", api_log)
    cloud.cli('volume', 'delete', name)


def test_create_from_image(cloud, rest, tmp_path):
    image_file = tmp_path / 'disk.raw'
    image_file.write_bytes(b'\0' * 4096)
    image_name = _name('img')
    image = cloud.cli_json('image', 'create', '--file', str(image_file),
                           '--disk-format', 'raw', '--container-format',
                           'bare', image_name)
    try:
        name, volume_id = create(cloud, rest, '--size', '1', '--image',
                                 image_name)
        shown = cloud.cli_json('volume', 'show', name)
        assert shown['bootable'] in (True, 'true')
        assert shown['volume_image_metadata']['image_id'] == image['id']
        log = cloud.log('stratus-volume.log')
        assert 'Volume %s: image %s written' % (volume_id, image['id']) \
            in log
        cloud.cli('volume', 'delete', name)
        wait_volume(rest, volume_id, 'DELETED')
    finally:
        cloud.cli('image', 'delete', image_name)
