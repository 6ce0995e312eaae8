"""Migration and on-demand retype of an attached volume with the real
openstack CLI against real daemons (fake virt and volume drivers): the
block storage asks the server's compute to swap its disk onto the copy
(nova's PUT os-volume_attachments/{old}), the compute completes the
migration; the volume ends in-use with migration_status success on the
other backend and the server still lists the same volume id. nova's swap
call itself: 409 for a volume that is not migrating, 403 for a member.
(The fake drivers carry no guest bytes; tests/e2e moves real ones.)"""
import time
import uuid

import pytest
from tempest.lib import exceptions as lib_exc

from support import cloud as cloud_support
from support import schemas
from support import strict_clients

V371 = {'OpenStack-API-Version': 'volume 3.71'}
SERVERS = '/compute/v2.1/servers'


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img') / 'disk.raw'
    path.write_bytes(b'\0' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'swap-func-image')


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _volume(rest, volume_id):
    resp = rest.get('/volume/v3/volumes/%s' % volume_id, headers=V371)
    return schemas.check(schemas.volume('volumes', '3.71').show_volume,
                         resp)['volume']


def _wait(rest, volume_id, predicate, what, timeout=60):
    deadline = time.monotonic() + timeout
    volume = None
    while time.monotonic() < deadline:
        volume = _volume(rest, volume_id)
        if predicate(volume):
            return volume
        time.sleep(0.1)
    raise AssertionError('volume %s not %s: %s' % (volume_id, what, volume))


def _attached_volume(cloud, rest, image, *volume_args, user='admin'):
    server = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                            '--image', image['id'], _name('s'), user=user)
    sid = rest.wait_server(server['id'], 'ACTIVE')['id'] \
        if user == 'admin' else server['id']
    volume = cloud.cli_json('volume', 'create', '--size', '1',
                            *volume_args, _name('v'), user=user)
    _wait(rest, volume['id'], lambda v: v['status'] == 'available',
          'available')
    if user != 'admin':
        return sid, volume['id']
    cloud.cli('server', 'add', 'volume', sid, volume['id'])
    _wait(rest, volume['id'], lambda v: v['status'] == 'in-use', 'in-use')
    return sid, volume['id']


def _other(volume):
    host = volume['os-vol-host-attr:host'].split('#')[0]
    return host[:-1] + ('2' if host.endswith('1') else '1')


def _server_still_has(cloud, rest, sid, vid):
    listed = [v['Volume ID'] for v in cloud.cli_json(
        'server', 'volume', 'list', sid)]
    assert listed == [vid]
    resp = rest.get(SERVERS + '/%s/os-volume_attachments' % sid)
    body = schemas.check(schemas.compute('servers').list_volume_attachments,
                         resp)
    assert [a['volumeId'] for a in body['volumeAttachments']] == [vid]
    actions = rest.get(SERVERS + '/%s/os-instance-actions' % sid).json()
    assert 'swap_volume' in [a['action'] for a in actions['instanceActions']]
    # tempest's own client, as strict automation reads it (2.89: the
    # attachment id is the new one, the volume id the same).
    servers = strict_clients.Compute(rest.cloud).servers
    with strict_clients.compute_microversion('2.89'):
        shown = servers.show_volume_attachment(sid, vid)['volumeAttachment']
        listed = servers.list_volume_attachments(sid)['volumeAttachments']
    assert shown['volumeId'] == vid and [a['volumeId'] for a in listed] == [
        vid]
    [attachment] = _volume(rest, vid)['attachments']
    assert shown['attachment_id'] == attachment['attachment_id']


def test_migrate_an_attached_volume(cloud, rest, image):
    sid, vid = _attached_volume(cloud, rest, image)
    before = _volume(rest, vid)
    other = _other(before)
    cloud.cli('volume', 'migrate', '--host', other, vid)
    shown = _wait(rest, vid, lambda v: v['os-vol-mig-status-attr:migstat']
                  in ('success', 'error'), 'migrated')
    assert (shown['os-vol-mig-status-attr:migstat'], shown['status']) == (
        'success', 'in-use')
    assert shown['os-vol-host-attr:host'].startswith(other)
    assert shown['os-vol-mig-status-attr:name_id'] not in (None, vid)
    assert [a['server_id'] for a in shown['attachments']] == [sid]
    _server_still_has(cloud, rest, sid, vid)
    # The temporary volume is gone.
    listed = cloud.cli_json('volume', 'list', '--all-projects')
    assert [v['ID'] for v in listed].count(vid) == 1
    assert not [v for v in listed if v['Name'] == before['name'] and
                v['ID'] != vid]
    cloud.cli('server', 'remove', 'volume', sid, vid)
    _wait(rest, vid, lambda v: v['status'] == 'available', 'detached')
    cloud.cli('server', 'delete', sid)
    cloud.cli('volume', 'delete', vid)


def test_retype_an_attached_volume_on_demand(cloud, rest, image):
    one, two = _name('t1'), _name('t2')
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=lvmdriver-1', one)
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=lvmdriver-2', two)
    sid, vid = _attached_volume(cloud, rest, image, '--type', one)
    cloud.cli('volume', 'set', '--type', two, '--retype-policy',
              'on-demand', vid)
    shown = _wait(rest, vid, lambda v: v['os-vol-mig-status-attr:migstat']
                  in ('success', 'error'), 'retyped')
    assert (shown['os-vol-mig-status-attr:migstat'], shown['status'],
            shown['volume_type']) == ('success', 'in-use', two)
    assert shown['os-vol-host-attr:host'].endswith('@lvmdriver-2'
                                                   '#lvmdriver-2')
    _server_still_has(cloud, rest, sid, vid)
    cloud.cli('server', 'delete', sid)


def test_nova_swap_call_is_cinders_only(cloud, rest, image):
    sid, vid = _attached_volume(cloud, rest, image)
    other = cloud.cli_json('volume', 'create', '--size', '1', _name('v'))
    path = SERVERS + '/%s/os-volume_attachments/%s' % (sid, vid)
    body = {'volumeAttachment': {'volumeId': other['id']}}
    for version in ('2.1', '2.85'):
        resp = rest.request('PUT', path, json=body, headers={
            'OpenStack-API-Version': 'compute %s' % version})
        assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
            'volume %s is not migrating; this API should only be called '
            'by Cinder' % vid)
    servers = strict_clients.Compute(cloud).servers
    with strict_clients.compute_microversion('2.84'):
        with pytest.raises(lib_exc.Conflict):
            servers.update_attached_volume(sid, vid, volumeId=other['id'])
    demo = cloud_support.Rest(cloud, user='demo')
    own, own_volume = _attached_volume(cloud, demo, image, user='demo')
    resp = demo.request('PUT', SERVERS + '/%s/os-volume_attachments/%s' % (
        own, own_volume), json={'volumeAttachment': {'volumeId': other[
            'id']}})
    schemas.check_fault(resp, 403, 'forbidden')
    assert _volume(rest, vid)['status'] == 'in-use'
    cloud.cli('server', 'delete', sid, own)
