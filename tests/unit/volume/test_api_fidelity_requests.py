"""Request bodies as cinder's schemas and controllers take them: volume
create (sources, hints, groups, images, multiattach), snapshot create,
attachments, metadata, with cinder's status codes and messages."""
import pytest

from support import schemas

SERVER = '11111111-2222-3333-4444-555555555555'
UNKNOWN = '99999999-8888-7777-6666-555555555555'


def _fault(resp, status, name):
    return schemas.check_fault(resp, status, name)


def _create(vcloud, version='3.71', user=None, hints=None, **volume):
    body = {'volume': dict({'size': 1}, **volume)}
    if hints is not None:
        body['OS-SCH-HNT:scheduler_hints'] = hints
    return vcloud.post('/volumes', body, version=version, user=user)


def test_volume_create_from_each_source(vcloud):
    schema = schemas.volume('volumes', '3.71').create_volume
    source = vcloud.create_volume(size=2)
    clone = schemas.check(schema, _create(
        vcloud, size=None, source_volid=source['id']))['volume']
    assert clone['source_volid'] == source['id'] and clone['size'] == 2
    snap = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': source['id']}}).json['snapshot']
    from_snap = schemas.check(schema, _create(
        vcloud, size=None, snapshot_id=snap['id']))['volume']
    assert from_snap['snapshot_id'] == snap['id'] and from_snap['size'] == 2
    # Unknown sources answer cinder's 404s.
    assert _fault(_create(vcloud, snapshot_id=UNKNOWN), 404,
                  'itemNotFound') == 'Snapshot %s could not be found.' % \
        UNKNOWN
    assert _fault(_create(vcloud, source_volid=UNKNOWN), 404,
                  'itemNotFound') == 'Volume %s could not be found.' % \
        UNKNOWN
    for key in ('group_id', 'consistencygroup_id'):
        assert _fault(_create(vcloud, **{key: UNKNOWN}), 404,
                      'itemNotFound') == 'Group %s could not be found.' % \
            UNKNOWN
    assert _fault(_create(vcloud, backup_id=UNKNOWN, version='3.47'), 404,
                  'itemNotFound') == 'Backup %s could not be found.' % \
        UNKNOWN
    # Null sources are no sources.
    schemas.check(schema, _create(vcloud, snapshot_id=None,
                                  source_volid=None, group_id=None,
                                  consistencygroup_id=None, imageRef=None,
                                  backup_id=None))


def test_volume_create_field_types(vcloud):
    """cinder's words: the last path element and the python value."""
    for volume, field in (({'snapshot_id': 'abc'}, 'snapshot_id'),
                          ({'source_volid': 1}, 'source_volid'),
                          ({'availability_zone': ''}, 'availability_zone'),
                          ({'size': 0}, 'size'),
                          ({'size': '0'}, 'size'),
                          ({'size': '1.5'}, 'size'),
                          ({'metadata': {'k': 1}}, 'k')):
        message = _fault(_create(vcloud, **volume), 400, 'badRequest')
        assert message.startswith('Invalid input for field/attribute %s.'
                                  % field), message
    assert _fault(_create(vcloud, snapshot_id='abc'), 400, 'badRequest') == (
        "Invalid input for field/attribute snapshot_id. Value: abc. 'abc' "
        "is not valid under any of the given schemas")
    assert _fault(_create(vcloud, name='x' * 256), 400, 'badRequest') == \
        'Invalid input received: name has 256 characters, more than 255.'
    assert _fault(_create(vcloud, description='x' * 256), 400,
                  'badRequest') == 'Invalid input received: description ' \
        'has 256 characters, more than 255.'
    # Measured without the surrounding spaces.
    assert _create(vcloud, name=' %s ' % ('x' * 255)).status_int == 202
    # An undashed uuid is a uuid to cinder (oslo's reading).
    assert _fault(_create(vcloud, snapshot_id='9' * 32), 404,
                  'itemNotFound')
    assert _fault(vcloud.post('/volumes', {'volume': {'size': 1}, 'x': 1}),
                  400, 'badRequest') == \
        "Additional properties are not allowed ('x' was unexpected)"
    # A string size is taken, as cinder takes it.
    assert _create(vcloud, size='2').json['volume']['size'] == 2
    # Names lose their surrounding spaces.
    assert _create(vcloud, name='  padded ').json['volume']['name'] == \
        'padded'


