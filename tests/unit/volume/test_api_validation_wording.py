"""Bad bodies of the volume type routes and the volume actions, answered
with cinder's exact wording: its validator's "Invalid input for
field/attribute <last path element>. Value: <python value>. <jsonschema
message>" (the bare message for the body itself), its named formats'
own faults, and its hand-written checks."""
import uuid

import pytest

from support import schemas

BOOLS = ("[True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', "
         "'Yes', 'yes', 'y', 't', False, 'False', 'FALSE', 'false', '0', "
         "'OFF', 'Off', 'off', 'NO', 'No', 'no', 'n', 'f']")
VOLUME_STATUSES = (
    "('creating', 'available', 'deleting', 'error', 'error_deleting', "
    "'error_managing', 'managing', 'attaching', 'in-use', 'detaching', "
    "'maintenance', 'restoring-backup', 'error_restoring', 'reserved', "
    "'awaiting-transfer', 'backing-up', 'error_backing-up', "
    "'error_extending', 'downloading', 'uploading', 'retyping', "
    "'extending')")


def _field(field, value, message):
    return 'Invalid input for field/attribute %s. Value: %s. %s' % (
        field, value, message)


def _bad(resp):
    return schemas.check_fault(resp, 400, 'badRequest')


TYPE_CREATE = [
    ({}, "'volume_type' is a required property"),
    ({'volume_type': {'name': 'a'}, 'x': 1},
     "Additional properties are not allowed ('x' was unexpected)"),
    ({'volume_type': {}},
     _field('volume_type', {}, "'name' is a required property")),
    ({'volume_type': {'name': 'a', 'foo': 1}},
     _field('volume_type', {'name': 'a', 'foo': 1},
            "Additional properties are not allowed ('foo' was unexpected)")),
    ({'volume_type': {'name': 5}},
     _field('name', 5, "5 is not of type 'string'")),
    ({'volume_type': {'name': 'n' * 256}},
     _field('name', 'n' * 256, "'%s' is too long" % ('n' * 256))),
    ({'volume_type': {'name': '   '}},
     "An invalid 'name' value was provided. The 'name' can not be empty."),
    ({'volume_type': {'name': 'a', 'description': 7}},
     _field('description', 7, "7 is not of type 'string', 'null'")),
    ({'volume_type': {'name': 'a', 'os-volume-type-access:is_public': 'x'}},
     _field('os-volume-type-access:is_public', 'x',
            "'x' is not one of %s" % BOOLS)),
    ({'volume_type': {'name': 'a', 'extra_specs': {'k': 1}}},
     _field('k', 1, "1 is not of type 'string', 'null'")),
    ({'volume_type': {'name': 'a', 'extra_specs': {'k!': 'v'}}},
     _field('extra_specs', {'k!': 'v'},
            "'k!' does not match any of the regexes: "
            "'^[a-zA-Z0-9-_:. /]{1,255}$'")),
]


@pytest.mark.parametrize('body,message', TYPE_CREATE)
def test_type_create_wording(vcloud, body, message):
    assert _bad(vcloud.post('/types', body)) == message


def test_type_body_is_checked_before_the_policy(vcloud, demo):
    resp = vcloud.post('/types', {'volume_type': {}}, user=demo)
    assert _bad(resp) == _field('volume_type', {},
                                "'name' is a required property")
    vtype = vcloud.create_type('wording')
    resp = vcloud.put('/types/%s' % vtype, {'volume_type': {
        'name': 5}}, user=demo)
    assert _bad(resp) == _field('name', 5,
                                "5 is not of type 'string', 'null'")
    resp = vcloud.post('/types/%s/extra_specs' % vtype, {}, user=demo)
    assert _bad(resp) == "'extra_specs' is a required property"
    resp = vcloud.post('/types/%s/action' % vtype, {
        'addProjectAccess': {}}, user=demo)
    assert _bad(resp) == _field('addProjectAccess', {},
                                "'project' is a required property")


def test_type_update_wording(vcloud):
    vtype = vcloud.create_type('wording-update')
    url = '/types/%s' % vtype
    assert _bad(vcloud.put(url, {'volume_type': {}})) == (
        'Specify volume type name, description, is_public or a '
        'combination thereof.')
    assert _bad(vcloud.put(url, {'volume_type': {'name': None}})) == (
        'Specify volume type name, description, is_public or a '
        'combination thereof.')
    assert _bad(vcloud.put(url, {'volume_type': {'name': '  '}})) == (
        'Volume type name can not be empty.')
    assert _bad(vcloud.put(url, {'volume_type': {'name': ''}})) == _field(
        'name', '', "'' should be non-empty")
    assert _bad(vcloud.put(url, {'volume_type': {'is_public': 'x'}})) == \
        _field('is_public', 'x', "'x' is not one of %s" % BOOLS)
    assert _bad(vcloud.put(url, {'volume_type': {'public': True}})) == \
        _field('volume_type', {'public': True},
               "Additional properties are not allowed ('public' was "
               "unexpected)")


