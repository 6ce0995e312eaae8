"""Attach modes as cinder records them at each step: the attachment's
attach_mode ('null' when none is given, the create-time mode kept), the
connection info's access_mode (from the volume's flags only) and the
'attached_mode' the legacy os-attach shows among the metadata."""
import uuid

from support import schemas

from stratus.db.api import volume_attachments

SHOW = schemas.volume('volumes', '3.71').show_volume
SCHEMA = schemas.volume('volumes')
DETAIL_KEYS = {'id', 'status', 'instance', 'volume_id', 'attached_at',
               'detached_at', 'attach_mode', 'connection_info'}
CONNECTOR = {'host': 'compute1', 'initiator': 'iqn.x'}


def _create(vcloud, volume_id, version='3.71', **extra):
    body = {'volume_uuid': volume_id, 'instance_uuid': str(uuid.uuid4())}
    body.update(extra)
    resp = vcloud.post('/attachments', {'attachment': body}, version=version)
    assert resp.status_int == 200, resp.body
    attachment = resp.json['attachment']
    assert set(attachment) == DETAIL_KEYS
    return attachment


def _update(vcloud, attachment_id, connector):
    resp = vcloud.put('/attachments/%s' % attachment_id,
                      {'attachment': {'connector': connector}})
    assert resp.status_int == 200, resp.body
    assert set(resp.json['attachment']) == DETAIL_KEYS
    return resp.json['attachment']


def _metadata(vcloud, volume_id):
    resp = vcloud.get('/volumes/%s' % volume_id)
    return schemas.check(SHOW, resp)['volume']['metadata']


def test_create_without_mode_is_null_and_connector_mode_wins(vcloud):
    volume = vcloud.create_volume()
    attachment = _create(vcloud, volume['id'])
    assert (attachment['attach_mode'], attachment['connection_info']) == (
        'null', {})
    updated = _update(vcloud, attachment['id'], dict(CONNECTOR, mode='ro'))
    assert updated['attach_mode'] == 'ro'
    # access_mode comes from the volume's flags, not the attachment.
    assert updated['connection_info']['access_mode'] == 'rw'
    assert vcloud.post('/attachments/%s/action' % attachment['id'],
                       {'os-complete': None}).status_int == 204
    shown = vcloud.get('/attachments/%s' % attachment['id']).json
    assert shown['attachment']['attach_mode'] == 'ro'
    # The attachments API sets no attached_mode flag.
    assert _metadata(vcloud, volume['id']) == {}


def test_connector_without_mode_gives_rw(vcloud):
    volume = vcloud.create_volume()
    attachment = _create(vcloud, volume['id'])
    assert _update(vcloud, attachment['id'], CONNECTOR)['attach_mode'] == \
        'rw'
    row = volume_attachments.get(attachment['id'])
    assert row['mountpoint'] == 'na'
    assert row['connector']['host'] == 'compute1'


def test_create_time_mode_is_kept_on_update(vcloud):
    volume = vcloud.create_volume()
    attachment = _create(vcloud, volume['id'], mode='ro')
    assert attachment['attach_mode'] == 'ro'
    updated = _update(vcloud, attachment['id'], dict(CONNECTOR, mode='rw'))
    assert updated['attach_mode'] == 'ro'
    assert updated['connection_info']['access_mode'] == 'rw'
    # The connector is recorded with the mode that won.
    assert volume_attachments.get(attachment['id'])['connector']['mode'] == \
        'ro'


def test_before_354_the_mode_is_null(vcloud):
    volume = vcloud.create_volume()
    resp = vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'], 'mode': 'ro'}}, version='3.53')
    assert resp.status_int == 400
    attachment = _create(vcloud, volume['id'], version='3.53')
    assert attachment['attach_mode'] == 'null'


def test_create_with_connector_keeps_the_create_time_mode(vcloud):
    volume = vcloud.create_volume()
    attachment = _create(vcloud, volume['id'],
                         connector=dict(CONNECTOR, mode='ro'))
    assert attachment['status'] == 'attaching'
    assert attachment['attach_mode'] == 'null'
    assert attachment['connection_info']['access_mode'] == 'rw'
    other = vcloud.create_volume()
    attachment = _create(vcloud, other['id'], mode='rw',
                         connector=dict(CONNECTOR, mode='ro'))
    assert attachment['attach_mode'] == 'rw'
    assert vcloud.get('/attachments/%s' % attachment['id']).json[
        'attachment']['attach_mode'] == 'rw'