def test_volume_create_multiattach_is_refused(vcloud):
    assert _create(vcloud, multiattach=False).status_int == 202
    message = _fault(_create(vcloud, multiattach=True), 400, 'badRequest')
    assert message.startswith('multiattach parameter has been removed.')
    assert _fault(_create(vcloud, multiattach=None), 400, 'badRequest') == \
        "Value 'None' for 'multiattach' is not a boolean."


def test_volume_create_scheduler_hints(vcloud):
    """Accepted and checked as cinder does (its default scheduler filters
    do not read them)."""
    first = vcloud.create_volume()
    assert _create(vcloud, hints={'same_host': first['id']}).status_int == 202
    assert _create(vcloud, hints={'different_host': [first['id']],
                                  'anything': 1}).status_int == 202
    message = _fault(_create(vcloud, hints={'same_host': 'nope'}), 400,
                     'badRequest')
    assert message.startswith('Invalid input for field/attribute '
                              'same_host.')
    _fault(_create(vcloud, hints={'local_to_instance': 'x'}), 400,
           'badRequest')
    _fault(_create(vcloud, hints=[]), 400, 'badRequest')
    # Before 3.53 the volume's own scheduler_hints key is taken too.
    assert _create(vcloud, version='3.52', scheduler_hints={
        'same_host': [first['id']]}).status_int == 202
    message = _fault(_create(vcloud, scheduler_hints={}), 400, 'badRequest')
    assert "'scheduler_hints' was unexpected" in message
    assert _create(vcloud, hints=None).status_int == 202


def _image(name, visibility='public'):
    import uuid
    from stratus.db.api import images
    return images.create({'id': str(uuid.uuid4()), 'name': name,
                          'status': 'active', 'visibility': visibility,
                          'owner': 'x', 'disk_format': 'qcow2',
                          'container_format': 'bare', 'size': 4,
                          'min_disk': 0})


def test_volume_create_image_refs(vcloud, fake_image_downloads, demo):
    image = _image('cirros')
    by_link = _create(vcloud, imageRef='http://glance/v2/images/%s'
                      % image['id'])
    assert by_link.status_int == 202
    by_name = _create(vcloud, imageRef='cirros', user=demo).json['volume']
    assert vcloud.show(by_name['id'], user=demo)[
        'volume_image_metadata']['image_id'] == image['id']
    # image_id is cinder's other spelling and wins over imageRef.
    assert _create(vcloud, image_id=image['id'],
                   imageRef='nope').status_int == 202
    _image('cirros')
    assert _fault(_create(vcloud, imageRef='cirros'), 409,
                  'conflictingRequest') == \
        "Multiple matches found for 'cirros', use an ID to be more specific."
    private = _image('private', visibility='private')
    for ref in (private['id'], 'private'):
        assert _fault(_create(vcloud, imageRef=ref, user=demo), 400,
                      'badRequest') == 'Invalid image identifier or ' \
            'unable to access requested image.'
    for ref in ('not-an-image', UNKNOWN,
                'http://glance/v2/images/%s' % UNKNOWN):
        assert _fault(_create(vcloud, imageRef=ref), 400, 'badRequest') == \
            'Invalid image identifier or unable to access requested image.'
    assert _fault(_create(vcloud, image_id=''), 400, 'badRequest') == \
        'Invalid image identifier or unable to access requested image.'


