"""Volume transfers with the real openstack CLI against real daemons: admin
gives a volume (with its snapshot) to project demo and demo gives it back,
each side checking who owns what and whose quota usage counts it; delete,
--no-snapshots, a wrong key; raw REST answers checked with tempest's
schemas."""
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas


def _v(version):
    # A new dict each call: Rest.request adds its token to the one given.
    return {'OpenStack-API-Version': 'volume %s' % version}


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def demo_rest(cloud):
    return cloud_support.Rest(cloud, user='demo')


@pytest.fixture(scope='module')
def projects(cloud):
    return {user: cloud.cli_json('project', 'show', user)['id']
            for user in ('admin', 'demo')}


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _wait(rest, path, key, status, timeout=30):
    deadline = time.monotonic() + timeout
    body = None
    while time.monotonic() < deadline:
        resp = rest.get(path)
        if status == 'DELETED' and resp.status_code == 404:
            return None
        body = resp.json().get(key) if resp.ok else None
        if body and body['status'] == status:
            return body
        time.sleep(0.05)
    raise AssertionError('%s not %s: %s' % (path, status, body))


def _volume(cloud, rest, size=1):
    name = _name('tv')
    volume = cloud.cli_json('volume', 'create', '--size', str(size), name)
    _wait(rest, '/volume/v3/volumes/%s' % volume['id'], 'volume',
          'available')
    return name, volume['id']


def _snapshot(cloud, rest, volume_id):
    snapshot = cloud.cli_json('volume', 'snapshot', 'create', '--volume',
                              volume_id, _name('ts'))
    _wait(rest, '/volume/v3/snapshots/%s' % snapshot['id'], 'snapshot',
          'available')
    return snapshot['id']


def _usage(rest, project):
    """{resource: in use} of the project's volume quota, read with the
    caller's own token (each side reads its own)."""
    body = rest.get('/volume/v3/os-quota-sets/%s?usage=True'
                    % project).json()['quota_set']
    return {key: body[key]['in_use'] for key in ('volumes', 'gigabytes',
                                                 'snapshots')}


def _owner(rest, volume_id):
    return rest.get('/volume/v3/volumes/%s' % volume_id).json()['volume'][
        'os-vol-tenant-attr:tenant_id']


def _cleanup(cloud, rest, volume_id, snapshot_id=None):
    if snapshot_id:
        cloud.cli('volume', 'snapshot', 'delete', snapshot_id)
        _wait(rest, '/volume/v3/snapshots/%s' % snapshot_id, 'snapshot',
              'DELETED')
    cloud.cli('volume', 'delete', volume_id)
    _wait(rest, '/volume/v3/volumes/%s' % volume_id, 'volume', 'DELETED')


def test_give_to_demo_and_back(cloud, rest, demo_rest, projects):
    name, volume_id = _volume(cloud, rest, size=2)
    snapshot_id = _snapshot(cloud, rest, volume_id)
    admin_before = _usage(rest, projects['admin'])
    demo_before = _usage(demo_rest, projects['demo'])

    transfer_name = _name('gift')
    created = cloud.cli_json('volume', 'transfer', 'request', 'create',
                             '--name', transfer_name, name)
    assert set(created) == {'auth_key', 'created_at', 'id', 'name',
                            'volume_id'}
    assert (created['name'], created['volume_id']) == (transfer_name,
                                                       volume_id)
    assert len(created['auth_key']) == 16
    listed = cloud.cli_json('volume', 'transfer', 'request', 'list')
    assert {'ID': created['id'], 'Name': transfer_name,
            'Volume': volume_id} in listed
    # show by name: the SDK falls back from GET by id to the list.
    shown = cloud.cli_json('volume', 'transfer', 'request', 'show',
                           transfer_name)
    assert set(shown) == {'created_at', 'id', 'name', 'volume_id'}
    assert shown['id'] == created['id']
    assert cloud.cli_json('volume', 'show', name)['status'] == \
        'awaiting-transfer'
    # demo cannot see the offer, only accept it with the key.
    assert cloud.cli_json('volume', 'transfer', 'request', 'list',
                          user='demo') == []

    accepted = cloud.cli_json('volume', 'transfer', 'request', 'accept',
                              '--auth-key', created['auth_key'],
                              created['id'], user='demo')
    assert accepted == {'id': created['id'], 'name': transfer_name,
                        'volume_id': volume_id}
    mine = cloud.cli_json('volume', 'show', volume_id, user='demo')
    assert mine['status'] == 'available'
    assert _owner(rest, volume_id) == projects['demo']
    demo_snapshots = cloud.cli_json('volume', 'snapshot', 'list',
                                    user='demo')
    assert snapshot_id in [s['ID'] for s in demo_snapshots]
    moved = {'volumes': 1, 'gigabytes': 4, 'snapshots': 1}
    assert _usage(rest, projects['admin']) == {
        k: admin_before[k] - v for k, v in moved.items()}
    assert _usage(demo_rest, projects['demo']) == {
        k: demo_before[k] + v for k, v in moved.items()}
    assert cloud.cli_json('volume', 'transfer', 'request', 'list') == []

    back = cloud.cli_json('volume', 'transfer', 'request', 'create',
                          volume_id, user='demo')
    assert back['name'] is None
    assert [t['ID'] for t in cloud.cli_json(
        'volume', 'transfer', 'request', 'list', user='demo')] == [back['id']]
    # The SDK drops --all-projects (no such query parameter on its
    # Transfer), so the admin still lists its own project's offers only;
    # all_tenants on the REST call shows demo's.
    assert cloud.cli_json('volume', 'transfer', 'request', 'list',
                          '--all-projects') == []
    assert [t['id'] for t in rest.get(
        '/volume/v3/volume-transfers?all_tenants=1').json()[
        'transfers']] == [back['id']]
    cloud.cli_json('volume', 'transfer', 'request', 'accept', '--auth-key',
                   back['auth_key'], back['id'])
    assert _owner(rest, volume_id) == projects['admin']
    assert _usage(rest, projects['admin']) == admin_before
    assert _usage(demo_rest, projects['demo']) == demo_before
    assert snapshot_id not in [s['ID'] for s in cloud.cli_json(
        'volume', 'snapshot', 'list', user='demo')]
    _cleanup(cloud, rest, volume_id, snapshot_id)


