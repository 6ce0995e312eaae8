"""Metadata definitions (glance's metadefs): namespaces with objects,
properties, tags and resource type associations; admin-only changes,
visibility, glance's bodies key by key and its faults."""
import pytest

V2 = '/image/v2'
NS = V2 + '/metadefs/namespaces'
TIME_KEYS = {'created_at', 'updated_at'}
NS_KEYS = {'namespace', 'display_name', 'description', 'visibility',
           'protected', 'owner', 'self', 'schema'} | TIME_KEYS
OBJECT_KEYS = {'name', 'description', 'required', 'properties', 'self',
               'schema'} | TIME_KEYS
ASSOC_KEYS = {'name', 'prefix', 'properties_target'} | TIME_KEYS
CPU = {'title': 'CPU count', 'type': 'integer', 'minimum': 1}


def _fault(resp, status, message):
    assert resp.status_int == status, resp.text
    assert resp.json['message'] == message


def _denied(rule):
    return 'You are not authorized to complete %s action.' % rule


def _ns(admin, name='Stratus::Test', **body):
    body = dict({'namespace': name, 'display_name': 'Test',
                 'description': 'for tests', 'visibility': 'public'}, **body)
    resp = admin.post(NS, body)
    assert resp.status_int == 201, resp.text
    return resp


def test_create_answers_201_with_glance_keys(admin):
    resp = _ns(admin)
    body = resp.json
    assert set(body) == NS_KEYS
    assert body['self'] == '/v2/metadefs/namespaces/Stratus::Test'
    assert body['schema'] == '/v2/schemas/metadefs/namespace'
    assert body['protected'] is False and body['visibility'] == 'public'
    assert body['created_at'].endswith('Z') and len(body['created_at']) == 20
    assert resp.headers['Location'].endswith(
        '/v2/metadefs/namespaces/Stratus::Test')


def test_create_defaults_and_leaves_out_unset_keys(admin):
    body = admin.post(NS, {'namespace': 'Bare'}).json
    assert set(body) == NS_KEYS - {'display_name', 'description'}
    assert body['visibility'] == 'private' and body['protected'] is False


def test_create_with_contents_then_show(admin):
    _ns(admin, properties={'cpus': CPU},
        objects=[{'name': 'Limits', 'required': [],
                  'properties': {'cpu_period': CPU}}],
        tags=[{'name': 'fast'}],
        resource_type_associations=[{'name': 'OS::Glance::Image',
                                     'prefix': 'hw_'}])
    body = admin.get(NS + '/Stratus::Test').json
    assert set(body) == NS_KEYS | {'properties', 'objects', 'tags',
                                   'resource_type_associations'}
    assert body['properties'] == {'cpus': CPU}
    assert body['tags'] == [{'name': 'fast'}]
    (obj,) = body['objects']
    assert set(obj) == OBJECT_KEYS - {'description'}
    assert obj['self'] == ('/v2/metadefs/namespaces/Stratus::Test/objects/'
                           'Limits')
    (assoc,) = body['resource_type_associations']
    assert set(assoc) == ASSOC_KEYS - {'properties_target'}
    prefixed = admin.get(NS + '/Stratus::Test?resource_type='
                         'OS::Glance::Image').json
    assert set(prefixed['properties']) == {'hw_cpus'}
    assert set(prefixed['objects'][0]['properties']) == {'hw_cpu_period'}


def test_list_pages_and_names_first_and_next(admin):
    for name in ('A', 'B', 'C'):
        _ns(admin, name)
    body = admin.get(NS + '?limit=2&sort_key=namespace&sort_dir=asc').json
    assert set(body) == {'namespaces', 'first', 'next', 'schema'}
    assert [n['namespace'] for n in body['namespaces']] == ['A', 'B']
    assert body['schema'] == '/v2/schemas/metadefs/namespaces'
    assert body['first'] == ('/v2/metadefs/namespaces?limit=2&'
                             'sort_key=namespace&sort_dir=asc')
    assert 'marker=B' in body['next']
    rest = admin.get(NS + '?limit=2&sort_key=namespace&sort_dir=asc'
                     '&marker=B').json
    assert [n['namespace'] for n in rest['namespaces']] == ['C']
    assert 'next' not in rest


