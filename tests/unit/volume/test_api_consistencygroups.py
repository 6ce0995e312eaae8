"""Consistency groups and cgsnapshots (cinder's deprecated API over
generic groups, every microversion): create (volume_types as a comma
separated string), create_from_src, show, list, detail, update (add and
remove volumes as strings), delete (POST /{id}/delete, DELETE /{id}),
volumes created in a CG, and cgsnapshot create, show, list, delete.
tempest has no schema for these calls: the key sets are the API
reference's and cinder's views'."""
from support import identity
from support import schemas
from support.groups import create_group, gcloud, group_type  # noqa

CG_KEYS = {'id', 'status', 'availability_zone', 'created_at', 'name',
           'description', 'volume_types'}
CGSNAP_KEYS = {'id', 'consistencygroup_id', 'status', 'created_at', 'name',
               'description'}
UNKNOWN = '00000000-0000-0000-0000-000000000000'
MALFORMED = ('The server could not comply with the request since it is '
             'either malformed or otherwise incorrect.')
IDENTITY = '/identity/v3'


def _create(cloud, types='vt1', user=None, version='3.71', **extra):
    body = dict({'name': 'cg', 'volume_types': types}, **extra)
    return cloud.post('/consistencygroups', {'consistencygroup': body},
                      user=user, version=version)


def _cg(cloud, types='vt1', user=None, **extra):
    resp = _create(cloud, types, user=user, **extra)
    assert resp.status_int == 202, resp.text
    assert set(resp.json['consistencygroup']) == {'id', 'name'}
    return resp.json['consistencygroup']['id']


def _show(cloud, cg_id, user=None, version='3.71'):
    resp = cloud.get('/consistencygroups/%s' % cg_id, user=user,
                     version=version)
    assert resp.status_int == 200, resp.text
    assert set(resp.json['consistencygroup']) == CG_KEYS
    return resp.json['consistencygroup']


def _message(resp, status, key):
    return schemas.check_fault(resp, status, key)


def _volume(cloud, cg_id, version='3.0', **extra):
    return cloud.create_volume(version=version, volume_type='vt1',
                               consistencygroup_id=cg_id, **extra)


def _update(cloud, cg_id, path='/update', user=None, **body):
    return cloud.put('/consistencygroups/%s%s' % (cg_id, path),
                     {'consistencygroup': body}, user=user)


def _delete(cloud, cg_id, body, user=None):
    return cloud.post('/consistencygroups/%s/delete' % cg_id, body,
                      user=user)


def _cgsnap(cloud, cg_id, name='snap'):
    resp = cloud.post('/cgsnapshots', {'cgsnapshot': {
        'consistencygroup_id': cg_id, 'name': name}})
    assert resp.status_int == 202, resp.text
    assert set(resp.json['cgsnapshot']) == {'id', 'name'}
    return resp.json['cgsnapshot']['id']


# --- consistency groups ------------------------------------------------------

