"""Failures injected in the fake driver of real computes: each operation
reverts what it did, ends where nova would, and its events name the task
that failed. A cloud of its own: compute1/2 work; broken1 (zone "broken")
fails pause and snapshot, broken2 (zone "nospawn") fails every spawn."""
import os
import shutil
import tempfile

import pytest

from support import cloud as cloud_support


@pytest.fixture(scope='module')
def cloud():
    workdir = tempfile.mkdtemp(prefix='stratus-failures-')
    c = cloud_support.Cloud(
        workdir, computes=('compute1', 'compute2', 'broken1', 'broken2'),
        compute_options={
            'broken1': {'default_availability_zone': 'broken',
                        'fail_methods': 'pause,snapshot'},
            'broken2': {'default_availability_zone': 'nospawn',
                        'fail_methods': 'spawn'}})
    try:
        c.start()
    except Exception:
        c.stop()
        raise
    yield c
    c.stop()
    if not os.environ.get('STRATUS_KEEP_LOGS'):
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img4') / 'disk.raw'
    path.write_bytes(b'\3' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'func-image-4')


def _events(cloud, server_id, action):
    actions = cloud.cli_json('server', 'event', 'list', server_id)
    request = [a for a in actions if a['Action'] == action][0]
    return cloud.cli_json('server', 'event', 'show', server_id,
                          request['Request ID'])['events']


def test_failed_spawn_is_error_with_fault_and_freed_node(cloud, image, rest):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--availability-zone',
                             'nospawn', 'doomed-build')
    server = rest.wait_server(created['id'], 'ERROR')
    assert 'injected failure in spawn' in server['fault']['message']
    events = _events(cloud, created['id'], 'create')
    failed = [e['event'] for e in events if e['result'] == 'Error']
    assert failed == ['compute_instance_spawn:SpawnGuestTask']
    # Usage columns left the hypervisor views at 2.88.
    hypervisors = {h['Hypervisor Hostname']: h for h in cloud.cli_json(
        '--os-compute-api-version', '2.87', 'hypervisor', 'list', '--long')}
    assert hypervisors['broken2']['vCPUs Used'] == 0
    cloud.cli('server', 'delete', '--wait', created['id'])


def test_failed_pause_stays_active(cloud, image, rest):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--availability-zone',
                             'broken', '--wait', 'no-pause')
    try:
        cloud.cli('server', 'pause', created['id'])
        events = []
        for _ in range(100):
            events = _events(cloud, created['id'], 'pause')
            if any(e['result'] == 'Error' for e in events):
                break
        server = rest.wait_server(created['id'], 'ACTIVE')
        assert server['OS-EXT-STS:task_state'] is None
        failed = [e['event'] for e in events if e['result'] == 'Error']
        assert failed == ['compute_instance_pause:PauseGuestTask']
        assert any(e['event'].endswith('RestoreStateOnRevertTask (revert)')
                   for e in events)
    finally:
        cloud.cli('server', 'delete', '--wait', created['id'])


def test_failed_snapshot_leaves_no_image(cloud, image, rest):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--availability-zone',
                             'broken', '--wait', 'no-snap')
    try:
        cloud.cli('server', 'image', 'create', '--name', 'never',
                  created['id'])
        rest.wait_server(created['id'], 'ACTIVE')
        for _ in range(100):
            if cloud.cli_json('image', 'list', '--name', 'never') == []:
                break
        assert cloud.cli_json('image', 'list', '--name', 'never') == []
    finally:
        cloud.cli('server', 'delete', '--wait', created['id'])


def test_anti_affinity_spreads_and_affinity_packs(cloud, image, rest):
    group = cloud.cli_json('server', 'group', 'create', '--policy',
                           'anti-affinity', 'spread')
    ids = []
    try:
        for name in ('aa-1', 'aa-2'):
            ids.append(cloud.cli_json(
                'server', 'create', '--flavor', 'm1.nano', '--image',
                image['id'], '--hint', 'group=%s' % group['id'],
                '--availability-zone', 'nova', '--wait', name)['id'])
        hosts = {rest.server(i)['OS-EXT-SRV-ATTR:host'] for i in ids}
        assert hosts == {'compute1', 'compute2'}
        third = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                               '--image', image['id'], '--hint',
                               'group=%s' % group['id'],
                               '--availability-zone', 'nova', 'aa-3')
        ids.append(third['id'])
        server = rest.wait_server(third['id'], 'ERROR')
        assert 'ServerGroupAntiAffinityFilter' in server['fault']['details']
    finally:
        for i in ids:
            cloud.cli('server', 'delete', '--wait', i, check=False)
        cloud.cli('server', 'group', 'delete', group['id'])