def test_volume_update_bodies(vcloud):
    volume = vcloud.create_volume()
    url = '/volumes/%s' % volume['id']
    assert vcloud.put(url, {'volume': {}}, version='3.52').status_int == 200
    assert _fault(vcloud.put(url, {'volume': {}}), 400, 'badRequest')
    message = _fault(vcloud.put(url, {'volume': {'size': 2}},
                                version='3.0'), 400, 'badRequest')
    assert "'size' was unexpected" in message
    resp = vcloud.put(url, {'volume': {'display_name': ' n ',
                                       'display_description': 'd'}})
    assert (resp.json['volume']['name'], resp.json['volume'][
        'description']) == ('n', 'd')
    vcloud.post(url + '/metadata', {'metadata': {'old': '1'}})
    resp = vcloud.put(url, {'volume': {'metadata': {'a': 'b'}}})
    # The update replaces the metadata.
    assert resp.json['volume']['metadata'] == {'a': 'b'}


def test_metadata_bodies(vcloud):
    volume = vcloud.create_volume()
    snap = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id']}}).json['snapshot']
    for base in ('/volumes/%s' % volume['id'], '/snapshots/%s' % snap['id']):
        url = base + '/metadata'
        for body in ({'metadata': {'k': 1}}, {'metadata': []}, {},
                     {'metadata': {'': 'v'}}):
            _fault(vcloud.post(url, body), 400, 'badRequest')
            _fault(vcloud.put(url, body), 400, 'badRequest')
        # Volumes refuse other top-level keys and '/'-less keys are all
        # a snapshot takes; cinder's snapshot schema lets extra keys in.
        extra = {'metadata': {'k': 'v'}, 'x': 1}
        slash = {'metadata': {'a/b': 'v'}}
        if base.startswith('/volumes'):
            _fault(vcloud.post(url, extra), 400, 'badRequest')
            assert vcloud.post(url, slash).status_int == 200
        else:
            assert vcloud.post(url, extra).status_int == 200
            _fault(vcloud.post(url, slash), 400, 'badRequest')
        for body in ({'meta': {}}, {'meta': {'a': '1', 'b': '2'}},
                     {'meta': {'k': 1}}):
            _fault(vcloud.put(url + '/a', body), 400, 'badRequest')
        assert _fault(vcloud.put(url + '/a', {'meta': {'b': '1'}}), 400,
                      'badRequest') == 'Request body and URI mismatch'
        assert vcloud.put(url + '/a', {'meta': {'a': '1'}}).json == {
            'meta': {'a': '1'}}
    # Unknown owners and keys: cinder's 404s.
    assert _fault(vcloud.get('/volumes/%s/metadata' % UNKNOWN), 404,
                  'itemNotFound') == 'Volume %s could not be found.' % UNKNOWN
    assert _fault(vcloud.get('/snapshots/%s/metadata' % UNKNOWN), 404,
                  'itemNotFound') == \
        'Snapshot %s could not be found.' % UNKNOWN
    assert _fault(vcloud.get('/snapshots/%s/metadata/zz' % snap['id']), 404,
                  'itemNotFound') == \
        'Snapshot %s has no metadata with key zz.' % snap['id']
    assert _fault(vcloud.delete('/volumes/%s/metadata/zz' % volume['id']),
                  404, 'itemNotFound') == \
        'Volume %s has no metadata with key zz.' % volume['id']