def test_create_show_list(gcloud, demo):
    vt1 = gcloud.create_type('vt1')
    vt2 = gcloud.create_type('vt2')
    resp = _create(gcloud, 'vt1,%s,' % vt2, name='  cg1 ', description='d',
                   version='3.0')
    assert resp.status_int == 202
    created = resp.json['consistencygroup']
    assert created['name'] == 'cg1'
    for version in ('3.0', '3.13', '3.71'):
        shown = _show(gcloud, created['id'], version=version)
        assert (shown['status'], shown['availability_zone'],
                shown['description']) == ('available', 'nova', 'd')
        assert shown['volume_types'] == [vt1, vt2]
    # A group of the reserved cgsnapshot type: the group API hides it.
    assert gcloud.get('/groups', version='3.13').json['groups'] == []
    resp = gcloud.get('/groups/%s' % created['id'], version='3.13')
    assert _message(resp, 400, 'badRequest').endswith(
        'Migrated group can only be operated by CG APIs.')
    # The CG API lists every group the caller has, CG or not.
    generic = create_group(gcloud, name='generic')
    listed = gcloud.get('/consistencygroups').json
    assert listed == {'consistencygroups': [
        {'id': generic, 'name': 'generic'},
        {'id': created['id'], 'name': 'cg1'}]}
    detail = gcloud.get('/consistencygroups/detail?sort=name:asc').json
    assert [g['id'] for g in detail['consistencygroups']] == [
        created['id'], generic]
    assert all(set(g) == CG_KEYS for g in detail['consistencygroups'])
    # Filters are group columns; any other key matches nothing.
    assert [g['id'] for g in gcloud.get(
        '/consistencygroups?name=cg1').json['consistencygroups']] == [
        created['id']]
    assert gcloud.get('/consistencygroups?list_volume=True').json == {
        'consistencygroups': []}
    # Paging: a next link while pages are full.
    page = gcloud.get('/consistencygroups/detail?limit=1').json
    assert len(page['consistencygroups']) == 1
    link = page['consistencygroup_links'][0]
    assert link['rel'] == 'next' and '/consistencygroups?' in link['href']
    assert 'marker=%s' % page['consistencygroups'][0]['id'] in link['href']
    resp = gcloud.get('/consistencygroups?limit=x')
    assert _message(resp, 400, 'badRequest') == \
        'limit param must be an integer'
    resp = gcloud.get('/consistencygroups?sort=nope')
    _message(resp, 400, 'badRequest')
    # Another project: not its groups; all_tenants is an admin's only.
    assert gcloud.get('/consistencygroups', user=demo).json == {
        'consistencygroups': []}
    mine = _cg(gcloud, user=demo)
    assert gcloud.get('/consistencygroups?all_tenants=1',
                      user=demo).json == {'consistencygroups': []}
    assert [g['id'] for g in gcloud.get('/consistencygroups',
                                        user=demo).json[
        'consistencygroups']] == [mine]
    everyone = gcloud.get('/consistencygroups?all_tenants=0').json
    assert len(everyone['consistencygroups']) == 3
    resp = gcloud.get('/consistencygroups/%s' % created['id'], user=demo)
    assert _message(resp, 404, 'itemNotFound') == \
        'Group %s could not be found.' % created['id']
    assert _show(gcloud, mine)['id'] == mine


def test_create_refusals(gcloud, demo):
    gcloud.create_type('vt1')
    for body in ({}, {'consistencygroup': {'name': 'x'}},
                 {'consistencygroup': 'x'},
                 {'consistencygroup': {'volume_types': 'vt1',
                                       'name': 'x' * 256}},
                 {'consistencygroup': {'volume_types': 'vt1',
                                       'description': 5}}):
        resp = gcloud.post('/consistencygroups', body)
        _message(resp, 400, 'badRequest')
    resp = gcloud.post('/consistencygroups', {'consistencygroup': {}})
    assert _message(resp, 400, 'badRequest') == (
        "Invalid input for field/attribute consistencygroup. Value: {}. "
        "'volume_types' is a required property")
    # Unknown keys pass (cinder's loose schema).
    assert _create(gcloud, foo=1).status_int == 202
    for types in ('', None, []):
        resp = _create(gcloud, types, name=' cgx ')
        assert _message(resp, 400, 'badRequest') == \
            'volume_types must be provided to create consistency group cgx.'
    # cinder splits what it gets as a string (a list is its 500): 400.
    resp = _create(gcloud, ['vt1'])
    assert _message(resp, 400, 'badRequest') == MALFORMED
    resp = _create(gcloud, 'vt1,nope')
    assert _message(resp, 404, 'itemNotFound') == \
        'Volume type with name nope could not be found.'
    resp = _create(gcloud, UNKNOWN)
    assert _message(resp, 404, 'itemNotFound') == \
        'Volume type %s could not be found.' % UNKNOWN
    for zone in ('mars', ''):
        resp = _create(gcloud, availability_zone=zone)
        assert _message(resp, 400, 'badRequest') == \
            "Invalid input received: Availability zone '%s' is invalid." \
            % zone
    assert _create(gcloud, availability_zone='nova').status_int == 202
    vt1 = _show(gcloud, _cg(gcloud))['volume_types'][0]
    twice = _cg(gcloud, 'vt1,vt1,%s' % vt1)
    assert len(_show(gcloud, twice)['volume_types']) == 1
    # An empty body never reaches cinder's handler (its wrapper's 500): 400.
    resp = gcloud.client.request('POST', '/volume/v3/consistencygroups',
                                 raw=b'', headers={
                                     'OpenStack-API-Version': 'volume 3.71'})
    assert _message(resp, 400, 'badRequest') == 'Malformed request body'
    # Policy: a reader may look, not create.
    reader = _reader_of(gcloud.client, demo)
    resp = _create(gcloud, user=reader)
    _message(resp, 403, 'forbidden')
    assert gcloud.get('/consistencygroups', user=reader).status_int == 200