@pytest.mark.parametrize('query,message', [
    ('sort_dir=up', 'Invalid sort direction: up'),
    ('visibility=shared', 'Invalid visibility value: shared'),
    ('limit=x', 'limit param must be an integer'),
    ('limit=-1', 'limit param must be positive')])
def test_list_refuses_bad_parameters(admin, query, message):
    _fault(admin.get(NS + '?' + query), 400, message)


def test_list_filters_by_resource_type(admin):
    _ns(admin, 'Img', resource_type_associations=[
        {'name': 'OS::Glance::Image'}])
    _ns(admin, 'Flv', resource_type_associations=[
        {'name': 'OS::Nova::Flavor'}])
    body = admin.get(NS + '?resource_types=OS::Nova::Flavor').json
    assert [n['namespace'] for n in body['namespaces']] == ['Flv']
    assert set(body['namespaces'][0]['resource_type_associations'][0]) == \
        ASSOC_KEYS - {'prefix', 'properties_target'}


def test_members_see_public_and_own_only_and_cannot_change(
        admin, demo, demo_headers):
    _ns(admin, 'Public')
    _ns(admin, 'Hidden', visibility='private')
    names = [n['namespace'] for n in admin.get(
        NS, headers=demo_headers).json['namespaces']]
    assert names == ['Public']
    _fault(admin.get(NS + '/Hidden', headers=demo_headers), 404,
           'The resource could not be found.')
    _fault(admin.delete(NS + '/Hidden', headers=demo_headers), 404,
           'Namespace Hidden not found')
    _fault(admin.post(NS + '/Hidden/objects', {'name': 'x'},
                      headers=demo_headers), 404, 'Namespace Hidden not found')
    _fault(admin.post(NS, {'namespace': 'Mine'}, headers=demo_headers),
           403, _denied('add_metadef_namespace'))
    _fault(admin.delete(NS + '/Public', headers=demo_headers), 403,
           _denied('delete_metadef_namespace'))
    _fault(admin.post(NS + '/Public/objects', {'name': 'x'},
                      headers=demo_headers), 403,
           _denied('add_metadef_object'))
    assert admin.get(NS + '/Public/objects',
                     headers=demo_headers).status_int == 200


def test_create_faults(admin):
    _ns(admin, 'Dup')
    _fault(admin.post(NS, {'namespace': 'Dup'}), 409,
           'The metadata definition namespace=Dup already exists.')
    _fault(admin.post(NS, {'namespace': 'X', 'self': 'y'}), 403,
           "Attribute 'self' is read-only.")
    resp = admin.post(NS, {'namespace': 'X', 'color': 'red'})
    assert resp.status_int == 400
    assert resp.json['message'].startswith(
        "Provided object does not match schema 'namespace': ")
    resp = admin.post(NS, {'display_name': 'no name'})
    assert resp.status_int == 400
    _fault(admin.request('POST', NS, raw=b''), 400,
           'Body expected in request.')


def test_missing_namespace_wording_per_call(admin):
    _fault(admin.get(NS + '/Nope'), 404,
           'Metadata definition namespace=Nope was not found.')
    _fault(admin.get(NS + '/Nope/objects'), 404,
           'Metadata definition namespace=Nope was not found.')
    for path in ('/Nope/properties', '/Nope/tags', '/Nope/resource_types'):
        _fault(admin.get(NS + path), 404, 'Namespace Nope not found')
    _fault(admin.put(NS + '/Nope', {'namespace': 'Nope'}), 404,
           'Namespace Nope not found')


def test_update_renames_and_resets_omitted_fields(admin):
    _ns(admin, 'Old', protected=True)
    resp = admin.put(NS + '/Old', {'namespace': 'New'})
    assert resp.status_int == 200, resp.text
    body = resp.json
    assert body['namespace'] == 'New' and body['visibility'] == 'private'
    assert body['protected'] is False and 'display_name' not in body
    assert set(body) == NS_KEYS - {'display_name', 'description'}
    assert admin.get(NS + '/Old').status_int == 404
    _ns(admin, 'Other')
    _fault(admin.put(NS + '/New', {'namespace': 'Other'}), 409,
           'The metadata definition namespace=Other already exists.')


