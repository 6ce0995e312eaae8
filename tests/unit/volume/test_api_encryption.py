"""Volume type encryption: admin CRUD with cinder's answers, the type-in-use
refusals, and a volume of an encrypted type meeting cinder's answer when
no key manager can give a key."""
from support import schemas

SCHEMA = schemas.volume('encryption_types')
SPEC = {'provider': 'luks', 'cipher': 'aes-xts-plain64', 'key_size': 256,
        'control_location': 'front-end'}


def _message(resp, key, code):
    schemas.check_fault(resp, code, key)
    return resp.json[key]['message']


def test_crud(vcloud):
    type_id = vcloud.create_type('enc')
    url = '/types/%s/encryption' % type_id
    shown = vcloud.get(url)
    assert schemas.check(SCHEMA.show_encryption_type, shown) == {}
    resp = vcloud.post(url, {'encryption': dict(SPEC, key_size='256')})
    created = schemas.check(SCHEMA.create_encryption_type, resp)[
        'encryption']
    assert created['key_size'] == 256 and created['volume_type_id'] == \
        type_id
    shown = schemas.check(SCHEMA.show_encryption_type, vcloud.get(url))
    assert set(shown) == {'volume_type_id', 'encryption_id', 'provider',
                          'cipher', 'key_size', 'control_location',
                          'deleted', 'created_at', 'updated_at',
                          'deleted_at'}
    assert shown['encryption_id'] == created['encryption_id']
    assert shown['deleted'] is False and shown['provider'] == 'luks'
    item = vcloud.get(url + '/provider')
    assert schemas.check(SCHEMA.show_encryption_specs_item, item) == {
        'provider': 'luks'}
    resp = vcloud.get(url + '/nokey')
    assert _message(resp, 'itemNotFound', 404) == (
        'Volume type encryption for type %s does not exist.' % type_id)
    again = vcloud.post(url, {'encryption': SPEC})
    assert _message(again, 'badRequest', 400) == (
        'Volume type encryption for type %s already exists.' % type_id)
    resp = vcloud.put(url + '/' + created['encryption_id'], {
        'encryption': {'control_location': 'back-end', 'key_size': 128}})
    assert schemas.check(SCHEMA.update_encryption_type, resp) == {
        'encryption': {'control_location': 'back-end', 'key_size': 128}}
    shown = vcloud.get(url).json
    assert (shown['control_location'], shown['key_size'],
            shown['cipher']) == ('back-end', 128, 'aes-xts-plain64')
    resp = vcloud.delete(url + '/' + created['encryption_id'])
    schemas.check(SCHEMA.delete_encryption_type, resp)
    assert vcloud.get(url).json == {}
    resp = vcloud.delete(url + '/' + created['encryption_id'])
    assert _message(resp, 'itemNotFound', 404) == (
        'Volume type encryption for type %s does not exist.' % type_id)


def test_bad_requests_and_policy(vcloud, demo):
    type_id = vcloud.create_type('enc')
    url = '/types/%s/encryption' % type_id
    for body in ({'encryption': {'provider': 'luks'}},
                 {'encryption': dict(SPEC, control_location='middle')},
                 {'encryption': dict(SPEC, key_size='big')},
                 {'encryption': dict(SPEC, key_size=-1)},
                 {'encryption': dict(SPEC, provider=1)},
                 {'spec': SPEC}):
        _message(vcloud.post(url, body), 'badRequest', 400)
    resp = vcloud.post('/types/nosuch/encryption', {'encryption': SPEC})
    assert _message(resp, 'itemNotFound', 404) == (
        'Volume type nosuch could not be found.')
    assert vcloud.get('/types/nosuch/encryption').status_int == 404
    resp = vcloud.put(url + '/x', {'encryption': {'key_size': 128}})
    assert _message(resp, 'itemNotFound', 404) == (
        'Volume type encryption for type %s does not exist.' % type_id)
    for method, body in (('get', None), ('post', {'encryption': SPEC}),
                         ('put', {'encryption': SPEC}), ('delete', None)):
        path = url if method in ('get', 'post') else url + '/x'
        args = (path, body) if body else (path,)
        resp = getattr(vcloud, method)(*args, user=demo)
        _message(resp, 'forbidden', 403)


def test_type_in_use_and_no_key_manager(vcloud):
    type_id = vcloud.create_type('enc')
    url = '/types/%s/encryption' % type_id
    vcloud.create_volume(volume_type='enc')
    resp = vcloud.post(url, {'encryption': SPEC})
    assert _message(resp, 'badRequest', 400) == (
        'Cannot create encryption specs. Volume type in use.')
    enc_id = vcloud.create_type('enc2')
    url2 = '/types/%s/encryption' % enc_id
    enc = vcloud.post(url2, {'encryption': SPEC}).json['encryption']
    # cinder asks its key manager for a key; none can give one here.
    resp = vcloud.post('/volumes', {'volume': {'size': 1,
                                               'volume_type': 'enc2'}})
    assert _message(resp, 'badRequest', 400) == 'Key manager error'
    vcloud.put(url2 + '/' + enc['encryption_id'],
               {'encryption': {'cipher': None}})
    resp = vcloud.post('/volumes', {'volume': {'size': 1,
                                               'volume_type': 'enc2'}})
    assert _message(resp, 'badRequest', 400) == 'Invalid encryption spec'
    # The type with a volume keeps its (absent) spec.
    resp = vcloud.post(url, {'encryption': SPEC})
    assert resp.status_int == 400
    resp = vcloud.put(url + '/x', {'encryption': {'key_size': 1}})
    assert _message(resp, 'badRequest', 400) == (
        'Cannot update encryption specs. Volume type in use.')
    resp = vcloud.delete(url + '/x')
    assert _message(resp, 'badRequest', 400) == (
        'Cannot delete encryption specs. Volume type in use.')


def test_spec_goes_with_its_type(vcloud):
    type_id = vcloud.create_type('enc')
    url = '/types/%s/encryption' % type_id
    assert vcloud.post(url, {'encryption': SPEC}).status_int == 200
    assert vcloud.delete('/types/%s' % type_id).status_int == 202
    assert _message(vcloud.get(url), 'itemNotFound', 404) == (
        'Volume type %s could not be found.' % type_id)
    again = vcloud.create_type('enc')
    assert vcloud.get('/types/%s/encryption' % again).json == {}
