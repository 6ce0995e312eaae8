"""The volume side of attaching: the legacy actions and the attachments
API, with the fake driver's local connection info."""


def _status(vcloud, volume_id):
    return vcloud.show(volume_id)['status']


def test_legacy_attach_and_detach(vcloud):
    volume = vcloud.create_volume()
    vid = volume['id']
    assert vcloud.action(vid, {'os-reserve': None}).status_int == 202
    assert _status(vcloud, vid) == 'attaching'
    resp = vcloud.action(vid, {'os-reserve': None})
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Volume status must be available to reserve, but '
        'the status is attaching.')
    resp = vcloud.action(vid, {'os-initialize_connection': {
        'connector': {'host': 'compute1', 'initiator': 'iqn.x'}}})
    assert resp.status_int == 200
    info = resp.json['connection_info']
    assert info['driver_volume_type'] == 'local'
    assert info['data']['device_path'] == '/dev/fake/%s' % vid
    assert info['data']['access_mode'] == 'rw'
    server = '11111111-2222-3333-4444-555555555555'
    assert vcloud.action(vid, {'os-attach': {
        'instance_uuid': server, 'mountpoint': '/dev/vdb'}}).status_int == \
        202
    shown = vcloud.show(vid)
    assert shown['status'] == 'in-use'
    attachment = shown['attachments'][0]
    assert (attachment['server_id'], attachment['device'],
            attachment['host_name']) == (server, '/dev/vdb', None)
    assert set(attachment) == {'id', 'attachment_id', 'volume_id',
                               'server_id', 'host_name', 'device',
                               'attached_at'}
    assert vcloud.action(vid, {'os-begin_detaching': None}).status_int == \
        202
    assert _status(vcloud, vid) == 'detaching'
    vcloud.action(vid, {'os-roll_detaching': None})
    assert _status(vcloud, vid) == 'in-use'
    vcloud.action(vid, {'os-begin_detaching': None})
    assert vcloud.action(vid, {'os-terminate_connection': {
        'connector': {'host': 'compute1'}}}).status_int == 202
    assert vcloud.action(vid, {'os-detach': {
        'attachment_id': attachment['attachment_id']}}).status_int == 202
    shown = vcloud.show(vid)
    assert (shown['status'], shown['attachments']) == ('available', [])


def test_begin_detaching_needs_in_use(vcloud):
    volume = vcloud.create_volume()
    resp = vcloud.action(volume['id'], {'os-begin_detaching': None})
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        "Invalid volume: Unable to detach volume. Volume status must be "
        "'in-use' and attach_status must be 'attached' to detach.")


def test_unreserve_returns_to_available(vcloud):
    volume = vcloud.create_volume()
    vcloud.action(volume['id'], {'os-reserve': None})
    vcloud.action(volume['id'], {'os-unreserve': None})
    assert _status(vcloud, volume['id']) == 'available'


def test_in_use_volume_cannot_be_deleted(vcloud):
    volume = vcloud.create_volume()
    vcloud.action(volume['id'], {'os-attach': {
        'instance_uuid': '11111111-2222-3333-4444-555555555555',
        'mountpoint': '/dev/vdb'}})
    resp = vcloud.delete('/volumes/%s' % volume['id'])
    assert resp.status_int == 400


def test_attachments_api(vcloud):
    volume = vcloud.create_volume()
    server = '11111111-2222-3333-4444-555555555555'
    body = {'attachment': {'volume_uuid': volume['id'],
                           'instance_uuid': server}}
    assert vcloud.post('/attachments', body,
                       version='3.26').status_int == 404
    resp = vcloud.post('/attachments', body, version='3.27')
    assert resp.status_int == 200
    attachment = resp.json['attachment']
    assert set(attachment) == {'id', 'status', 'instance', 'volume_id',
                               'attached_at', 'detached_at', 'attach_mode',
                               'connection_info'}
    assert attachment['status'] == 'reserved'
    assert _status(vcloud, volume['id']) == 'reserved'
    other = {'attachment': {'volume_uuid': volume['id'],
                            'instance_uuid': server[:-1] + '6'}}
    again = vcloud.post('/attachments', other)
    assert again.status_int == 400
    assert 'status must be available or downloading to reserve' in \
        again.json['badRequest']['message']
    url = '/attachments/%s' % attachment['id']
    resp = vcloud.put(url, {'attachment': {'connector': {
        'host': 'compute1', 'mountpoint': '/dev/vdc'}}})
    assert resp.status_int == 200
    updated = resp.json['attachment']
    assert updated['status'] == 'attaching'
    # cinder's attachment connection info is flat: the driver's data
    # beside driver_volume_type, attachment_id and enforce_multipath.
    info = updated['connection_info']
    assert (info['driver_volume_type'], info['attachment_id'],
            info['enforce_multipath'], 'data' in info) == (
        'local', attachment['id'], False, False)
    assert info['device_path'] == \
        '/dev/fake/%s' % volume['id']
    assert _status(vcloud, volume['id']) == 'attaching'
    assert vcloud.post(url + '/action', {'os-complete': None},
                       version='3.43').status_int == 404
    assert vcloud.post(url + '/action', {'os-complete': None},
                       version='3.44').status_int == 204
    shown = vcloud.show(volume['id'])
    assert shown['status'] == 'in-use'
    assert shown['attachments'][0]['device'] == '/dev/vdc'
    listed = vcloud.get('/attachments?volume_id=%s' % volume['id']).json
    assert [a['id'] for a in listed['attachments']] == [attachment['id']]
    assert vcloud.get(url).json['attachment']['status'] == 'attached'
    resp = vcloud.delete(url)
    assert (resp.status_int, resp.json) == (200, {'attachments': []})
    assert _status(vcloud, volume['id']) == 'available'
    assert vcloud.get(url).status_int == 404


def test_attachment_with_connector_at_once(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    resp = vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'],
        'instance_uuid': '11111111-2222-3333-4444-555555555555',
        'connector': {'host': 'compute1'}, 'mode': 'ro'}}, user=demo)
    assert resp.status_int == 200
    attachment = resp.json['attachment']
    assert attachment['attach_mode'] == 'ro'
    # cinder's access_mode comes from the volume's flags only.
    assert attachment['connection_info']['access_mode'] == 'rw'
    # Another project cannot see it.
    other = vcloud.create_volume()
    assert other
    assert vcloud.get('/attachments').json['attachments'] == []
    assert vcloud.get('/attachments?all_tenants=1').json['attachments']


def test_same_server_takes_a_second_attachment(vcloud):
    """cinder's override: the server that has the volume may reserve it
    again (nova's moves); deleting the first attachment leaves the volume
    as the second one is (reserved), not available."""
    volume = vcloud.create_volume()
    server = '11111111-2222-3333-4444-555555555555'
    body = {'attachment': {'volume_uuid': volume['id'],
                           'instance_uuid': server}}
    first = vcloud.post('/attachments', body, version='3.27')
    url = '/attachments/%s' % first.json['attachment']['id']
    vcloud.put(url, {'attachment': {'connector': {
        'host': 'compute1', 'mountpoint': '/dev/vdb'}}}, version='3.27')
    vcloud.post(url + '/action', {'os-complete': None}, version='3.44')
    assert _status(vcloud, volume['id']) == 'in-use'
    second = vcloud.post('/attachments', body, version='3.27')
    assert second.status_int == 200, second.text
    assert second.json['attachment']['status'] == 'reserved'
    assert _status(vcloud, volume['id']) == 'in-use'
    assert vcloud.delete(url, version='3.27').status_int == 200
    assert _status(vcloud, volume['id']) == 'reserved'