def test_protected_namespace_and_contents_cannot_be_deleted(admin):
    _ns(admin, 'Safe', protected=True, tags=[{'name': 't'}])
    message = ('Metadata definition namespace Safe is protected and cannot '
               'be deleted.')
    _fault(admin.delete(NS + '/Safe'), 403, message)
    _fault(admin.delete(NS + '/Safe/tags'), 403, message)
    _fault(admin.delete(NS + '/Safe/tags/t'), 403,
           'Metadata definition tag t is protected and cannot be deleted.')
    admin.put(NS + '/Safe', {'namespace': 'Safe', 'protected': False})
    assert admin.delete(NS + '/Safe').status_int == 204
    assert admin.get(NS + '/Safe').status_int == 404


def test_objects_crud(admin):
    _ns(admin)
    base = NS + '/Stratus::Test/objects'
    resp = admin.post(base, {'name': 'Limits', 'description': 'd',
                             'properties': {'cpus': CPU}})
    assert resp.status_int == 201, resp.text
    assert set(resp.json) == OBJECT_KEYS - {'required'}
    _fault(admin.post(base, {'name': 'Limits'}), 409,
           'A metadata definition object with name=Limits already exists '
           'in namespace=Stratus::Test.')
    listed = admin.get(base).json
    assert set(listed) == {'objects', 'schema'}
    assert listed['schema'] == 'v2/schemas/metadefs/objects'
    assert listed['objects'][0] == resp.json
    updated = admin.put(base + '/Limits', {'name': 'Quota',
                                           'required': ['cpus']}).json
    assert updated['name'] == 'Quota' and updated['required'] == ['cpus']
    assert 'description' not in updated
    assert admin.delete(base + '/Quota').status_int == 204
    _fault(admin.get(base + '/Quota'), 404,
           'Could not find metadata object Quota')


def test_properties_crud(admin):
    _ns(admin, resource_type_associations=[{'name': 'OS::Nova::Flavor',
                                            'prefix': 'hw:'}])
    base = NS + '/Stratus::Test/properties'
    resp = admin.post(base, dict(CPU, name='cpus'))
    assert resp.status_int == 201, resp.text
    assert resp.json == dict(CPU, name='cpus')
    _fault(admin.post(base, dict(CPU, name='cpus')), 409,
           'A metadata definition property with name=cpus already exists '
           'in namespace=Stratus::Test.')
    assert admin.post(base, {'name': 'x', 'type': 'string'}).status_int == \
        400
    # As glance: a property made by this call keeps its name in lists.
    assert admin.get(base).json == {'properties': {
        'cpus': dict(CPU, name='cpus')}}
    assert admin.get(base + '/cpus').json == dict(CPU, name='cpus')
    shown = admin.get(base + '/hw:cpus?resource_type=OS::Nova::Flavor')
    assert shown.json == dict(CPU, name='cpus')
    _fault(admin.get(base + '/cpus?resource_type=OS::Nova::Flavor'), 404,
           "Property cpus does not start with the expected resource type "
           "association prefix of 'hw:'.")
    renamed = admin.put(base + '/cpus', {'name': 'vcpus', 'title': 'V',
                                         'type': 'string'}).json
    assert renamed == {'name': 'vcpus', 'title': 'V', 'type': 'string'}
    assert admin.delete(base + '/vcpus').status_int == 204
    _fault(admin.get(base + '/vcpus'), 404,
           'Could not find property vcpus')
    _fault(admin.get(base + '/hw:x?resource_type=OS::Nope'), 404,
           'The metadata definition resource-type with name=OS::Nope, was '
           'not found.')
    assert admin.delete(base).status_int == 204