def test_no_snapshots_leaves_the_snapshot_behind(cloud, rest, demo_rest,
                                                 projects):
    name, volume_id = _volume(cloud, rest)
    snapshot_id = _snapshot(cloud, rest, volume_id)
    created = cloud.cli_json('--os-volume-api-version', '3.55', 'volume',
                             'transfer', 'request', 'create',
                             '--no-snapshots', name)
    detail = schemas.check(
        schemas.volume('transfers', '3.57').show_volume_transfer,
        rest.get('/volume/v3/volume-transfers/%s' % created['id'],
                 headers=_v('3.57')))['transfer']
    assert (detail['no_snapshots'], detail['accepted'],
            detail['source_project_id'], detail['destination_project_id']) \
        == (True, False, projects['admin'], None)
    cloud.cli('volume', 'transfer', 'request', 'accept', '--auth-key',
              created['auth_key'], created['id'], user='demo')
    assert _owner(rest, volume_id) == projects['demo']
    snapshot = rest.get('/volume/v3/snapshots/%s' % snapshot_id).json()[
        'snapshot']
    assert snapshot['os-extended-snapshot-attributes:project_id'] == \
        projects['admin']
    # The snapshot stays where it was, so demo cannot delete the volume.
    result = cloud.cli('volume', 'delete', volume_id, user='demo',
                       check=False)
    assert result.returncode != 0
    _cleanup(cloud, rest, volume_id, snapshot_id)


def test_delete_and_wrong_key(cloud, rest, demo_rest):
    name, volume_id = _volume(cloud, rest)
    created = cloud.cli_json('volume', 'transfer', 'request', 'create',
                             '--name', _name('gone'), name)
    result = cloud.cli('volume', 'transfer', 'request', 'accept',
                       '--auth-key', '0' * 16, created['id'], user='demo',
                       check=False)
    assert result.returncode != 0
    assert 'Invalid auth key: Attempt to transfer %s with invalid auth ' \
           'key.' % created['id'] in result.stderr
    cloud.cli('volume', 'transfer', 'request', 'delete', created['id'])
    assert cloud.cli_json('volume', 'show', name)['status'] == 'available'
    result = cloud.cli('volume', 'transfer', 'request', 'show',
                       created['id'], check=False)
    assert result.returncode != 0
    resp = rest.get('/volume/v3/volume-transfers/%s' % created['id'])
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Transfer %s could not be found.' % created['id']
    _cleanup(cloud, rest, volume_id)


def test_rest_answers_match_tempest(cloud, rest, demo_rest, projects):
    name, volume_id = _volume(cloud, rest)
    for route in ('volume-transfers', 'os-volume-transfer'):
        for version in ('3.0', '3.55', '3.57', '3.71'):
            headers = _v(version)
            schema = schemas.volume('transfers', version)
            created = schemas.check(
                schema.create_volume_transfer,
                rest.request('POST', '/volume/v3/%s' % route,
                             json={'transfer': {'volume_id': volume_id}},
                             headers=headers))['transfer']
            url = '/volume/v3/%s/%s' % (route, created['id'])
            schemas.check(schema.show_volume_transfer,
                          rest.get(url, headers=headers))
            schemas.check(schema.list_volume_transfers_no_detail, rest.get(
                '/volume/v3/%s' % route, headers=headers))
            schemas.check(schema.list_volume_transfers_with_detail,
                          rest.get('/volume/v3/%s/detail' % route,
                                   headers=headers))
            schemas.check(schema.delete_volume_transfer,
                          rest.request('DELETE', url, headers=headers))
    created = rest.request('POST', '/volume/v3/volume-transfers',
                           json={'transfer': {'volume_id': volume_id}},
                           headers=_v('3.55')).json()['transfer']
    resp = demo_rest.request(
        'POST', '/volume/v3/volume-transfers/%s/accept' % created['id'],
        json={'accept': {'auth_key': created['auth_key']}},
        headers=_v('3.55'))
    accepted = schemas.check(
        schemas.volume('transfers', '3.55').accept_volume_transfer,
        resp)['transfer']
    assert accepted['volume_id'] == volume_id
    assert _owner(rest, volume_id) == projects['demo']
    # The volume of demo is not available to admin's offer any more.
    resp = demo_rest.request('POST', '/volume/v3/volume-transfers',
                             json={'transfer': {'volume_id': volume_id,
                                                'no_snapshots': 'yes'}},
                             headers=_v('3.55'))
    back = schemas.check(
        schemas.volume('transfers', '3.55').create_volume_transfer,
        resp)['transfer']
    assert back['no_snapshots'] is True
    resp = demo_rest.request('DELETE', '/volume/v3/volume-transfers/%s'
                             % back['id'])
    assert resp.status_code == 202
    cloud.cli('volume', 'delete', volume_id, user='demo')
    _wait(rest, '/volume/v3/volumes/%s' % volume_id, 'volume', 'DELETED')
