"""os-volume_attachments in-process: request and response shapes per
microversion (2.1, 2.49, 2.70, 2.79, 2.85, 2.89), the checks (volume
available, server state, project, device names), the records an attach
and a detach leave (mapping, volume status, the cast to the compute), the
records-only path of a SHELVED_OFFLOADED server, volumes_attached in the
server view and the volumes of a server deleted without a host."""
import uuid

import pytest

from support import compute_api

from stratus.common import rpc
from stratus.db.api import block_devices
from stratus.db.api import instances
from stratus.db.api import volumes as db_volumes

SERVERS = compute_api.SERVERS
_mv = compute_api.mv


@pytest.fixture
def cloud(monkeypatch, admin):
    yield compute_api.build(monkeypatch, admin, (2, 100))
    rpc.init()


def _server(cloud, vm_state='active', host='compute1', token=None):
    return compute_api.boot(cloud, token, host=host, vm_state=vm_state)


def _volume(cloud, status='available', project_id=None, **values):
    project_id = project_id or _project(cloud)
    return db_volumes.create(dict({
        'id': str(uuid.uuid4()), 'project_id': project_id, 'user_id': 'u',
        'size': 1, 'status': status, 'host': None,
        'availability_zone': 'nova'}, **values))['id']


def _project(cloud):
    resp = cloud.get('/identity/v3/auth/tokens',
                     headers={'X-Subject-Token': cloud.token})
    return resp.json['token']['project']['id']


def _attach(cloud, sid, vid, version='2.89', token=None, **extra):
    return cloud.post(SERVERS + '/%s/os-volume_attachments' % sid,
                      {'volumeAttachment': dict({'volumeId': vid},
                                                **extra)},
                      headers=_mv(version, token))


def _status(vid):
    return db_volumes.get(vid)['status']


def test_attach_as_the_cli_sends_it(cloud):
    sid, vid = _server(cloud), _volume(cloud)
    resp = _attach(cloud, sid, vid, device=None)
    assert resp.status_int == 200, resp.text
    # 2.89 does not change the attach answer (tempest's v2_89 schema).
    assert resp.json == {'volumeAttachment': {
        'id': vid, 'serverId': sid, 'volumeId': vid, 'device': '/dev/vdb',
        'tag': None, 'delete_on_termination': False}}
    assert _status(vid) == 'reserved'
    bdm = block_devices.get_by_volume(sid, vid)
    assert bdm['attachment_id'] and bdm['device_name'] == '/dev/vdb'
    [(method, (instance, sent), _)] = cloud.casts.sent
    assert method == 'attach_volume' and instance['uuid'] == sid
    assert sent['uuid'] == bdm['uuid']
    actions = cloud.get(SERVERS + '/%s/os-instance-actions' % sid).json
    assert actions['instanceActions'][0]['action'] == 'attach_volume'


@pytest.mark.parametrize('version,keys', [
    ('2.1', {'id', 'serverId', 'volumeId', 'device'}),
    ('2.69', {'id', 'serverId', 'volumeId', 'device'}),
    ('2.70', {'id', 'serverId', 'volumeId', 'device', 'tag'}),
    ('2.79', {'id', 'serverId', 'volumeId', 'device', 'tag',
              'delete_on_termination'}),
    ('2.100', {'id', 'serverId', 'volumeId', 'device', 'tag',
               'delete_on_termination'}),
])
def test_attach_answer_per_microversion(cloud, version, keys):
    sid, vid = _server(cloud), _volume(cloud)
    resp = _attach(cloud, sid, vid, version)
    assert resp.status_int == 200 and set(resp.json['volumeAttachment']) \
        == keys