def test_tags(admin):
    _ns(admin)
    base = NS + '/Stratus::Test/tags'
    one = admin.post(base + '/fast')
    assert one.status_int == 201 and set(one.json) == {'name'} | TIME_KEYS
    _fault(admin.post(base + '/FAST'), 409,
           'A metadata tag with name=FAST already exists in '
           'namespace=Stratus::Test. (Please note that metadata tag names '
           'are case insensitive).')
    resp = admin.post(base, {'tags': [{'name': 'a'}, {'name': 'b'}]})
    assert resp.status_int == 201
    assert resp.json == {'tags': [{'name': 'a'}, {'name': 'b'}]}
    assert admin.get(base).json == {'tags': [{'name': 'a'}, {'name': 'b'}]}
    admin.post(base, {'tags': [{'name': 'c'}]},
               headers={'X-Openstack-Append': 'True'})
    assert [t['name'] for t in admin.get(base).json['tags']] == \
        ['a', 'b', 'c']
    updated = admin.put(base + '/c', {'name': 'd'})
    assert updated.status_int == 200 and updated.json['name'] == 'd'
    assert admin.delete(base + '/d').status_int == 204
    _fault(admin.get(base + '/d'), 404, 'Could not find metadata tag d')
    assert admin.delete(base).status_int == 204
    assert admin.get(base).json == {'tags': []}


def test_resource_types_and_associations(admin, demo_headers):
    assert admin.get(V2 + '/metadefs/resource_types').json == {
        'resource_types': []}
    _ns(admin)
    base = NS + '/Stratus::Test/resource_types'
    resp = admin.post(base, {'name': 'OS::Cinder::Volume', 'prefix': 'hw_',
                             'properties_target': 'image'})
    assert resp.status_int == 201, resp.text
    assert set(resp.json) == ASSOC_KEYS
    _fault(admin.post(base, {'name': 'OS::Cinder::Volume'}), 409,
           'The metadata definition resource-type association of '
           'resource-type=OS::Cinder::Volume to namespace=Stratus::Test '
           'already exists.')
    listed = admin.get(base, headers=demo_headers).json
    assert listed == {'resource_type_associations': [resp.json]}
    types = admin.get(V2 + '/metadefs/resource_types',
                      headers=demo_headers).json['resource_types']
    assert [t['name'] for t in types] == ['OS::Cinder::Volume']
    assert set(types[0]) == {'name'} | TIME_KEYS
    _fault(admin.delete(base + '/OS::Cinder::Volume',
                        headers=demo_headers), 403,
           _denied('remove_metadef_resource_type_association'))
    assert admin.delete(base + '/OS::Cinder::Volume').status_int == 204
    _fault(admin.delete(base + '/OS::Cinder::Volume'), 404,
           'Failed to find resource type OS::Cinder::Volume to delete')
    # The resource type itself stays listed.
    assert len(admin.get(V2 + '/metadefs/resource_types').json[
        'resource_types']) == 1


def test_wrong_method_answers_405_with_allow(admin):
    resp = admin.request('PATCH', NS)
    assert resp.status_int == 405 and resp.headers['Allow'] == 'GET, POST'
    resp = admin.request('POST', NS + '/x/properties/y')
    assert resp.headers['Allow'] == 'GET, PUT, DELETE'
    resp = admin.request('PATCH', NS + '/x/tags/y')
    assert resp.headers['Allow'] == 'GET, POST, PUT, DELETE'


@pytest.mark.parametrize('name,title', [
    ('namespace', 'namespace'), ('namespaces', 'namespaces'),
    ('object', 'object'), ('objects', 'objects'),
    ('property', 'property'), ('properties', 'properties'),
    ('tag', 'tag'), ('tags', 'tags'),
    ('resource_type', 'resource_type_association'),
    ('resource_types', 'resource_type_associations')])
def test_schema_documents(admin, name, title):
    resp = admin.get(V2 + '/schemas/metadefs/' + name)
    assert resp.status_int == 200
    assert resp.json['name'] == title
    if name.endswith('s'):
        assert set(resp.json['properties']) == {title, 'first', 'next',
                                                'schema'}
        assert [link['rel'] for link in resp.json['links']] == [
            'first', 'next', 'describedby']
    else:
        assert resp.json['additionalProperties'] is False