def test_snapshot_create_bodies(vcloud, demo):
    volume = vcloud.create_volume(user=demo)

    def post(snapshot, version='3.71'):
        return vcloud.post('/snapshots', {'snapshot': snapshot},
                           version=version, user=demo)

    message = _fault(post({'volume_id': volume['id'],
                           'display_description': 'd'}), 400, 'badRequest')
    assert "'display_description' was unexpected" in message
    message = _fault(post({'volume_id': 'abc'}), 400, 'badRequest')
    assert message.startswith('Invalid input for field/attribute '
                              'volume_id.')
    assert _fault(post({'volume_id': UNKNOWN}), 404, 'itemNotFound') == \
        'Volume %s could not be found.' % UNKNOWN
    assert _fault(post({'volume_id': volume['id'], 'force': 'maybe'}), 400,
                  'badRequest')
    message = _fault(post({'volume_id': volume['id'], 'force': False}), 400,
                     'badRequest')
    assert message.startswith("Since microversion 3.66 the 'force' flag is "
                              "invalid for this request.")
    resp = post({'volume_id': volume['id'], 'force': True,
                 'display_name': ' s ', 'description': 'd'})
    assert resp.status_int == 202
    assert (resp.json['snapshot']['name'],
            resp.json['snapshot']['description']) == ('s', 'd')
    assert post({'volume_id': volume['id'], 'force': False},
                '3.65').status_int == 202
    url = '/snapshots/%s' % resp.json['snapshot']['id']
    assert _fault(vcloud.put(url, {'snapshot': {}}, user=demo), 400,
                  'badRequest')
    resp = vcloud.put(url, {'snapshot': {'display_description': 'x'}},
                      user=demo)
    assert resp.json['snapshot']['description'] == 'x'


@pytest.fixture
def volume(vcloud, demo):
    return vcloud.create_volume(user=demo)


def test_attachment_bodies(vcloud, demo, volume):
    def post(attachment, version='3.71'):
        return vcloud.post('/attachments', {'attachment': attachment},
                           version=version, user=demo)

    assert _fault(post({'volume_uuid': volume['id'], 'instance_uuid': SERVER},
                       '3.26'), 404, 'itemNotFound')
    message = _fault(post({'volume_uuid': volume['id'], 'mode': 'ro',
                           'instance_uuid': SERVER}, '3.53'), 400,
                     'badRequest')
    assert "'mode' was unexpected" in message
    _fault(post({'volume_uuid': volume['id'], 'mode': 'rx',
                 'instance_uuid': SERVER}), 400, 'badRequest')
    _fault(post({'volume_uuid': 'abc', 'instance_uuid': SERVER}), 400,
           'badRequest')
    _fault(post({'instance_uuid': SERVER}), 400, 'badRequest')
    assert _fault(post({'volume_uuid': UNKNOWN, 'instance_uuid': SERVER}),
                  404, 'itemNotFound') == \
        'Volume %s could not be found.' % UNKNOWN
    # cinder reserves without an instance too.
    resp = post({'volume_uuid': volume['id']})
    assert resp.status_int == 200
    attachment = resp.json['attachment']
    assert attachment['instance'] is None
    url = '/attachments/%s' % attachment['id']
    for body in ({'attachment': {'connector': {}}}, {'attachment': {}},
                 {'attachment': {'connector': {'host': 'h'}, 'x': 1}}):
        _fault(vcloud.put(url, body, user=demo), 400, 'badRequest')
    message = _fault(vcloud.post(url + '/action', {
        'os-complete': None, 'other': 1}, user=demo), 400, 'badRequest')
    assert "'other' was unexpected" in message
    assert _fault(vcloud.get('/attachments/%s' % UNKNOWN, user=demo), 404,
                  'itemNotFound')


def test_policies_member_vs_admin(vcloud, demo, volume):
    project = demo['project_id']
    assert _fault(vcloud.put('/os-quota-sets/%s' % project,
                             {'quota_set': {'volumes': 1}}, user=demo),
                  403, 'forbidden')
    assert _fault(vcloud.delete('/os-quota-sets/%s' % project, user=demo),
                  403, 'forbidden')
    assert _fault(vcloud.get('/scheduler-stats/get_pools', user=demo), 403,
                  'forbidden')
    assert _fault(vcloud.delete('/volumes/%s?force=true' % volume['id'],
                                user=demo), 403, 'forbidden')
    # Another project's volume does not exist for a member.
    mine = vcloud.create_volume()
    for method in ('get', 'delete'):
        assert _fault(getattr(vcloud, method)('/volumes/%s' % mine['id'],
                                              user=demo), 404,
                      'itemNotFound')
    assert _fault(vcloud.put('/volumes/%s' % mine['id'], {
        'volume': {'name': 'x'}}, user=demo), 404, 'itemNotFound')


