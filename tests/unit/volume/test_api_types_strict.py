"""The volume type calls tempest's types client makes that other tests do
not check against its schemas: extra specs (list, show, create, update,
delete), type access (add, list, remove), type delete and unmanage."""
import uuid

from support import schemas

TYPES = schemas.volume('volume_types')
VOLUMES = schemas.volume('volumes')


def test_extra_specs_calls(vcloud):
    type_id = vcloud.create_type('strict-specs')
    url = '/types/%s/extra_specs' % type_id
    resp = vcloud.post(url, {'extra_specs': {'k1': 'v1', 'k2': 'v2'}})
    assert schemas.check(TYPES.create_volume_types_extra_specs, resp) == {
        'extra_specs': {'k1': 'v1', 'k2': 'v2'}}
    resp = vcloud.get(url)
    assert schemas.check(TYPES.list_volume_types_extra_specs, resp)[
        'extra_specs'] == {'k1': 'v1', 'k2': 'v2'}
    resp = vcloud.get(url + '/k1')
    assert schemas.check(TYPES.show_volume_types_extra_specs, resp) == {
        'k1': 'v1'}
    resp = vcloud.put(url + '/k1', {'k1': 'v3'})
    assert schemas.check(TYPES.update_volume_type_extra_specs, resp) == {
        'k1': 'v3'}
    resp = vcloud.delete(url + '/k1')
    schemas.check(TYPES.delete_volume_types_extra_specs, resp)
    resp = vcloud.get(url + '/k1')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Volume Type %s has no extra specs with key k1.' % type_id)
    resp = vcloud.put('/types/%s' % type_id, {'volume_type': {
        'description': 'd'}})
    schemas.check(TYPES.update_volume_types, resp)


def test_type_access_calls(vcloud):
    resp = vcloud.post('/types', {'volume_type': {
        'name': 'strict-private', 'os-volume-type-access:is_public': False}})
    type_id = schemas.check(TYPES.create_volume_type, resp)[
        'volume_type']['id']
    project = uuid.uuid4().hex
    resp = vcloud.post('/types/%s/action' % type_id, {
        'addProjectAccess': {'project': project}})
    schemas.check(TYPES.add_type_access, resp)
    resp = vcloud.get('/types/%s/os-volume-type-access' % type_id)
    assert {'volume_type_id': type_id, 'project_id': project} in \
        schemas.check(TYPES.list_type_access, resp)['volume_type_access']
    resp = vcloud.post('/types/%s/action' % type_id, {
        'removeProjectAccess': {'project': project}})
    schemas.check(TYPES.remove_type_access, resp)
    resp = vcloud.delete('/types/%s' % type_id)
    schemas.check(TYPES.delete_volume_type, resp)


def test_unmanage_call(vcloud):
    volume = vcloud.create_volume()
    resp = vcloud.action(volume['id'], {'os-unmanage': {}})
    schemas.check(VOLUMES.unmanage_volume, resp)