def test_extra_specs_wording(vcloud):
    vtype = vcloud.create_type('wording-specs')
    url = '/types/%s/extra_specs' % vtype
    assert _bad(vcloud.post(url, {'extra_specs': {'a b': 'v'}})) == _field(
        'extra_specs', {'a b': 'v'},
        "'a b' does not match any of the regexes: '^[a-zA-Z0-9-_:.]{1,255}$'")
    assert _bad(vcloud.post(url, {'extra_specs': {'k': 'v' * 256}})) == \
        _field('k', 'v' * 256, "'%s' is too long" % ('v' * 256))
    assert _bad(vcloud.put(url + '/k', {'k': 'v', 'j': 'w'})) == (
        "{'k': 'v', 'j': 'w'} has too many properties")
    assert _bad(vcloud.put(url + '/k', {})) == (
        "{} should be non-empty")
    assert _bad(vcloud.put(url + '/k', {'j': 'w'})) == (
        'Request body and URI mismatch')


def test_type_access_wording(vcloud):
    vtype = vcloud.create_type('wording-access')
    url = '/types/%s/action' % vtype
    assert _bad(vcloud.post(url, {'removeProjectAccess': {
        'project': ''}})) == _field('project', '', "'' should be non-empty")
    assert _bad(vcloud.post(url, {'addProjectAccess': {
        'project': 'p', 'x': 1}})) == _field(
        'addProjectAccess', {'project': 'p', 'x': 1},
        "Additional properties are not allowed ('x' was unexpected)")


def test_encryption_wording(vcloud):
    vtype = vcloud.create_type('wording-encryption')
    url = '/types/%s/encryption' % vtype
    good = {'provider': 'luks', 'control_location': 'front-end'}
    assert _bad(vcloud.post(url, {'encryption': dict(
        good, key_size='big')})) == (
        'Invalid input received: key_size must be an integer.')
    assert _bad(vcloud.post(url, {'encryption': dict(
        good, key_size=-1)})) == _field(
        'key_size', -1, '-1 is less than the minimum of 0')
    assert _bad(vcloud.post(url, {'encryption': dict(
        good, control_location='middle')})) == _field(
        'control_location', 'middle',
        "'middle' is not one of ['front-end', 'back-end']")
    assert _bad(vcloud.post(url, {'encryption': {
        'control_location': 'front-end'}})) == _field(
        'encryption', {'control_location': 'front-end'},
        "'provider' is a required property")
    resp = vcloud.post(url, {'encryption': dict(good, key_size='256')})
    assert resp.status_int == 200
    assert resp.json['encryption']['key_size'] == 256


