"""Group types (3.11) and their group specs: admin CRUD, what members
see, the default group type, microversion and policy refusals."""
from support import schemas

SCHEMA = schemas.volume('group_types')
V = '3.11'


def _create(vcloud, name='gt1', **body):
    body.setdefault('name', name)
    resp = vcloud.post('/group_types', {'group_type': body}, version=V)
    return schemas.check(SCHEMA.create_group_type, resp)['group_type']


def test_crud_and_specs(vcloud):
    gtype = _create(vcloud, description='d',
                    group_specs={'consistent_group_snapshot_enabled':
                                 '<is> False'})
    assert set(gtype) == {'id', 'name', 'description', 'is_public',
                          'group_specs'}
    assert gtype['is_public'] is True
    url = '/group_types/%s' % gtype['id']
    shown = schemas.check(SCHEMA.show_group_type, vcloud.get(url, version=V))
    assert shown['group_type']['group_specs'] == {
        'consistent_group_snapshot_enabled': '<is> False'}
    listed = schemas.check(SCHEMA.list_group_types,
                           vcloud.get('/group_types', version=V))
    # Newest first; db sync made cinder's default_cgsnapshot_type.
    assert [t['name'] for t in listed['group_types']] == [
        'gt1', 'default_cgsnapshot_type']
    resp = vcloud.put(url, {'group_type': {'name': 'gt2',
                                           'is_public': False}}, version=V)
    updated = schemas.check(SCHEMA.update_group_type, resp)['group_type']
    assert (updated['name'], updated['is_public']) == ('gt2', False)
    # Specs.
    resp = vcloud.post(url + '/group_specs', {'group_specs': {'k1': 'v1'}},
                       version=V)
    assert schemas.check(SCHEMA.create_or_update_group_type_specs,
                         resp) == {'group_specs': {'k1': 'v1'}}
    resp = vcloud.get(url + '/group_specs', version=V)
    assert schemas.check(SCHEMA.list_group_type_specs, resp)[
        'group_specs']['k1'] == 'v1'
    resp = vcloud.get(url + '/group_specs/k1', version=V)
    assert schemas.check(SCHEMA.show_group_type_specs_item, resp) == {
        'k1': 'v1'}
    resp = vcloud.put(url + '/group_specs/k1', {'k1': 'v2'}, version=V)
    assert schemas.check(SCHEMA.update_group_type_specs_item, resp) == {
        'k1': 'v2'}
    resp = vcloud.put(url + '/group_specs/k1', {'k2': 'v2'}, version=V)
    schemas.check_fault(resp, 400, 'badRequest')
    assert resp.json['badRequest']['message'] == \
        'Request body and URI mismatch'
    resp = vcloud.delete(url + '/group_specs/k1', version=V)
    schemas.check(SCHEMA.delete_group_type_specs_item, resp)
    resp = vcloud.get(url + '/group_specs/k1', version=V)
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert resp.json['itemNotFound']['message'] == \
        'Group Type %s has no extra spec with key k1.' % gtype['id']
    resp = vcloud.delete(url + '/group_specs/k1', version=V)
    assert resp.json['itemNotFound']['message'] == \
        'Group Type %s has no specs with key k1.' % gtype['id']
    schemas.check(SCHEMA.delete_group_type, vcloud.delete(url, version=V))
    resp = vcloud.get(url, version=V)
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert resp.json['itemNotFound']['message'] == \
        'Group type %s could not be found.' % gtype['id']


def test_duplicates_and_bad_bodies(vcloud):
    _create(vcloud, 'dup')
    resp = vcloud.post('/group_types', {'group_type': {'name': 'dup'}},
                       version=V)
    schemas.check_fault(resp, 409, 'conflictingRequest')
    assert resp.json['conflictingRequest']['message'] == \
        'Group Type dup already exists.'
    for body in ({'group_type': {}}, {'group_type': {'name': 5}},
                 {'group_type': {'name': 'x', 'bogus': 1}},
                 {'group_type': {'name': 'x', 'is_public': 'maybe'}}):
        resp = vcloud.post('/group_types', body, version=V)
        schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.post('/group_types', {'group_type': {'name': '  '}},
                       version=V)
    assert resp.json['badRequest']['message'] == \
        "An invalid 'name' value was provided. The 'name' can not be empty."
    gtype = _create(vcloud, 'x')
    resp = vcloud.put('/group_types/%s' % gtype['id'], {'group_type': {}},
                      version=V)
    assert resp.json['badRequest']['message'] == \
        'Specify group type name, description or a combination thereof.'
    resp = vcloud.put('/group_types/%s' % gtype['id'], {'group_type': {
        'name': 'dup'}}, version=V)
    assert resp.status_int == 409