def test_quota_set_bodies(vcloud, demo):
    url = '/os-quota-sets/%s' % demo['project_id']
    schema = schemas.volume('quotas')
    cases = (
        ({'quota_set': {}}, 'Invalid input for field/attribute quota_set. '
                            'Value: {}.'),
        ({'quota_set': {'volumes': 'x'}}, 'volumes must be an integer'),
        ({'quota_set': {'volumes': -2}}, 'volumes must be >= -1'),
        ({'quota_set': {'volumes': 2 ** 31}},
         'volumes must be <= 2147483647'),
        ({'quota_set': {'bogus': 1, 'skip_validation': False}},
         'Invalid input received: Bad key(s) in quota set: bogus, '
         'skip_validation'),
        ({'quota_set': {'volumes': 1}, 'x': 1},
         "Additional properties are not allowed ('x' was unexpected)"),
    )
    for body, message in cases:
        got = _fault(vcloud.put(url, body), 400, 'badRequest')
        assert got.startswith(message), got
    # Strings of integers, and the ids clients send along, are taken.
    updated = schemas.check(schema.update_quota_set, vcloud.put(url, {
        'quota_set': {'volumes': '4', 'groups': 3,
                      'tenant_id': demo['project_id']}}))['quota_set']
    assert (updated['volumes'], updated['groups']) == (4, 3)
    assert 'id' not in updated
    assert _fault(vcloud.get(url + '?usage=maybe', user=demo), 400,
                  'badRequest') == "Value 'maybe' for 'usage' is not a " \
        "boolean."
    shown = schemas.check(schema.show_quota_set_usage,
                          vcloud.get(url + '?usage=true', user=demo))
    assert shown['quota_set']['volumes']['limit'] == 4
    assert _fault(vcloud.get('/os-quota-sets/%s' % ('0' * 32), user=demo),
                  403, 'forbidden')
    deleted = vcloud.delete(url)
    assert (deleted.status_int, deleted.body) == (200, b'')
    assert vcloud.get(url).json['quota_set']['volumes'] == 10


def test_volume_metadata_etags_from_315(vcloud):
    import hashlib
    import json
    volume = vcloud.create_volume(metadata={'a': '1'})
    url = '/volumes/%s/metadata' % volume['id']
    assert 'Etag' not in vcloud.get(url, version='3.14').headers
    resp = vcloud.get(url, version='3.15')
    etag = hashlib.md5(json.dumps({'metadata': {'a': '1'}}).encode(),
                       usedforsecurity=False).hexdigest()
    assert resp.headers['Etag'] == etag
    stale = vcloud.client.request(
        'PUT', '/volume/v3' + url, {'metadata': {'b': '2'}},
        {'OpenStack-API-Version': 'volume 3.15', 'If-Match': '"nope"'})
    assert (stale.status_int, stale.body) == (412, b'')
    fresh = vcloud.client.request(
        'PUT', '/volume/v3' + url + '/a', {'meta': {'a': '2'}},
        {'OpenStack-API-Version': 'volume 3.15', 'If-Match': '"%s"' % etag})
    assert fresh.json == {'meta': {'a': '2'}}
    # Before 3.15 If-Match means nothing.
    old = vcloud.client.request(
        'PUT', '/volume/v3' + url, {'metadata': {'c': '3'}},
        {'OpenStack-API-Version': 'volume 3.14', 'If-Match': '"nope"'})
    assert old.json == {'metadata': {'c': '3'}}


def test_zone_availability_follows_enabled_services(vcloud, demo):
    from stratus.db.api import services as db_services
    vcloud.add_backend('lvmdriver-3', zone='az2')
    [az2] = [s for s in db_services.service_list(binary='stratus-volume')
             if s['availability_zone'] == 'az2']
    db_services.service_update(az2['id'], {'disabled': True})
    body = vcloud.get('/os-availability-zone', user=demo).json
    assert body['availabilityZoneInfo'][-1] == {
        'zoneName': 'az2', 'zoneState': {'available': False}}