VOLUME_ACTIONS = [
    ({'os-extend': {}},
     _field('os-extend', {}, "'new_size' is a required property")),
    ({'os-extend': {'new_size': 0}},
     _field('new_size', 0, '0 is less than the minimum of 1')),
    ({'os-extend': {'new_size': 'x'}},
     _field('new_size', 'x', "'x' does not match '^[0-9]+$'")),
    ({'os-extend': {'new_size': 2, 'force': True}},
     _field('os-extend', {'new_size': 2, 'force': True},
            "Additional properties are not allowed ('force' was "
            "unexpected)")),
    ({'os-set_bootable': {'bootable': 'maybe'}},
     _field('bootable', 'maybe', "'maybe' is not one of %s" % BOOLS)),
    ({'os-update_readonly_flag': {}},
     _field('os-update_readonly_flag', {},
            "'readonly' is a required property")),
    ({'os-attach': {'instance_uuid': 'abc', 'mountpoint': '/dev/vdb'}},
     _field('instance_uuid', 'abc', "'abc' is not a 'uuid'")),
    ({'os-attach': {'mountpoint': '/dev/vdb'}},
     _field('os-attach', {'mountpoint': '/dev/vdb'},
            "{'mountpoint': '/dev/vdb'} is not valid under any of the given "
            "schemas")),
    ({'os-attach': {'host_name': 'h', 'mountpoint': '/dev/vdb',
                    'mode': 'rx'}},
     _field('mode', 'rx', "'rx' is not one of ['rw', 'ro']")),
    ({'os-detach': {'attachment_id': 'abc'}},
     _field('attachment_id', 'abc',
            "'abc' is not valid under any of the given schemas")),
    ({'os-initialize_connection': {'connector': 5}},
     _field('connector', 5, "5 is not of type 'object', 'string'")),
    ({'os-terminate_connection': {}},
     _field('os-terminate_connection', {},
            "'connector' is a required property")),
    ({'os-retype': {'new_type': 't', 'migration_policy': 'sometimes'}},
     _field('migration_policy', 'sometimes',
            "'sometimes' is not one of ['on-demand', 'never']")),
    ({'os-set_image_metadata': {'metadata': {'k': 5}}},
     _field('k', 5, "5 is not of type 'string'")),
    ({'os-unset_image_metadata': {'key': ''}},
     _field('key', '', "'' should be non-empty")),
    ({'os-volume_upload_image': {'image_name': 'i', 'disk_format': 'iso'}},
     _field('disk_format', 'iso',
            "'iso' is not one of ['raw', 'vmdk', 'vdi', 'qcow2', 'vhd', "
            "'vhdx', 'ploop']")),
    ({'os-volume_upload_image': {'image_name': 'i',
                                 'visibility': 'everyone'}},
     _field('visibility', 'everyone',
            "'everyone' is not one of ['community', 'public', 'private', "
            "'shared']")),
    ({'os-reset_status': {}},
     "Must specify 'status', 'attach_status' or 'migration_status' for "
     "update."),
    ({'os-reset_status': {'status': 'sleeping'}},
     'Volume status: sleeping is invalid, valid statuses are: %s.'
     % VOLUME_STATUSES),
    ({'os-reset_status': {'migration_status': 'x'}},
     "Volume migration status: x is invalid, valid statuses are: "
     "('migrating', 'error', 'success', 'completing', 'none', 'starting')."),
    ({'os-reset_status': {'status': 5}},
     _field('status', 5, "5 is not of type 'string', 'null'")),
    ({'os-force_detach': {'attachment_id': 5}},
     _field('attachment_id', 5, "5 is not of type 'string', 'null'")),
    ({'os-migrate_volume': {'host': 'h', 'force_host_copy': 'x'}},
     _field('force_host_copy', 'x', "'x' is not one of %s" % BOOLS)),
    ({'os-migrate_volume_completion': {'new_volume': 'abc'}},
     _field('new_volume', 'abc', "'abc' is not a 'uuid'")),
    ({'os-extend_volume_completion': {'error': 5}},
     _field('error', 5, "5 is not of type 'string', 'null', 'boolean'")),
    ({'os-reimage': {'image_id': 'abc'}},
     _field('image_id', 'abc', "'abc' is not a 'uuid'")),
    ({'os-reimage': {'image_id': str(uuid.UUID(int=1)),
                     'reimage_reserved': 'x'}},
     _field('reimage_reserved', 'x', "'x' is not one of %s" % BOOLS)),
]


@pytest.mark.parametrize('body,message', VOLUME_ACTIONS,
                         ids=[next(iter(b)) for b, m in VOLUME_ACTIONS])
def test_volume_action_wording(vcloud, body, message):
    volume = vcloud.create_volume()
    assert _bad(vcloud.action(volume['id'], body)) == message


def test_volume_action_body_is_checked_before_the_lookup(vcloud):
    # An unknown volume: the body is refused first, as cinder.
    missing = str(uuid.UUID(int=7))
    resp = vcloud.action(missing, {'os-extend': {}})
    assert _bad(resp) == _field('os-extend', {},
                                "'new_size' is a required property")
    resp = vcloud.action(missing, {'os-extend': {'new_size': 2}})
    schemas.check_fault(resp, 404, 'itemNotFound')


def test_reset_status_formats_of_backups(vcloud, demo):
    # The body is checked before the lookup and the policy, as cinder.
    url = '/backups/%s/action' % uuid.UUID(int=9)
    for user in (None, demo):
        resp = vcloud.post(url, {'os-reset_status': {'status': 'creating'}},
                           user=user)
        assert _bad(resp) == (
            "Backup status: creating is invalid, valid statuses are: "
            "['available', 'error'].")
    resp = vcloud.post(url, {'os-reset_status': {'status': 'error'}})
    schemas.check_fault(resp, 404, 'itemNotFound')


def test_transfer_wording(vcloud):
    volume = vcloud.create_volume()
    for body, message in (
            ({'transfer': {}},
             _field('transfer', {}, "'volume_id' is a required property")),
            ({'transfer': {'volume_id': 'abc'}},
             _field('volume_id', 'abc', "'abc' is not a 'uuid'")),
            ({'transfer': {'volume_id': volume['id'], 'name': '  '}},
             _field('name', '  ', "'  ' is not valid under any of the "
                                  "given schemas")),
            ({'transfer': {'volume_id': volume['id'],
                           'no_snapshots': 'x'}},
             _field('no_snapshots', 'x', "'x' is not one of %s" % BOOLS))):
        assert _bad(vcloud.post('/volume-transfers', body)) == message
    resp = vcloud.post('/volume-transfers/%s/accept' % uuid.UUID(int=3),
                       {'accept': {'auth_key': None}})
    assert _bad(resp) == _field('auth_key', None,
                                "None is not of type 'string', 'integer'")