def test_readonly_volume_attachments_are_ro(vcloud):
    volume = vcloud.create_volume()
    vcloud.action(volume['id'], {'os-update_readonly_flag': {
        'readonly': True}})
    attachment = _create(vcloud, volume['id'], mode='rw')
    assert attachment['attach_mode'] == 'ro'
    updated = _update(vcloud, attachment['id'], dict(CONNECTOR, mode='rw'))
    assert updated['attach_mode'] == 'ro'
    assert updated['connection_info']['access_mode'] == 'ro'


def test_any_readonly_flag_makes_the_attachment_ro(vcloud):
    # cinder tests the flag's presence: a volume set back to read-write
    # still gets ro attachments.
    volume = vcloud.create_volume()
    vcloud.action(volume['id'], {'os-update_readonly_flag': {
        'readonly': False}})
    attachment = _create(vcloud, volume['id'])
    assert attachment['attach_mode'] == 'ro'
    updated = _update(vcloud, attachment['id'], CONNECTOR)
    assert updated['connection_info']['access_mode'] == 'rw'


def test_legacy_attach_records_readonly_and_attached_mode(vcloud):
    volume = vcloud.create_volume()
    server = str(uuid.uuid4())
    resp = vcloud.action(volume['id'], {'os-attach': {
        'instance_uuid': server, 'mountpoint': '/dev/vdb', 'mode': 'ro'}})
    schemas.check(SCHEMA.attach_volume, resp)
    assert _metadata(vcloud, volume['id']) == {
        'readonly': 'False', 'attached_mode': 'ro'}
    resp = vcloud.action(volume['id'], {'os-initialize_connection': {
        'connector': CONNECTOR}})
    assert resp.json['connection_info']['data']['access_mode'] == 'ro'
    attachment = vcloud.show(volume['id'])['attachments'][0]
    assert volume_attachments.get(attachment['attachment_id'])[
        'attach_mode'] == 'ro'
    vcloud.action(volume['id'], {'os-detach': {}})
    assert _metadata(vcloud, volume['id']) == {'readonly': 'False'}


def test_legacy_rw_attach_of_readonly_volume_is_refused(vcloud):
    volume = vcloud.create_volume()
    vcloud.action(volume['id'], {'os-update_readonly_flag': {
        'readonly': True}})
    for body in ({}, {'mode': 'rw'}):
        body.update(instance_uuid=str(uuid.uuid4()), mountpoint='/dev/vdb')
        resp = vcloud.action(volume['id'], {'os-attach': body})
        assert schemas.check_fault(resp, 400, 'badRequest') == (
            "Invalid attaching mode 'rw' for volume %s." % volume['id'])
    assert vcloud.show(volume['id'])['status'] == 'available'
    resp = vcloud.action(volume['id'], {'os-initialize_connection': {
        'connector': CONNECTOR}})
    assert resp.json['connection_info']['data']['access_mode'] == 'ro'


def test_attach_time_is_stamped_when_connecting(vcloud):
    volume = vcloud.create_volume()
    attachment = _create(vcloud, volume['id'])
    assert attachment['attached_at'] == ''
    updated = _update(vcloud, attachment['id'], CONNECTOR)
    assert updated['attached_at']
    vcloud.post('/attachments/%s/action' % attachment['id'],
                {'os-complete': None})
    shown = vcloud.get('/attachments/%s' % attachment['id']).json
    assert shown['attachment']['attached_at'] == updated['attached_at']
    resp = vcloud.get('/volumes/%s' % volume['id'])
    assert schemas.check(SHOW, resp)['volume']['attachments'][0][
        'attached_at']


def test_deleting_an_attachment_leaves_the_others_status(vcloud):
    type_id = vcloud.create_type('modes-multiattach',
                                 multiattach='<is> True')
    volume = vcloud.create_volume(volume_type=type_id)
    second = _create(vcloud, volume['id'], connector=CONNECTOR)
    vcloud.post('/attachments/%s/action' % second['id'],
                {'os-complete': None})
    first = _create(vcloud, volume['id'])
    assert vcloud.show(volume['id'])['status'] == 'in-use'
    resp = vcloud.delete('/attachments/%s' % second['id'])
    assert [a['id'] for a in resp.json['attachments']] == [first['id']]
    # The reserved attachment left decides: cinder's volume is reserved.
    assert vcloud.show(volume['id'])['status'] == 'reserved'
    vcloud.delete('/attachments/%s' % first['id'])
    assert vcloud.show(volume['id'])['status'] == 'available'