def _reader_of(admin, demo):
    user = admin.post(IDENTITY + '/users', {'user': {
        'name': 'watcher', 'password': 'watcher-pw',
        'default_project_id': demo['project_id']}}).json['user']
    role = admin.get(IDENTITY + '/roles?name=reader').json['roles'][0]
    assert admin.put(IDENTITY + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], user['id'], role['id'])).status_int == 204
    return {'token': identity.token_for(admin, 'watcher', 'watcher-pw',
                                        'demo')}


def test_volumes_in_a_consistency_group(gcloud):
    gcloud.create_type('vt1')
    gcloud.create_type('vt2')
    cg_id = _cg(gcloud)
    volume = _volume(gcloud, cg_id)
    assert volume['consistencygroup_id'] == cg_id
    assert volume['status'] == 'available'
    shown = gcloud.show(volume['id'], version='3.13')
    assert (shown['group_id'], shown['consistencygroup_id']) == (
        cg_id, cg_id)
    listed = gcloud.get('/volumes/detail', version='3.0').json['volumes']
    assert listed[0]['consistencygroup_id'] == cg_id
    # A generic group's volumes show no consistency group.
    generic = create_group(gcloud, gtype=group_type(gcloud))
    other = gcloud.create_volume(version='3.13', volume_type='vt1',
                                 group_id=generic)
    assert other['consistencygroup_id'] is None
    for extra, message in (
            ({}, 'Invalid input received: volume_type must be provided '
                 'when creating a volume in a group.'),
            ({'volume_type': 'vt2'}, 'Invalid input received: Invalid '
             'volume_type provided: vt2 (requested type must be supported '
             'by this group).')):
        resp = gcloud.post('/volumes', {'volume': dict(
            size=1, consistencygroup_id=cg_id, **extra)}, version='3.0')
        assert _message(resp, 400, 'badRequest') == message
    resp = gcloud.post('/volumes', {'volume': {
        'size': 1, 'volume_type': 'vt1', 'consistencygroup_id': UNKNOWN}})
    assert _message(resp, 404, 'itemNotFound') == \
        'Group %s could not be found.' % UNKNOWN