def test_qos_specs_wording(vcloud):
    assert _bad(vcloud.post('/qos-specs', {'qos_specs': {}})) == _field(
        'qos_specs', {}, "'name' is a required property")
    assert _bad(vcloud.post('/qos-specs', {'qos_specs': {'name': 5}})) == \
        _field('name', 5, "5 is not of type 'string'")
    assert _bad(vcloud.post('/qos-specs', {'qos_specs': {'name': ' '}})) == \
        "An invalid 'name' value was provided. The 'name' can not be empty."
    qos = vcloud.post('/qos-specs', {'qos_specs': {'name': 'wording'}})
    url = '/qos-specs/%s' % qos.json['qos_specs']['id']
    assert _bad(vcloud.put(url, {'qos_specs': {'k': 5}})) == _field(
        'k', 5, "5 is not of type 'string', 'null'")
    assert _bad(vcloud.put(url + '/delete_keys', {'keys': ['a', 'a']})) == \
        _field('keys', ['a', 'a'], "['a', 'a'] has non-unique elements")
    assert _bad(vcloud.put(url + '/delete_keys', {'keys': 'a'})) == \
        _field('keys', 'a', "'a' is not of type 'array'")


def test_group_wording(vcloud):
    def post(path, body):
        return vcloud.post(path, body, version='3.20')
    assert _bad(post('/group_types', {'group_type': {'name': ' '}})) == (
        "An invalid 'name' value was provided. The 'name' can not be empty.")
    assert _bad(post('/group_types', {'group_type': {
        'name': 'g', 'group_specs': {'k': 1}}})) == _field(
        'k', 1, "1 is not of type 'string'")
    assert _bad(post('/groups', {'group': {'group_type': 'x'}})) == _field(
        'group', {'group_type': 'x'}, "'volume_types' is a required property")
    assert _bad(post('/groups', {'group': {
        'group_type': 'x', 'volume_types': []}})) == _field(
        'volume_types', [], '[] should be non-empty')
    assert _bad(post('/group_snapshots', {'group_snapshot': {
        'group_id': 'abc'}})) == _field('group_id', 'abc',
                                        "'abc' is not a 'uuid'")


def test_backup_wording(vcloud):
    volume = vcloud.create_volume()
    assert _bad(vcloud.post('/backups', {'backup': {}})) == _field(
        'backup', {}, "'volume_id' is a required property")
    assert _bad(vcloud.post('/backups', {'backup': {
        'volume_id': volume['id'], 'incremental': 'x'}})) == _field(
        'incremental', 'x', "'x' is not one of %s" % BOOLS)
    assert _bad(vcloud.post('/backups', {'backup': {
        'volume_id': volume['id'], 'metadata': {'k': 1}}})) == _field(
        'k', 1, "1 is not of type 'string'")
    assert _bad(vcloud.post('/backups/import_record', {'backup-record': {
        'backup_service': 's', 'backup_url': '%%%'}})) == _field(
        'backup_url', '%%%', "'%%%' is not a 'base64'")


def test_admin_routes_wording(vcloud):
    project = uuid.uuid4().hex
    resp = vcloud.put('/default-types/%s' % project, {'default_type': {
        'volume_type': ' '}}, version='3.62')
    assert _bad(resp) == (
        "An invalid 'name' value was provided. The 'name' can not be empty.")
    resp = vcloud.post('/manageable_volumes', {'volume': {}},
                       version='3.8')
    assert _bad(resp) == _field('volume', {}, "'ref' is a required property")
    resp = vcloud.post('/manageable_snapshots', {'snapshot': {'ref': 'r'}},
                       version='3.8')
    assert _bad(resp) == _field('snapshot', {'ref': 'r'},
                                "'volume_id' is a required property")


def test_retype_to_encrypted_multiattach_type_is_refused(vcloud):
    volume = vcloud.create_volume()
    type_id = vcloud.create_type('wording-enc-multi',
                                 multiattach='<is> True')
    resp = vcloud.post('/types/%s/encryption' % type_id, {'encryption': {
        'provider': 'luks', 'control_location': 'front-end'}})
    assert resp.status_int == 200
    resp = vcloud.action(volume['id'], {'os-retype': {'new_type': type_id}})
    assert _bad(resp) == (
        'Invalid input received: Retype requested both encryption and '
        'multi-attach, which is not supported.')
    assert vcloud.show(volume['id'])['status'] == 'available'
