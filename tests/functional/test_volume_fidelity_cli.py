"""The block-storage routes stratus serves, driven by the real openstack
CLI against real daemons, each answer also fetched raw and judged by
tempest's schema for that call: volumes, snapshots, attachments (3.27+),
messages (3.3+), quotas, limits, zones and pools."""
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas

V3 = '/volume/v3'


def _mv(version):
    return {'OpenStack-API-Version': 'volume %s' % version}


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def demo_rest(cloud):
    return cloud_support.Rest(cloud, user='demo')


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _wait(rest, path, key, status, timeout=30):
    deadline = time.monotonic() + timeout
    body = None
    while time.monotonic() < deadline:
        resp = rest.get(V3 + path, headers=_mv('3.71'))
        if status == 'DELETED' and resp.status_code == 404:
            return None
        body = resp.json().get(key) if resp.ok else None
        if body and body['status'] == status:
            return body
        time.sleep(0.05)
    raise AssertionError('%s not %s: %s' % (path, status, body))


def _volume(cloud, rest, *args, user='admin'):
    name = _name('fv')
    volume = cloud.cli_json('volume', 'create', '--size', '1', *args, name,
                            user=user)
    _wait(rest, '/volumes/%s' % volume['id'], 'volume', 'available')
    return name, volume['id']


def test_volume_create_list_show_set_unset_delete(cloud, rest):
    name, vid = _volume(cloud, rest, '--description', 'd', '--property',
                        'a=1', '--property', 'b=2', '--availability-zone',
                        'nova')
    shown = cloud.cli_json('volume', 'show', name)
    assert (shown['description'], shown['properties'],
            shown['availability_zone']) == ('d', {'a': '1', 'b': '2'}, 'nova')
    for version in ('3.0', '3.61', '3.65', '3.71'):
        schema = schemas.volume('volumes', version)
        schemas.check(schema.show_volume, rest.get(
            V3 + '/volumes/%s' % vid, headers=_mv(version)))
        schemas.check(schema.list_volumes_with_detail, rest.get(
            V3 + '/volumes/detail', headers=_mv(version)))
        schemas.check(schema.list_volumes_no_detail, rest.get(
            V3 + '/volumes', headers=_mv(version)))
    assert [v['Name'] for v in cloud.cli_json(
        'volume', 'list', '--name', name)] == [name]
    assert name in [v['Name'] for v in cloud.cli_json(
        'volume', 'list', '--status', 'available', '--long')]
    assert name in [v['Name'] for v in cloud.cli_json(
        'volume', 'list', '--property', 'a=1')]
    cloud.cli('volume', 'set', '--name', name + '-r', '--description', 'x',
              '--property', 'c=3', name)
    cloud.cli('volume', 'unset', '--property', 'a', name + '-r')
    shown = cloud.cli_json('volume', 'show', name + '-r')
    assert (shown['description'], shown['properties']) == (
        'x', {'b': '2', 'c': '3'})
    meta = schemas.check(schemas.volume('volumes').show_volume_metadata,
                         rest.get(V3 + '/volumes/%s/metadata' % vid))
    assert meta == {'metadata': {'b': '2', 'c': '3'}}
    # A clone, by the CLI, from the volume.
    clone = cloud.cli_json('volume', 'create', '--source', name + '-r',
                           _name('fc'))
    _wait(rest, '/volumes/%s' % clone['id'], 'volume', 'available')
    assert cloud.cli_json('volume', 'show', clone['id'])[
        'source_volid'] == vid
    cloud.cli('volume', 'delete', clone['id'], name + '-r')
    _wait(rest, '/volumes/%s' % vid, 'volume', 'DELETED')


def test_volume_rest_bodies_and_faults(cloud, rest, demo_rest):
    schema = schemas.volume('volumes', '3.71')
    resp = rest.request('POST', V3 + '/volumes', headers=_mv('3.71'),
                        json={'volume': {'size': 1, 'name': ' raw '},
                              'OS-SCH-HNT:scheduler_hints': {}})
    volume = schemas.check(schema.create_volume, resp)['volume']
    assert volume['name'] == 'raw'
    _wait(rest, '/volumes/%s' % volume['id'], 'volume', 'available')
    url = V3 + '/volumes/%s' % volume['id']
    schemas.check(dict(schema.create_volume, status_code=[200]),
                  rest.request('PUT', url, headers=_mv('3.71'),
                               json={'volume': {'description': 'u'}}))
    resp = rest.request('POST', V3 + '/volumes', headers=_mv('3.71'),
                        json={'volume': {'size': 1, 'multiattach': True}})
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'multiattach parameter has been removed.')
    resp = rest.request('POST', V3 + '/volumes', headers=_mv('3.71'),
                        json={'volume': {'size': 1, 'user_id': 'x'}})
    schemas.check_fault(resp, 400, 'badRequest')
    # A member neither sees the admin's volume nor names other filters.
    schemas.check_fault(demo_rest.get(url), 404, 'itemNotFound')
    resp = demo_rest.get(V3 + '/volumes?user_id=x', headers=_mv('3.71'))
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Invalid filters user_id are found in query options.'
    counted = rest.get(V3 + '/volumes?with_count=true',
                       headers=_mv('3.45')).json()
    assert set(counted) == {'volumes', 'count'}
    schemas.check(schema.delete_volume, rest.request('DELETE', url))
    _wait(rest, '/volumes/%s' % volume['id'], 'volume', 'DELETED')