def test_update_adds_and_removes_volumes(gcloud, demo):
    gcloud.create_type('vt1')
    cg_id = _cg(gcloud)
    free = gcloud.create_volume(volume_type='vt1')
    member = _volume(gcloud, cg_id)
    resp = _update(gcloud, cg_id, name=' new ', description='nd',
                   add_volumes=free['id'] + ',',
                   remove_volumes=member['id'])
    assert (resp.status_int, resp.body) == (202, b'')
    shown = _show(gcloud, cg_id)
    assert (shown['name'], shown['description'], shown['status']) == (
        'new', 'nd', 'available')
    assert gcloud.show(free['id'])['consistencygroup_id'] == cg_id
    assert gcloud.show(member['id'])['consistencygroup_id'] is None
    # PUT /{id} is the same call in cinder's mapper.
    assert _update(gcloud, cg_id, path='', name='again').status_int == 202
    assert _show(gcloud, cg_id)['name'] == 'again'
    for body in ({}, {'name': ' '}, {'add_volumes': '', 'name': None}):
        resp = _update(gcloud, cg_id, **body)
        assert _message(resp, 400, 'badRequest') == (
            'Name, description, add_volumes, and remove_volumes can not be '
            'all empty in the request body.')
    resp = _update(gcloud, cg_id, add_volumes=UNKNOWN)
    assert _message(resp, 400, 'badRequest') == (
        'Invalid volume: Cannot add volume %s to group %s because volume '
        'cannot be found.' % (UNKNOWN, cg_id))
    resp = _update(gcloud, cg_id, remove_volumes=UNKNOWN)
    assert _message(resp, 400, 'badRequest') == (
        'Invalid volume: Cannot remove volume %s from group %s because it '
        'is not in the group.' % (UNKNOWN, cg_id))
    resp = _update(gcloud, cg_id, add_volumes=5)
    assert _message(resp, 400, 'badRequest').startswith(
        'Invalid input for field/attribute add_volumes. Value: 5.')
    resp = gcloud.put('/consistencygroups/%s/update' % cg_id, {'x': {}})
    assert _message(resp, 400, 'badRequest') == \
        "'consistencygroup' is a required property"
    resp = _update(gcloud, UNKNOWN, name='x')
    assert _message(resp, 404, 'itemNotFound') == \
        'Group %s could not be found.' % UNKNOWN
    resp = _update(gcloud, cg_id, path='/bogus', name='x')
    _message(resp, 404, 'itemNotFound')
    resp = _update(gcloud, cg_id, name='x', user=demo)
    _message(resp, 404, 'itemNotFound')


def test_delete(gcloud, demo):
    gcloud.create_type('vt1')
    cg_id = _cg(gcloud)
    volume = _volume(gcloud, cg_id)
    null = gcloud.client.request(
        'POST', '/volume/v3/consistencygroups/%s/delete' % cg_id,
        raw=b'null', headers={'OpenStack-API-Version': 'volume 3.71'})
    for resp in [_delete(gcloud, cg_id, body) for body in (
            {'consistencygroup': {}}, {}, {'consistencygroup': {
                'force': 'false'}})] + [null]:
        assert _message(resp, 400, 'badRequest') == (
            'Invalid Group: Group %s still contains volumes. The '
            'delete-volumes flag is required to delete it.' % cg_id)
    # What openstacksdk sends: cinder's schema has no such key.
    resp = _delete(gcloud, cg_id, {'consistency_group': {'force': True}})
    assert _message(resp, 400, 'badRequest') == (
        "{'consistency_group': {'force': True}} is not valid under any of "
        "the given schemas")
    resp = _delete(gcloud, cg_id, {'consistencygroup': {'force': 'maybe'}})
    _message(resp, 400, 'badRequest')
    resp = _delete(gcloud, UNKNOWN, {'consistencygroup': {'force': True}})
    assert _message(resp, 404, 'itemNotFound') == \
        'Group %s could not be found.' % UNKNOWN
    resp = _delete(gcloud, cg_id, {'consistencygroup': {'force': True}},
                   user=demo)
    _message(resp, 404, 'itemNotFound')
    resp = _delete(gcloud, cg_id, {'consistencygroup': {'force': True}})
    assert (resp.status_int, resp.body) == (202, b'')
    _message(gcloud.get('/consistencygroups/%s' % cg_id), 404,
             'itemNotFound')
    _message(gcloud.get('/volumes/%s' % volume['id']), 404, 'itemNotFound')
    # DELETE /{id} reaches the same method; without a body cinder's
    # wrapper fails before it (a 500 there): 400.
    empty = _cg(gcloud)
    resp = gcloud.delete('/consistencygroups/%s' % empty)
    assert _message(resp, 400, 'badRequest') == 'Malformed request body'
    resp = gcloud.request('DELETE', '/consistencygroups/%s' % empty, {})
    assert resp.status_int == 202
    _message(gcloud.get('/consistencygroups/%s' % empty), 404,
             'itemNotFound')