def test_members_see_public_types_without_specs(vcloud, demo):
    public = _create(vcloud, 'pub', group_specs={'a': 'b'})
    private = _create(vcloud, 'priv', is_public=False)
    resp = vcloud.get('/group_types', version=V, user=demo)
    listed = schemas.check(SCHEMA.list_group_types, resp)['group_types']
    assert [t['id'] for t in listed][:1] == [public['id']]
    assert 'group_specs' not in listed[0]
    assert private['id'] not in [t['id'] for t in listed]
    resp = vcloud.get('/group_types/%s' % private['id'], version=V,
                      user=demo)
    schemas.check_fault(resp, 404, 'itemNotFound')
    # Admins: public by default, is_public=None for all, bad values 400.
    ids = {t['id'] for t in vcloud.get('/group_types?is_public=None',
                                       version=V).json['group_types']}
    assert {public['id'], private['id']} < ids
    assert [t['id'] for t in vcloud.get(
        '/group_types?is_public=false', version=V).json['group_types']] == [
        private['id']]
    resp = vcloud.get('/group_types?is_public=maybe', version=V)
    assert resp.json['badRequest']['message'] == \
        'Invalid is_public filter [maybe]'
    for method, path, body in (
            ('POST', '/group_types', {'group_type': {'name': 'm'}}),
            ('PUT', '/group_types/%s' % public['id'],
             {'group_type': {'name': 'm'}}),
            ('DELETE', '/group_types/%s' % public['id'], None),
            ('GET', '/group_types/%s/group_specs' % public['id'], None),
            ('POST', '/group_types/%s/group_specs' % public['id'],
             {'group_specs': {'a': 'c'}})):
        resp = vcloud.request(method, path, body, version=V, user=demo)
        schemas.check_fault(resp, 403, 'forbidden')


def test_default_group_type(vcloud):
    resp = vcloud.get('/group_types/default', version=V)
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert resp.json['itemNotFound']['message'] == \
        'Default group type can not be found.'
    gtype = _create(vcloud, 'my-default')
    vcloud.configure(default_group_type='my-default')
    resp = vcloud.get('/group_types/default', version=V)
    assert schemas.check(SCHEMA.show_default_group_type, resp)[
        'group_type']['id'] == gtype['id']


def test_before_3_11_the_routes_are_unknown(vcloud):
    for path in ('/group_types', '/group_types/default'):
        resp = vcloud.get(path, version='3.10')
        schemas.check_fault(resp, 404, 'itemNotFound')
        assert resp.json['itemNotFound']['message'] == \
            'The resource could not be found.'


def test_type_in_use_cannot_go(vcloud):
    gtype = _create(vcloud, 'busy')
    vcloud.create_type('vt1')
    resp = vcloud.post('/groups', {'group': {
        'group_type': gtype['id'], 'volume_types': ['vt1']}},
        version='3.13')
    assert resp.status_int == 202, resp.text
    resp = vcloud.delete('/group_types/%s' % gtype['id'], version=V)
    schemas.check_fault(resp, 400, 'badRequest')
    assert resp.json['badRequest']['message'] == \
        'Target group type is still in use.'


def test_default_cgsnapshot_type_is_reserved(vcloud):
    """db sync makes cinder's default_cgsnapshot_type; groups of it
    belong to the consistency-group APIs."""
    listed = vcloud.get('/group_types', version=V).json['group_types']
    cg = [t for t in listed if t['name'] == 'default_cgsnapshot_type'][0]
    assert cg['group_specs'] == {
        'consistent_group_snapshot_enabled': '<is> True'}
    vcloud.create_type('vt1')
    resp = vcloud.post('/groups', {'group': {
        'group_type': 'default_cgsnapshot_type', 'volume_types': ['vt1']}},
        version='3.13')
    schemas.check_fault(resp, 400, 'badRequest')
    assert resp.json['badRequest']['message'] == (
        'Group_type %s is reserved for migrating CGs to groups. Migrated '
        'group can only be operated by CG APIs.' % cg['id'])