def test_attachment_delete_answers_the_remaining_ones(vcloud):
    vcloud.create_type('multi', multiattach='<is> True')
    volume = vcloud.create_volume(volume_type='multi')
    ids = []
    for server in (SERVER, UNKNOWN):
        resp = vcloud.post('/attachments', {'attachment': {
            'volume_uuid': volume['id'], 'instance_uuid': server,
            'connector': {'host': 'h-%s' % server[:4]}}})
        assert resp.status_int == 200, resp.text
        ids.append(resp.json['attachment']['id'])
        assert vcloud.post('/attachments/%s/action' % ids[-1],
                           {'os-complete': None}).status_int == 204
    resp = vcloud.delete('/attachments/%s' % ids[0])
    assert resp.status_int == 200
    assert [a['id'] for a in resp.json['attachments']] == [ids[1]]
    assert set(resp.json['attachments'][0]) == {'id', 'status', 'instance',
                                                 'volume_id'}
    assert vcloud.delete('/attachments/%s' % ids[1]).json == {
        'attachments': []}


def test_attachments_of_volumes_in_error(vcloud, volume, demo):
    resp = vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'], 'instance_uuid': SERVER}}, user=demo)
    attachment = resp.json['attachment']
    vcloud.action(volume['id'], {'os-reset_status': {'status': 'error'}})
    message = _fault(vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'], 'instance_uuid': SERVER}}, user=demo),
        400, 'badRequest')
    assert message == (
        'Invalid volume: Volume attachments can not be created if the '
        'volume is in an error state. The Volume %s currently has a status '
        'of: error ' % volume['id'])
    message = _fault(vcloud.put('/attachments/%s' % attachment['id'], {
        'attachment': {'connector': {'host': 'h'}}}, user=demo), 409,
        'conflictingRequest')
    assert message.startswith('Resource conflict: Volume attachments can '
                              'not be updated if the volume is in an error')


def test_other_projects_resources_do_not_exist_for_a_member(vcloud, demo):
    volume = vcloud.create_volume()
    snap = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id']}}).json['snapshot']
    attachment = vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'], 'instance_uuid': SERVER}}).json[
        'attachment']
    vcloud.create_type('nowhere', volume_backend_name='nope')
    vcloud.create_volume(volume_type='nowhere')
    [message] = vcloud.get('/messages').json['messages']
    for method, path, body in (
            ('get', '/snapshots/%s' % snap['id'], None),
            ('put', '/snapshots/%s' % snap['id'],
             {'snapshot': {'name': 'x'}}),
            ('delete', '/snapshots/%s' % snap['id'], None),
            ('get', '/snapshots/%s/metadata' % snap['id'], None),
            ('post', '/snapshots/%s/metadata' % snap['id'],
             {'metadata': {'a': 'b'}}),
            ('get', '/volumes/%s/metadata' % volume['id'], None),
            ('put', '/volumes/%s/metadata/a' % volume['id'],
             {'meta': {'a': 'b'}}),
            ('get', '/attachments/%s' % attachment['id'], None),
            ('delete', '/attachments/%s' % attachment['id'], None),
            ('get', '/messages/%s' % message['id'], None),
            ('delete', '/messages/%s' % message['id'], None)):
        kwargs = {'user': demo}
        if body is not None:
            kwargs['body'] = body
        resp = vcloud.request(method.upper(), path, **kwargs)
        _fault(resp, 404, 'itemNotFound')
    assert vcloud.get('/snapshots', user=demo).json == {'snapshots': []}
    assert vcloud.get('/attachments', user=demo).json == {
        'attachments': []}
    assert vcloud.get('/messages', user=demo).json == {'messages': []}
    admin_project = volume['os-vol-tenant-attr:tenant_id']
    for path in ('/os-quota-sets/%s' % admin_project,
                 '/os-quota-sets/%s/defaults' % admin_project):
        _fault(vcloud.get(path, user=demo), 403, 'forbidden')
