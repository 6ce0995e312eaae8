"""Volume types: admin CRUD, extra specs, private types and their access
list, what members see, the default type."""
from support import schemas

SCHEMA = schemas.volume('volume_types')

TYPE_KEYS = {'id', 'name', 'is_public', 'description', 'extra_specs',
             'os-volume-type-access:is_public'}


def test_crud_and_extra_specs(vcloud):
    resp = vcloud.post('/types', {'volume_type': {
        'name': 'lvm1', 'description': 'd',
        'os-volume-type-access:is_public': True}})
    vtype = schemas.check(SCHEMA.create_volume_type, resp)['volume_type']
    # No qos_specs_id: only show and list add it (for admins).
    assert set(vtype) == TYPE_KEYS
    url = '/types/%s' % vtype['id']
    resp = vcloud.post(url + '/extra_specs', {'extra_specs': {
        'volume_backend_name': 'lvmdriver-1', 'multiattach': '<is> True'}})
    assert resp.json == {'extra_specs': {
        'volume_backend_name': 'lvmdriver-1', 'multiattach': '<is> True'}}
    assert vcloud.get(url + '/extra_specs/multiattach').json == {
        'multiattach': '<is> True'}
    assert vcloud.put(url + '/extra_specs/multiattach', {
        'multiattach': '<is> False'}).json == {'multiattach': '<is> False'}
    assert vcloud.delete(url + '/extra_specs/multiattach').status_int == 202
    resp = vcloud.get(url + '/extra_specs/multiattach')
    assert resp.status_int == 404
    resp = vcloud.put(url, {'volume_type': {'name': 'lvm-one',
                                            'description': None}})
    schemas.check(SCHEMA.update_volume_types, resp)
    assert set(resp.json['volume_type']) == TYPE_KEYS - {
        'os-volume-type-access:is_public'}
    assert resp.json['volume_type']['name'] == 'lvm-one'
    shown = vcloud.get('/types/lvm-one')
    assert shown.status_int == 404       # by id only, as cinder
    shown = schemas.check(SCHEMA.show_volume_type, vcloud.get(url))
    assert shown['volume_type']['qos_specs_id'] is None
    assert shown['volume_type']['extra_specs'] == {
        'volume_backend_name': 'lvmdriver-1'}
    dup = vcloud.post('/types', {'volume_type': {'name': 'lvm-one'}})
    assert dup.status_int == 409
    assert dup.json['conflictingRequest']['message'] == \
        'Volume Type lvm-one already exists.'
    assert vcloud.delete(url).status_int == 202
    assert vcloud.get(url).status_int == 404


def test_type_in_use_cannot_go(vcloud):
    type_id = vcloud.create_type('busy')
    vcloud.create_volume(volume_type='busy')
    resp = vcloud.delete('/types/%s' % type_id)
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'Volume Type %s deletion is not allowed with volumes present with '
        'the type.' % type_id)


def test_members_see_public_and_shared_types_without_specs(vcloud, demo):
    vcloud.create_type('public', volume_backend_name='lvmdriver-1',
                       multiattach='<is> True')
    private = vcloud.post('/types', {'volume_type': {
        'name': 'private', 'os-volume-type-access:is_public': False}}).json[
        'volume_type']
    names = [t['name'] for t in vcloud.get('/types', user=demo).json[
        'volume_types']]
    assert 'public' in names and 'private' not in names
    public = [t for t in vcloud.get('/types', user=demo).json[
        'volume_types'] if t['name'] == 'public'][0]
    assert public['extra_specs'] == {'multiattach': '<is> True'}
    assert 'qos_specs_id' not in public
    assert vcloud.post('/types', {'volume_type': {'name': 'x'}},
                       user=demo).status_int == 403
    url = '/types/%s' % private['id']
    assert vcloud.post(url + '/action', {'addProjectAccess': {
        'project': demo['project_id']}}).status_int == 202
    assert vcloud.get(url + '/os-volume-type-access').json == {
        'volume_type_access': [{'volume_type_id': private['id'],
                                'project_id': demo['project_id']}]}
    names = [t['name'] for t in vcloud.get('/types', user=demo).json[
        'volume_types']]
    assert 'private' in names
    vcloud.create_volume(volume_type='private', user=demo)
    assert vcloud.post(url + '/action', {'removeProjectAccess': {
        'project': demo['project_id']}}).status_int == 202
    assert vcloud.get(url, user=demo).status_int == 404
    assert [t['name'] for t in vcloud.get('/types?is_public=False').json[
        'volume_types']] == ['private']


def test_default_type(vcloud, demo):
    body = vcloud.get('/types/default', user=demo).json['volume_type']
    assert body['name'] == '__DEFAULT__'
    resp = vcloud.delete('/types/%s' % body['id'])
    assert resp.status_int == 400
    assert 'Default volume type can not be deleted.' in resp.json[
        'badRequest']['message']


def test_extra_specs_filter_from_352(vcloud):
    vcloud.create_type('a', volume_backend_name='lvmdriver-1')
    vcloud.create_type('b', volume_backend_name='lvmdriver-2')
    resp = vcloud.get("/types?extra_specs={'volume_backend_name':"
                      "'lvmdriver-2'}", version='3.52')
    assert [t['name'] for t in resp.json['volume_types']] == ['b']