@pytest.mark.parametrize('version,extra,field', [
    ('2.48', {'tag': 't'}, 'tag'),
    ('2.78', {'delete_on_termination': True}, 'delete_on_termination'),
    ('2.89', {'device': 'vdb'}, 'device'),
    ('2.89', {'volumeId': 'not-a-uuid'}, 'volumeId'),
    ('2.89', {'bogus': 1}, 'bogus'),
])
def test_attach_bodies_per_microversion(cloud, version, extra, field):
    sid, vid = _server(cloud), _volume(cloud)
    resp = _attach(cloud, sid, vid, version, **extra)
    assert resp.status_int == 400 and field in resp.text


def test_tag_and_delete_on_termination_are_kept(cloud):
    sid, vid = _server(cloud), _volume(cloud)
    resp = _attach(cloud, sid, vid, '2.79', tag='data',
                   delete_on_termination=True)
    assert resp.json['volumeAttachment']['tag'] == 'data'
    assert resp.json['volumeAttachment']['delete_on_termination'] is True
    shown = cloud.get(SERVERS + '/%s/os-volume_attachments/%s' % (sid, vid),
                      headers=_mv('2.79')).json['volumeAttachment']
    assert (shown['tag'], shown['delete_on_termination']) == ('data', True)


@pytest.mark.parametrize('version,keys', [
    ('2.1', {'id', 'serverId', 'volumeId', 'device'}),
    ('2.70', {'id', 'serverId', 'volumeId', 'device', 'tag'}),
    ('2.79', {'id', 'serverId', 'volumeId', 'device', 'tag',
              'delete_on_termination'}),
    ('2.89', {'serverId', 'volumeId', 'device', 'tag',
              'delete_on_termination', 'attachment_id', 'bdm_uuid'}),
])
def test_show_and_list_per_microversion(cloud, version, keys):
    sid, vid = _server(cloud), _volume(cloud)
    _attach(cloud, sid, vid)
    bdm = block_devices.get_by_volume(sid, vid)
    path = SERVERS + '/%s/os-volume_attachments' % sid
    listed = cloud.get(path, headers=_mv(version)).json['volumeAttachments']
    shown = cloud.get(path + '/' + vid,
                      headers=_mv(version)).json['volumeAttachment']
    assert listed == [shown] and set(shown) == keys
    if version == '2.89':
        assert (shown['attachment_id'], shown['bdm_uuid']) == (
            bdm['attachment_id'], bdm['uuid'])


def test_list_pages_with_limit_and_offset(cloud):
    sid = _server(cloud)
    vids = [_volume(cloud) for _ in range(3)]
    for vid in vids:
        _attach(cloud, sid, vid)
    path = SERVERS + '/%s/os-volume_attachments' % sid
    page = cloud.get(path + '?limit=1&offset=1').json['volumeAttachments']
    assert [a['device'] for a in page] == ['/dev/vdc']
    assert cloud.get(path + '?bogus=1', headers=_mv('2.74')).status_int == \
        200
    assert cloud.get(path + '?bogus=1', headers=_mv('2.75')).status_int == \
        400


def test_volume_must_be_available(cloud):
    sid, vid = _server(cloud), _volume(cloud, status='in-use')
    resp = _attach(cloud, sid, vid)
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Invalid volume: volume '%s' status must be 'available'. Currently "
        "in 'in-use'" % vid)


def test_a_volume_attached_once_per_server(cloud):
    sid, vid = _server(cloud), _volume(cloud)
    _attach(cloud, sid, vid)
    assert _attach(cloud, sid, vid).status_int == 400


def test_device_names(cloud):
    sid = _server(cloud)
    resp = _attach(cloud, sid, _volume(cloud), device='/dev/vdd')
    assert resp.json['volumeAttachment']['device'] == '/dev/vdd'
    assert _attach(cloud, sid, _volume(cloud)).json['volumeAttachment'][
        'device'] == '/dev/vdb'
    assert _attach(cloud, sid, _volume(cloud)).json['volumeAttachment'][
        'device'] == '/dev/vdc'
    assert _attach(cloud, sid, _volume(cloud)).json['volumeAttachment'][
        'device'] == '/dev/vde'
    vid = _volume(cloud)
    resp = _attach(cloud, sid, vid, device='/dev/vdd')
    assert resp.status_int == 409
    assert _status(vid) == 'available'          # nothing was reserved
    assert _attach(cloud, sid, _volume(cloud), device='/dev/vda') \
        .status_int == 409


