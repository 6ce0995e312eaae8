"""The volume actions that change the record: os-set_bootable,
os-update_readonly_flag, the image metadata actions, os-reset_status and
os-force_detach, with tempest's schemas and cinder's faults."""
import pytest

from support import schemas

from stratus.db.api import volumes as db_volumes

# The actions' schemas are in tempest's base module (later microversion
# modules only redefine the volume views).
SCHEMA = schemas.volume('volumes')
SHOW = schemas.volume('volumes', '3.71').show_volume


def _action(vcloud, volume_id, body, **kw):
    return vcloud.action(volume_id, body, **kw)


def test_set_bootable(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    assert volume['bootable'] == 'false'
    resp = _action(vcloud, volume['id'], {'os-set_bootable': {
        'bootable': True}}, user=demo)
    schemas.check(SCHEMA.set_bootable_volume, resp)
    assert resp.body == b''
    assert vcloud.show(volume['id'])['bootable'] == 'true'
    resp = _action(vcloud, volume['id'], {'os-set_bootable': {
        'bootable': 'no'}}, user=demo)
    schemas.check(SCHEMA.set_bootable_volume, resp)
    assert vcloud.show(volume['id'])['bootable'] == 'false'


def test_set_bootable_faults(vcloud):
    volume = vcloud.create_volume()
    resp = _action(vcloud, volume['id'], {'os-set_bootable': {
        'bootable': 'maybe'}})
    assert 'bootable' in schemas.check_fault(resp, 400, 'badRequest')
    resp = _action(vcloud, volume['id'], {'os-set_bootable': {}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = _action(vcloud, 'f' * 8 + '-0000-0000-0000-' + '0' * 12,
                   {'os-set_bootable': {'bootable': True}})
    assert 'could not be found' in schemas.check_fault(resp, 404,
                                                       'itemNotFound')
    db_volumes.update(volume['id'], {'status': 'maintenance'})
    resp = _action(vcloud, volume['id'], {'os-set_bootable': {
        'bootable': True}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: The volume cannot be updated during maintenance.')


def test_another_projects_volume_is_not_found(vcloud, demo):
    volume = vcloud.create_volume()
    for body in ({'os-set_bootable': {'bootable': True}},
                 {'os-update_readonly_flag': {'readonly': True}},
                 {'os-show_image_metadata': None},
                 {'os-retype': {'new_type': 'x'}}):
        resp = _action(vcloud, volume['id'], body, user=demo)
        schemas.check_fault(resp, 404, 'itemNotFound')


def test_readonly_flag(vcloud):
    volume = vcloud.create_volume(metadata={'k': 'v'})
    for flag in (True, False):
        resp = _action(vcloud, volume['id'], {'os-update_readonly_flag': {
            'readonly': flag}})
        schemas.check(SCHEMA.update_volume_readonly, resp)
        shown = vcloud.get('/volumes/%s' % volume['id'])
        schemas.check(SHOW, shown)
        # tempest reads it back among the metadata, as "True"/"False".
        assert shown.json['volume']['metadata'] == {'k': 'v',
                                                    'readonly': str(flag)}
    # A readonly volume is connected read-only.
    _action(vcloud, volume['id'], {'os-update_readonly_flag': {
        'readonly': 'true'}})
    resp = _action(vcloud, volume['id'], {'os-initialize_connection': {
        'connector': {'host': 'h'}}})
    assert resp.json['connection_info']['data']['access_mode'] == 'ro'


def test_readonly_flag_needs_available(vcloud):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': 'in-use'})
    resp = _action(vcloud, volume['id'], {'os-update_readonly_flag': {
        'readonly': True}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Volume %s status must be available to update '
        'readonly flag, but current status is: in-use.' % volume['id'])
    resp = _action(vcloud, volume['id'], {'os-update_readonly_flag': {
        'readonly': 'x'}})
    schemas.check_fault(resp, 400, 'badRequest')


def test_image_metadata_set_show_unset(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    resp = _action(vcloud, volume['id'], {'os-set_image_metadata': {
        'metadata': {'os_distro': 'cirros', 'hw_disk_bus': 'scsi'}}},
        user=demo)
    body = schemas.check(SCHEMA.update_volume_image_metadata, resp)
    assert body == {'metadata': {'os_distro': 'cirros',
                                 'hw_disk_bus': 'scsi'}}
    resp = _action(vcloud, volume['id'], {'os-set_image_metadata': {
        'metadata': {'os_distro': 'fedora'}}}, user=demo)
    assert schemas.check(SCHEMA.update_volume_image_metadata, resp) == {
        'metadata': {'os_distro': 'fedora', 'hw_disk_bus': 'scsi'}}
    resp = _action(vcloud, volume['id'], {'os-show_image_metadata': {}},
                   user=demo)
    assert schemas.check(SCHEMA.show_volume_image_metadata, resp) == {
        'metadata': {'os_distro': 'fedora', 'hw_disk_bus': 'scsi'}}
    shown = vcloud.show(volume['id'], user=demo)
    assert shown['volume_image_metadata'] == {'os_distro': 'fedora',
                                              'hw_disk_bus': 'scsi'}
    resp = _action(vcloud, volume['id'], {'os-unset_image_metadata': {
        'key': 'hw_disk_bus'}}, user=demo)
    schemas.check(SCHEMA.delete_volume_image_metadata, resp)
    resp = _action(vcloud, volume['id'], {'os-show_image_metadata': None})
    assert resp.json == {'metadata': {'os_distro': 'fedora'}}


def test_image_metadata_faults(vcloud):
    volume = vcloud.create_volume()
    resp = _action(vcloud, volume['id'], {'os-unset_image_metadata': {
        'key': 'nope'}})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Glance metadata for volume/snapshot %s cannot be found.'
        % volume['id'])
    resp = _action(vcloud, volume['id'], {'os-set_image_metadata': {
        'metadata': {'k': 1}}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = _action(vcloud, volume['id'], {'os-set_image_metadata': {}})
    schemas.check_fault(resp, 400, 'badRequest')
    db_volumes.update(volume['id'], {'status': 'uploading'})
    resp = _action(vcloud, volume['id'], {'os-set_image_metadata': {
        'metadata': {'k': 'v'}}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Updating volume metadata is not allowed for '
        'volumes in uploading status.')


def test_reset_status_rules(vcloud, demo):
    volume = vcloud.create_volume()
    for status, message in (
            ('deleting', 'Cannot reset-state to deleting'),
            ('in-use', 'Cannot reset-state to in-use because volume does '
                       'not have any attachments.')):
        resp = _action(vcloud, volume['id'], {'os-reset_status': {
            'status': status}})
        assert schemas.check_fault(resp, 400, 'badRequest') == message
    resp = _action(vcloud, volume['id'], {'os-reset_status': {
        'attach_status': 'reserved'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Volume attach status: reserved is invalid, valid statuses are: "
        "['attached', 'detached'].")
    resp = _action(vcloud, volume['id'], {'os-reset_status': {
        'status': 'ERROR', 'migration_status': 'migrating'}})
    schemas.check(SCHEMA.reset_volume_status, resp)
    row = db_volumes.get(volume['id'])
    assert (row['status'], row['migration_status']) == ('error',
                                                        'migrating')
    resp = _action(vcloud, volume['id'], {'os-reset_status': {
        'migration_status': 'none'}})
    schemas.check(SCHEMA.reset_volume_status, resp)
    assert db_volumes.get(volume['id'])['migration_status'] is None


def test_force_detach(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    resp = _action(vcloud, volume['id'], {'os-attach': {
        'instance_uuid': '1' * 8 + '-1111-1111-1111-' + '1' * 12,
        'mountpoint': '/dev/vdb'}}, user=demo)
    schemas.check(SCHEMA.attach_volume, resp)
    attachment_id = vcloud.show(volume['id'])['attachments'][0][
        'attachment_id']
    body = {'os-force_detach': {'attachment_id': attachment_id,
                                'connector': {'host': 'h'}}}
    resp = _action(vcloud, volume['id'], body, user=demo)
    assert schemas.check_fault(resp, 403, 'forbidden')
    resp = _action(vcloud, volume['id'], body)
    schemas.check(SCHEMA.force_detach_volume, resp)
    shown = vcloud.show(volume['id'])
    assert (shown['status'], shown['attachments']) == ('available', [])
    resp = _action(vcloud, volume['id'], body)
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'Error force detaching volume - VolumeAttachmentNotFound: ')


@pytest.mark.parametrize('action', ['os-reserve', 'os-unreserve',
                                    'os-begin_detaching',
                                    'os-roll_detaching'])
def test_legacy_actions_answer_202(vcloud, action):
    volume = vcloud.create_volume()
    if action in ('os-begin_detaching', 'os-roll_detaching'):
        db_volumes.update(volume['id'], {'status': 'in-use',
                                         'attach_status': 'attached'})
    resp = _action(vcloud, volume['id'], {action: {}})
    schema = {'os-reserve': SCHEMA.reserve_volume,
              'os-unreserve': SCHEMA.unreserve_volume}.get(
        action, {'status_code': [202]})
    schemas.check(schema, resp)


def test_attach_modes_and_attached_mode_metadata(vcloud):
    volume = vcloud.create_volume()
    server = str(__import__('uuid').uuid4())
    _action(vcloud, volume['id'], {'os-update_readonly_flag': {
        'readonly': True}})
    resp = _action(vcloud, volume['id'], {'os-attach': {
        'instance_uuid': server, 'mountpoint': '/dev/vdb'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid attaching mode 'rw' for volume %s." % volume['id'])
    resp = _action(vcloud, volume['id'], {'os-attach': {
        'instance_uuid': server, 'mountpoint': '/dev/vdb', 'mode': 'ro'}})
    schemas.check(SCHEMA.attach_volume, resp)
    shown = vcloud.get('/volumes/%s' % volume['id'])
    assert schemas.check(SHOW, shown)['volume']['metadata'] == {
        'readonly': 'True', 'attached_mode': 'ro'}
    resp = _action(vcloud, volume['id'], {'os-detach': {
        'attachment_id': '0' * 8 + '-0000-0000-0000-' + '0' * 12}})
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'Error detaching volume - VolumeAttachmentNotFound: ')
    resp = _action(vcloud, volume['id'], {'os-detach': {}})
    schemas.check(SCHEMA.detach_volume, resp)
    assert vcloud.show(volume['id'])['metadata'] == {'readonly': 'True'}


def test_existing_actions_against_tempest(vcloud):
    volume = vcloud.create_volume()
    resp = _action(vcloud, volume['id'], {'os-extend': {'new_size': 2}})
    schemas.check(SCHEMA.extend_volume, resp)
    resp = _action(vcloud, volume['id'], {'os-initialize_connection': {
        'connector': {'host': 'h', 'enforce_multipath': True}}})
    assert resp.status_int == 200
    info = resp.json['connection_info']
    assert info['enforce_multipath'] is True and 'data' in info
    resp = _action(vcloud, volume['id'], {'os-terminate_connection': {
        'connector': {'host': 'h'}}})
    schemas.check(SCHEMA.terminate_connection, resp)
    db_volumes.update(volume['id'], {'status': 'in-use'})
    # 3.42: an in-use volume may grow; before, only available ones.
    resp = _action(vcloud, volume['id'], {'os-extend': {'new_size': 3}},
                   version='3.41')
    schemas.check_fault(resp, 400, 'badRequest')
    resp = _action(vcloud, volume['id'], {'os-extend': {'new_size': 3}},
                   version='3.42')
    schemas.check(SCHEMA.extend_volume, resp)
    db_volumes.update(volume['id'], {'status': 'error'})
    resp = _action(vcloud, volume['id'], {'os-force_delete': {}})
    schemas.check(SCHEMA.force_delete_volume, resp)


def test_extend_volume_completion_refusals(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    body = {'os-extend_volume_completion': {'error': False}}
    schemas.check_fault(_action(vcloud, volume['id'], body, user=demo), 403,
                        'forbidden')
    assert schemas.check_fault(_action(vcloud, volume['id'], body), 400,
                               'badRequest') == (
        'Invalid volume: Volume is not being extended.')
    db_volumes.update(volume['id'], {'status': 'extending'})
    assert schemas.check_fault(_action(vcloud, volume['id'], body), 400,
                               'badRequest') == (
        'Invalid volume: Required volume admin metadata is malformed or '
        'missing.')
    resp = _action(vcloud, volume['id'], {'os-extend_volume_completion': {
        'error': 5}})
    schemas.check_fault(resp, 400, 'badRequest')


def test_force_detach_of_an_errored_attached_volume(vcloud):
    # tempest's test_force_detach_volume: in error, no connector.
    volume = vcloud.create_volume()
    _action(vcloud, volume['id'], {'os-attach': {
        'instance_uuid': str(__import__('uuid').uuid4()),
        'mountpoint': '/dev/vdb'}})
    attachment_id = vcloud.show(volume['id'])['attachments'][0][
        'attachment_id']
    _action(vcloud, volume['id'], {'os-reset_status': {'status': 'error'}})
    resp = _action(vcloud, volume['id'], {'os-force_detach': {
        'connector': None, 'attachment_id': attachment_id}})
    schemas.check(SCHEMA.force_detach_volume, resp)
    shown = vcloud.show(volume['id'])
    assert (shown['status'], shown['attachments']) == ('available', [])
    for status in ('error', 'available', 'maintenance', 'available'):
        schemas.check(SCHEMA.reset_volume_status, _action(
            vcloud, volume['id'], {'os-reset_status': {'status': status}}))
        assert vcloud.show(volume['id'])['status'] == status