# --- cgsnapshots -------------------------------------------------------------

def test_cgsnapshots(gcloud, demo):
    gcloud.create_type('vt1')
    cg_id = _cg(gcloud)
    volumes = [_volume(gcloud, cg_id, size=i + 1) for i in range(2)]
    snap_id = _cgsnap(gcloud, cg_id)
    for version in ('3.0', '3.71'):
        resp = gcloud.get('/cgsnapshots/%s' % snap_id, version=version)
        shown = resp.json['cgsnapshot']
        assert set(shown) == CGSNAP_KEYS
        assert (shown['consistencygroup_id'], shown['status'],
                shown['name'], shown['description']) == (
            cg_id, 'available', 'snap', None)
    members = gcloud.get('/snapshots/detail').json['snapshots']
    assert sorted(s['volume_id'] for s in members) == sorted(
        v['id'] for v in volumes)
    assert gcloud.get('/cgsnapshots').json == {
        'cgsnapshots': [{'id': snap_id, 'name': 'snap'}]}
    second = _cgsnap(gcloud, cg_id, name=' two ')
    detail = gcloud.get('/cgsnapshots/detail').json['cgsnapshots']
    assert [s['id'] for s in detail] == [second, snap_id]
    assert detail[0]['name'] == 'two'
    assert all(set(s) == CGSNAP_KEYS for s in detail)
    # offset and limit slice the list; no links, no filters, no marker.
    assert [s['id'] for s in gcloud.get(
        '/cgsnapshots?offset=1&limit=1').json['cgsnapshots']] == [snap_id]
    assert len(gcloud.get('/cgsnapshots?name=x&marker=y&limit=0').json[
        'cgsnapshots']) == 2
    resp = gcloud.get('/cgsnapshots?limit=-1')
    assert _message(resp, 400, 'badRequest') == \
        'limit param must be positive'
    resp = gcloud.get('/cgsnapshots?offset=x')
    _message(resp, 400, 'badRequest')
    # The generic group snapshot API does not take them.
    resp = gcloud.get('/group_snapshots/%s' % snap_id, version='3.14')
    assert _message(resp, 400, 'badRequest').endswith(
        'Migrated group snapshots can only be operated by CG snapshot APIs.')
    # A CG with snapshots is not deleted, force or not.
    resp = _delete(gcloud, cg_id, {'consistencygroup': {'force': True}})
    assert _message(resp, 400, 'badRequest') == \
        'Invalid Group: Group has existing snapshots.'
    # Another project neither sees nor deletes them.
    assert gcloud.get('/cgsnapshots', user=demo).json == {'cgsnapshots': []}
    resp = gcloud.get('/cgsnapshots/%s' % snap_id, user=demo)
    assert _message(resp, 404, 'itemNotFound') == \
        'GroupSnapshot %s could not be found.' % snap_id
    _message(gcloud.delete('/cgsnapshots/%s' % snap_id, user=demo), 404,
             'itemNotFound')
    for snap in (second, snap_id):
        resp = gcloud.delete('/cgsnapshots/%s' % snap)
        assert (resp.status_int, resp.body) == (202, b'')
    resp = gcloud.get('/cgsnapshots/%s' % snap_id)
    assert _message(resp, 404, 'itemNotFound') == \
        'GroupSnapshot %s could not be found.' % snap_id
    assert gcloud.get('/cgsnapshots').json == {'cgsnapshots': []}