@pytest.mark.parametrize('vm_state,task_state', [
    ('building', None), ('suspended', None), ('rescued', None),
    ('active', 'pausing')])
def test_server_state_is_checked(cloud, vm_state, task_state):
    sid, vid = _server(cloud), _volume(cloud)
    instances.update(sid, {'vm_state': vm_state, 'task_state': task_state})
    resp = _attach(cloud, sid, vid)
    assert resp.status_int == 409 and 'attach_volume' in resp.text
    assert _status(vid) == 'available'


def test_locked_server_refuses_a_member(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    vid = _volume(cloud, project_id=demo['project_id'])
    cloud.post(SERVERS + '/%s/action' % sid, {'lock': None},
               headers=_mv('2.1', demo['token']))
    instances.update(sid, {'locked_by': 'admin'})
    assert _attach(cloud, sid, vid, token=demo['token']).status_int == 409


def test_other_projects_are_not_found(cloud, demo):
    sid = _server(cloud)
    mine = _volume(cloud, project_id=demo['project_id'])
    theirs = _volume(cloud)
    assert _attach(cloud, sid, mine, token=demo['token']).status_int == 404
    demo_sid = _server(cloud, token=demo['token'])
    assert _attach(cloud, demo_sid, theirs,
                   token=demo['token']).status_int == 404
    assert _attach(cloud, demo_sid, mine,
                   token=demo['token']).status_int == 200


def test_detach_moves_the_volume_to_detaching_and_casts(cloud):
    sid, vid = _server(cloud), _volume(cloud)
    _attach(cloud, sid, vid)
    # What the compute does: the attach is complete.
    db_volumes.update(vid, {'status': 'in-use', 'attach_status': 'attached'})
    path = SERVERS + '/%s/os-volume_attachments/%s' % (sid, vid)
    resp = cloud.delete(path, headers=_mv('2.89'))
    assert resp.status_int == 202 and not resp.body
    assert _status(vid) == 'detaching'
    method, (instance, bdm), _ = cloud.casts.sent[-1]
    assert method == 'detach_volume' and bdm['volume_id'] == vid
    # Detaching twice: the volume is not in-use any more.
    assert cloud.delete(path).status_int == 400


def test_detach_of_what_is_not_attached_is_404(cloud):
    sid, vid = _server(cloud), _volume(cloud)
    resp = cloud.delete(SERVERS + '/%s/os-volume_attachments/%s' % (sid,
                                                                    vid))
    assert resp.status_int == 404
    assert 'is not attached to volume' in resp.text


def test_root_volume_cannot_be_detached(cloud):
    sid, vid = _server(cloud), _volume(cloud, status='in-use')
    block_devices.create({'instance_uuid': sid, 'source_type': 'volume',
                          'destination_type': 'volume', 'boot_index': 0,
                          'device_name': '/dev/vda', 'volume_id': vid})
    resp = cloud.delete(SERVERS + '/%s/os-volume_attachments/%s' % (sid,
                                                                    vid))
    assert resp.status_int == 400
    assert 'Cannot detach a root device volume' in resp.text


def test_shelved_offloaded_needs_220_and_changes_records_only(cloud):
    sid = _server(cloud, vm_state='shelved_offloaded', host=None)
    vid = _volume(cloud)
    assert _attach(cloud, sid, vid, '2.19').status_int == 409
    resp = _attach(cloud, sid, vid, '2.20')
    assert resp.status_int == 200
    assert _status(vid) == 'reserved'           # until the unshelve
    assert cloud.casts.sent == []
    path = SERVERS + '/%s/os-volume_attachments/%s' % (sid, vid)
    assert cloud.delete(path, headers=_mv('2.19')).status_int == 409
    assert cloud.delete(path, headers=_mv('2.20')).status_int == 202
    assert _status(vid) == 'available'
    assert block_devices.for_instance(sid) == []
    assert cloud.casts.sent == []


def test_update_delete_on_termination_from_285(cloud):
    sid, vid = _server(cloud), _volume(cloud)
    _attach(cloud, sid, vid)
    path = SERVERS + '/%s/os-volume_attachments/%s' % (sid, vid)
    resp = cloud.put(path, {'volumeAttachment': {
        'volumeId': vid, 'delete_on_termination': True,
        'device': '/dev/vdb'}}, headers=_mv('2.85'))
    assert resp.status_int == 202, resp.text
    assert block_devices.get_by_volume(sid, vid)['delete_on_termination']
    resp = cloud.put(path, {'volumeAttachment': {
        'volumeId': vid, 'device': '/dev/vdc'}}, headers=_mv('2.85'))
    assert resp.status_int == 400 and 'not mutable' in resp.text
    resp = cloud.put(path, {'volumeAttachment': {
        'volumeId': vid, 'delete_on_termination': False}},
        headers=_mv('2.84'))
    assert resp.status_int == 400       # before 2.85 only volumeId


def test_swap_is_admin_only_and_refused(cloud, demo):
    # test_volume_swap.py covers the swap itself.
    sid, vid = _server(cloud, token=demo['token']), _volume(cloud)
    other = _volume(cloud)
    path = SERVERS + '/%s/os-volume_attachments/%s' % (sid, vid)
    body = {'volumeAttachment': {'volumeId': other}}
    resp = cloud.put(path, body, headers=_mv('2.84', demo['token']))
    assert resp.status_int == 403
    resp = cloud.put(path, body, headers=_mv('2.84'))
    assert resp.status_int == 409 and 'is not migrating' in resp.text


def test_server_view_lists_attached_volumes(cloud):
    sid, vid = _server(cloud), _volume(cloud)
    _attach(cloud, sid, vid, '2.79', delete_on_termination=True)
    shown = cloud.get(SERVERS + '/' + sid, headers=_mv('2.1')).json['server']
    assert shown['os-extended-volumes:volumes_attached'] == [{'id': vid}]
    listed = cloud.get(SERVERS + '/detail', headers=_mv('2.3')).json
    assert listed['servers'][0]['os-extended-volumes:volumes_attached'] == \
        [{'id': vid, 'delete_on_termination': True}]


def test_local_delete_releases_the_volumes(cloud):
    sid = _server(cloud, vm_state='shelved_offloaded', host=None)
    keep, drop = _volume(cloud), _volume(cloud)
    _attach(cloud, sid, keep, '2.79')
    _attach(cloud, sid, drop, '2.79', delete_on_termination=True)
    assert cloud.delete(SERVERS + '/' + sid).status_int == 204
    assert _status(keep) == 'available'
    with pytest.raises(Exception):
        db_volumes.get(drop)
    assert block_devices.for_instance(sid) == []


def test_servers_with_volumes_are_moved(cloud):
    sid, vid = _server(cloud), _volume(cloud)
    _attach(cloud, sid, vid)
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'migrate': None})
    assert resp.status_int == 202, resp.text
    assert instances.get(sid)['task_state'] == 'resize_prep'


def test_volume_backed_servers_need_2_93_for_another_image(cloud):
    sid = _server(cloud)
    instances.update(sid, {'image_ref': ''})
    vid = _volume(cloud, status='in-use',
                  image_metadata={'image_id': 'another'})
    block_devices.create({'instance_uuid': sid, 'volume_id': vid,
                          'source_type': 'volume',
                          'destination_type': 'volume', 'boot_index': 0,
                          'device_name': '/dev/vda'})
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'rebuild': {
        'imageRef': cloud.image['id']}})
    assert resp.status_int == 400 and 'volume-backed' in resp.text