def test_snapshot_commands(cloud, rest):
    name, vid = _volume(cloud, rest)
    snap_name = _name('fs')
    snap = cloud.cli_json('volume', 'snapshot', 'create', '--volume', name,
                          '--description', 'd', '--property', 'k=v',
                          snap_name)
    _wait(rest, '/snapshots/%s' % snap['id'], 'snapshot', 'available')
    schema = schemas.volume('snapshots')
    schemas.check(schema.show_snapshot, rest.get(
        V3 + '/snapshots/%s' % snap['id'], headers=_mv('3.0')))
    schemas.check(schema.list_snapshots_with_detail, rest.get(
        V3 + '/snapshots/detail', headers=_mv('3.0')))
    schemas.check(schema.list_snapshots_no_detail, rest.get(
        V3 + '/snapshots', headers=_mv('3.0')))
    listed = cloud.cli_json('volume', 'snapshot', 'list', '--long',
                            '--volume', name)
    assert [s['Name'] for s in listed] == [snap_name]
    assert listed[0]['Properties'] == {'k': 'v'}
    cloud.cli('volume', 'snapshot', 'set', '--name', snap_name + '-r',
              '--description', 'x', '--property', 'm=n', snap_name)
    cloud.cli('volume', 'snapshot', 'unset', '--property', 'k',
              snap_name + '-r')
    shown = cloud.cli_json('volume', 'snapshot', 'show', snap_name + '-r')
    assert (shown['description'], shown['properties']) == ('x', {'m': 'n'})
    schemas.check(schema.show_snapshot_metadata, rest.get(
        V3 + '/snapshots/%s/metadata' % snap['id']))
    cloud.cli('volume', 'snapshot', 'delete', snap_name + '-r')
    _wait(rest, '/snapshots/%s' % snap['id'], 'snapshot', 'DELETED')
    cloud.cli('volume', 'delete', name)


@pytest.fixture(scope='module')
def server(cloud, rest, tmp_path_factory):
    path = tmp_path_factory.mktemp('img') / 'disk.raw'
    path.write_bytes(b'\0' * 4096)
    image = cloud.cli_json('image', 'create', '--file', str(path),
                           '--disk-format', 'raw', '--container-format',
                           'bare', '--public', _name('fi'))
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], _name('fsrv'))
    return rest.wait_server(created['id'], 'ACTIVE')


def test_attachment_commands(cloud, rest, server):
    name, vid = _volume(cloud, rest)
    # Before 3.54 the SDK sends 'mode': null, which cinder's schema of
    # those versions refuses as an unknown key.
    result = cloud.cli('--os-volume-api-version', '3.44', 'volume',
                       'attachment', 'create', name, '--server',
                       server['id'], check=False)
    assert result.returncode != 0
    assert "Additional properties are not allowed ('mode' was " \
        "unexpected)" in result.stderr
    mv = ['--os-volume-api-version', '3.54']
    attachment = cloud.cli_json(*mv, 'volume', 'attachment', 'create',
                                name, '--server', server['id'])
    assert attachment['Status'] == 'reserved'
    aid = attachment['ID']
    listed = cloud.cli_json(*mv, 'volume', 'attachment', 'list',
                            '--volume-id', vid)
    assert [a['ID'] for a in listed] == [aid]
    body = rest.get(V3 + '/attachments/%s' % aid, headers=_mv('3.27')).json()
    assert set(body['attachment']) == {
        'id', 'status', 'instance', 'volume_id', 'attached_at',
        'detached_at', 'attach_mode', 'connection_info'}
    cloud.cli(*mv, 'volume', 'attachment', 'set', '--host', 'compute1',
              '--mountpoint', '/dev/vdb', aid)
    cloud.cli(*mv, 'volume', 'attachment', 'complete', aid)
    shown = cloud.cli_json(*mv, 'volume', 'attachment', 'show', aid)
    assert shown['Status'] == 'attached'
    assert _wait(rest, '/volumes/%s' % vid, 'volume', 'in-use')[
        'attachments'][0]['attachment_id'] == aid
    cloud.cli(*mv, 'volume', 'attachment', 'delete', aid)
    _wait(rest, '/volumes/%s' % vid, 'volume', 'available')
    result = cloud.cli('--os-volume-api-version', '3.26', 'volume',
                       'attachment', 'list', check=False)
    assert result.returncode != 0
    cloud.cli('volume', 'delete', name)