def test_cgsnapshot_refusals(gcloud, demo):
    gcloud.create_type('vt1')
    cg_id = _cg(gcloud)
    _volume(gcloud, cg_id)
    for body, start in (
            ({'cgsnapshot': {}}, "Invalid input for field/attribute "
             "cgsnapshot. Value: {}. 'consistencygroup_id' is a required "
             "property"),
            ({'cgsnapshot': {'consistencygroup_id': cg_id, 'name': None}},
             'Invalid input for field/attribute name. Value: None. None is '
             "not of type 'string'"),
            ({'cgsnapshot': {'consistencygroup_id': 5}},
             'Invalid input for field/attribute consistencygroup_id.'),
            ({}, "'cgsnapshot' is a required property")):
        resp = gcloud.post('/cgsnapshots', body)
        assert _message(resp, 400, 'badRequest').startswith(start)
    resp = gcloud.post('/cgsnapshots', {'cgsnapshot': {
        'consistencygroup_id': 'nope'}})
    assert _message(resp, 404, 'itemNotFound') == \
        'Group nope could not be found.'
    resp = gcloud.post('/cgsnapshots', {'cgsnapshot': {
        'consistencygroup_id': cg_id}}, user=demo)
    _message(resp, 404, 'itemNotFound')
    _message(gcloud.delete('/cgsnapshots/%s' % UNKNOWN), 404,
             'itemNotFound')
    # A snapshot being deleted cannot be deleted again.
    snap_id = _cgsnap(gcloud, cg_id)
    from stratus.db.api import group_snapshots as db_group_snapshots
    db_group_snapshots.update(snap_id, {'status': 'creating'})
    resp = gcloud.delete('/cgsnapshots/%s' % snap_id)
    assert _message(resp, 400, 'badRequest') == (
        'Invalid GroupSnapshot: GroupSnapshot status must be available or '
        'error, and no Group can be currently using it as source for its '
        'creation.')
    # A reader may look but not snapshot.
    reader = _reader_of(gcloud.client, demo)
    mine = _cg(gcloud, user=demo)
    resp = gcloud.post('/cgsnapshots', {'cgsnapshot': {
        'consistencygroup_id': mine}}, user=reader)
    _message(resp, 403, 'forbidden')


# --- create from a source ----------------------------------------------------

def test_create_from_src(gcloud):
    gcloud.create_type('vt1')
    cg_id = _cg(gcloud)
    for i in range(2):
        _volume(gcloud, cg_id, size=i + 1)
    snap_id = _cgsnap(gcloud, cg_id)
    url = '/consistencygroups/create_from_src'
    resp = gcloud.post(url, {'consistencygroup-from-src': {
        'name': ' from-snap ', 'cgsnapshot_id': snap_id}})
    assert resp.status_int == 202, resp.text
    made = resp.json['consistencygroup']
    assert set(made) == {'id', 'name'} and made['name'] == 'from-snap'
    shown = _show(gcloud, made['id'])
    assert shown['status'] == 'available'
    volumes = gcloud.get('/volumes/detail?group_id=%s' % made['id'],
                         version='3.13').json['volumes']
    assert sorted(v['size'] for v in volumes) == [1, 2]
    assert {v['consistencygroup_id'] for v in volumes} == {made['id']}
    assert {v['snapshot_id'] is not None for v in volumes} == {True}
    resp = gcloud.post(url, {'consistencygroup-from-src': {
        'source_cgid': cg_id, 'description': 'clone'}})
    assert resp.status_int == 202, resp.text
    clone = _show(gcloud, resp.json['consistencygroup']['id'])
    assert (clone['description'], clone['name']) == ('clone', None)
    assert len(gcloud.get('/volumes/detail?group_id=%s' % clone['id'],
                          version='3.13').json['volumes']) == 2


def test_create_from_src_refusals(gcloud):
    gcloud.create_type('vt1')
    cg_id = _cg(gcloud)
    url = '/consistencygroups/create_from_src'
    for body, message in (
            ({'name': 'n'}, "Either 'cgsnapshot_id' or 'source_cgid' must "
             "be provided to create consistency group n from source."),
            ({'source_cgid': '', 'cgsnapshot_id': ''},
             "Either 'cgsnapshot_id' or 'source_cgid' must be provided to "
             "create consistency group None from source."),
            ({'source_cgid': cg_id, 'cgsnapshot_id': UNKNOWN},
             "Cannot provide both 'cgsnapshot_id' and 'source_cgid' to "
             "create consistency group None from source."),
            # What openstacksdk sends for the id it was not given.
            ({'source_cgid': cg_id, 'cgsnapshot_id': None},
             "Invalid input for field/attribute cgsnapshot_id. Value: None. "
             "None is not of type 'string'")):
        resp = gcloud.post(url, {'consistencygroup-from-src': body})
        assert _message(resp, 400, 'badRequest') == message
    resp = gcloud.post(url, {'x': {}})
    assert _message(resp, 400, 'badRequest') == \
        "'consistencygroup-from-src' is a required property"
    resp = gcloud.post(url, {'consistencygroup-from-src': {
        'source_cgid': UNKNOWN}})
    assert _message(resp, 404, 'itemNotFound') == \
        'Group %s could not be found.' % UNKNOWN
    resp = gcloud.post(url, {'consistencygroup-from-src': {
        'cgsnapshot_id': UNKNOWN}})
    assert _message(resp, 404, 'itemNotFound') == \
        'GroupSnapshot %s could not be found.' % UNKNOWN
    # An empty source: cinder's words, and nothing is left behind.
    resp = gcloud.post(url, {'consistencygroup-from-src': {
        'source_cgid': cg_id}})
    assert _message(resp, 400, 'badRequest') == \
        'Invalid Group: Source Group is empty. No group will be created.'
    assert len(gcloud.get('/consistencygroups').json[
        'consistencygroups']) == 1


def test_routes_without_a_handler(gcloud):
    gcloud.create_type('vt1')
    cg_id = _cg(gcloud)
    for method, path in (('GET', '/consistencygroups/%s/delete' % cg_id),
                         ('POST', '/consistencygroups/detail'),
                         ('PUT', '/consistencygroups'),
                         ('DELETE', '/cgsnapshots'),
                         ('PUT', '/cgsnapshots/%s' % UNKNOWN)):
        resp = gcloud.request(method, path, {'consistencygroup': {}})
        _message(resp, 404, 'itemNotFound')


def test_states_and_quota(gcloud, demo):
    from stratus.db.api import groups as db_groups
    gcloud.create_type('vt1')
    cg_id = _cg(gcloud)
    free = gcloud.create_volume(volume_type='vt1')
    db_groups.update(cg_id, {'status': 'creating'})
    resp = _update(gcloud, cg_id, add_volumes=free['id'])
    assert _message(resp, 400, 'badRequest') == \
        'Invalid Group: Group status must be available.'
    resp = _delete(gcloud, cg_id, {'consistencygroup': {'force': False}})
    assert _message(resp, 400, 'badRequest') == (
        'Invalid Group: Group status must be available or error, but '
        'current status is: creating')
    # A name change alone makes it available again, as in cinder.
    assert _update(gcloud, cg_id, name='renamed').status_int == 202
    assert _show(gcloud, cg_id)['status'] == 'available'
    # A volume in an error state cannot join.
    from stratus.db.api import volumes as db_volumes
    db_volumes.update(free['id'], {'status': 'error'})
    resp = _update(gcloud, cg_id, add_volumes=free['id'])
    assert _message(resp, 400, 'badRequest') == (
        "Invalid volume: Cannot add volume %s to group %s because volume is "
        "in an invalid state: error. Valid states are: ('available', "
        "'in-use')." % (free['id'], cg_id))
    # The groups quota: 413 on create; create_from_src words it as a 400.
    resp = gcloud.put('/os-quota-sets/%s' % demo['project_id'],
                      {'quota_set': {'groups': 1}})
    assert resp.status_int == 200, resp.text
    mine = _cg(gcloud, user=demo)
    _volume(gcloud, mine, user=demo)
    resp = _create(gcloud, user=demo)
    assert _message(resp, 413, 'overLimit') == \
        'Maximum number of groups allowed (1) exceeded'
    resp = gcloud.post('/consistencygroups/create_from_src', {
        'consistencygroup-from-src': {'source_cgid': mine}}, user=demo)
    assert _message(resp, 400, 'badRequest') == \
        'Maximum number of groups allowed (1) exceeded'