def test_message_commands(cloud, rest, demo_rest):
    type_name = _name('nowhere')
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=nope', type_name)
    volume = cloud.cli_json('volume', 'create', '--size', '1', '--type',
                            type_name, _name('fe'), user='demo')
    _wait(demo_rest, '/volumes/%s' % volume['id'], 'volume', 'error')
    mv = ['--os-volume-api-version', '3.3']
    messages = cloud.cli_json(*mv, 'volume', 'message', 'list',
                              user='demo')
    [mine] = [m for m in messages if m['Resource UUID'] == volume['id']]
    schema = schemas.volume('messages')
    schemas.check(schema.list_messages, demo_rest.get(
        V3 + '/messages', headers=_mv('3.3')))
    schemas.check(schema.show_message, demo_rest.get(
        V3 + '/messages/%s' % mine['ID'], headers=_mv('3.3')))
    shown = cloud.cli_json(*mv, 'volume', 'message', 'show', mine['ID'],
                           user='demo')
    # The SDK reads the show answer under 'messages' (cinder's key is
    # 'message'), so only the id it asked for comes back filled in.
    assert shown['ID'] == mine['ID']
    assert mine['User Message'].startswith('schedule allocate volume')
    cloud.cli(*mv, 'volume', 'message', 'delete', mine['ID'], user='demo')
    schemas.check_fault(demo_rest.get(V3 + '/messages/%s' % mine['ID'],
                                      headers=_mv('3.3')), 404,
                        'itemNotFound')
    cloud.cli('volume', 'delete', volume['id'], user='demo')


def test_quota_limits_zones_pools(cloud, rest, demo_rest):
    project = cloud.cli_json('project', 'show', 'demo')['id']
    quotas = schemas.volume('quotas')
    cloud.cli('quota', 'set', '--volumes', '7', '--snapshots', '8',
              '--gigabytes', '900', project)
    try:
        shown = {row['Resource']: row['Limit'] for row in cloud.cli_json(
            'quota', 'show', project)}
        assert (shown['volumes'], shown['snapshots'],
                shown['gigabytes']) == (7, 8, 900)
        url = V3 + '/os-quota-sets/%s' % project
        schemas.check(quotas.show_quota_set, rest.get(url))
        schemas.check(quotas.show_quota_set_usage,
                      rest.get(url + '?usage=True'))
        schemas.check(quotas.show_quota_set, rest.get(url + '/defaults'))
        absolute = {row['Name']: row['Value'] for row in cloud.cli_json(
            'limits', 'show', '--absolute', user='demo')}
        assert absolute['max_total_volumes'] == 7
        assert cloud.cli_json('limits', 'show', '--rate',
                              user='demo') == []
        schemas.check(schemas.volume('limits').show_limits,
                      demo_rest.get(V3 + '/limits'))
    finally:
        cloud.cli('quota', 'set', '--volumes', '10', '--snapshots', '10',
                  '--gigabytes', '1000', project)
    zones = cloud.cli_json('availability', 'zone', 'list', '--volume')
    assert {(z['Zone Name'], z['Zone Status']) for z in zones} == {
        ('nova', 'available')}
    body = rest.get(V3 + '/os-availability-zone').json()
    assert body == {'availabilityZoneInfo': [
        {'zoneName': 'nova', 'zoneState': {'available': True}}]}
    pools = cloud.cli_json('volume', 'backend', 'pool', 'list', '--long')
    assert len(pools) == 2
    stats = schemas.volume('scheduler_stats')
    schemas.check(stats.get_pools_with_detail, rest.get(
        V3 + '/scheduler-stats/get_pools?detail=True'))
    schemas.check(stats.get_pools_no_detail, rest.get(
        V3 + '/scheduler-stats/get_pools'))
    schemas.check_fault(demo_rest.get(V3 + '/scheduler-stats/get_pools'),
                        403, 'forbidden')
