"""The image API beyond images, through the real CLI as the CLI's own
functional suite drives it: import discovery, stage + glance-direct
import, tasks, stores and the cache as glance answers without them, and
metadata definitions."""
import io
import os
import time

import pytest

from support import cloud as support_cloud


def _failed(result, *words):
    assert result.returncode != 0, result.stdout
    for word in words:
        assert word in result.stderr, result.stderr


def _wait_status(cloud, image_id, status, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        image = cloud.cli_json('image', 'show', image_id)
        if image['status'] == status:
            return image
        time.sleep(0.2)
    raise AssertionError('image %s not %s: %s' % (image_id, status, image))


def _queued(cloud, name):
    """A queued image: the CLI would upload its (non-tty) stdin as data."""
    resp = support_cloud.Rest(cloud).request(
        'POST', '/image/v2/images', json={
            'name': name, 'disk_format': 'raw', 'container_format': 'bare'})
    assert resp.status_code == 201, resp.text
    assert resp.headers['OpenStack-image-import-methods'] == \
        'glance-direct,web-download'
    return resp.json()


def test_import_info_names_the_enabled_methods(cloud):
    info = cloud.cli_json('image', 'import', 'info')
    assert info == {'import-methods': ['glance-direct', 'web-download']}
    rest = support_cloud.Rest(cloud, 'demo')
    resp = rest.get('/image/v2/info/import')
    assert resp.status_code == 200
    assert resp.json() == {'import-methods': {
        'description': 'Import methods available.', 'type': 'array',
        'value': ['glance-direct', 'web-download']}}


def test_stage_and_glance_direct_import(cloud, tmp_path):
    data = os.urandom(64 * 1024 + 5)
    path = tmp_path / 'staged.raw'
    path.write_bytes(data)
    image = _queued(cloud, 'func-import')
    try:
        cloud.cli('image', 'stage', '--file', str(path), image['id'])
        staged = cloud.cli_json('image', 'show', image['id'])
        assert staged['status'] == 'uploading'
        assert staged['size'] == len(data)
        # This CLI sends all_stores_must_succeed=false unless told
        # --disallow-failure; glance with one store refuses that (400),
        # which the CLI does not report: the image stays uploading.
        cloud.cli('image', 'import', '--method', 'glance-direct',
                  image['id'])
        assert cloud.cli_json('image', 'show', image['id'])['status'] == \
            'uploading'
        resp = support_cloud.Rest(cloud).request(
            'POST', '/image/v2/images/%s/import' % image['id'],
            headers={'Accept': 'application/json'},
            json={'method': {'name': 'glance-direct'},
                  'all_stores_must_succeed': False})
        assert resp.status_code == 400
        assert resp.json()['message'] == ('All_stores_must_succeed can only '
                                          'be set with enabled_backends None')
        cloud.cli('image', 'import', '--method', 'glance-direct',
                  '--disallow-failure', image['id'])
        done = _wait_status(cloud, image['id'], 'active')
        assert done['size'] == len(data)
        assert done['properties']['os_glance_importing_to_stores'] == ''
        out = tmp_path / 'out.raw'
        cloud.cli('image', 'save', '--file', str(out), image['id'])
        assert out.read_bytes() == data
        tasks = cloud.cli_json('image', 'task', 'list')
        mine = [t for t in tasks if t['Type'] == 'api_image_import']
        assert mine and all(t['Status'] == 'success' for t in mine)
        task = cloud.cli_json('image', 'task', 'show', mine[0]['ID'])
        assert task['type'] == 'api_image_import'
        again = cloud.cli('image', 'import', '--method', 'glance-direct',
                          image['id'], check=False)
        _failed(again, "can only be used with an image in status "
                       "'uploading'")
    finally:
        cloud.cli('image', 'delete', image['id'])


def test_copy_image_is_not_enabled_and_urls_are_filtered(cloud):
    image = _queued(cloud, 'func-webdl')
    try:
        result = cloud.cli('image', 'import', '--method', 'copy-image',
                           '--all-stores', image['id'], check=False)
        _failed(result, "The 'copy-image' import method is not supported "
                        "by this deployment")
        rest = support_cloud.Rest(cloud)
        path = '/image/v2/images/%s/import' % image['id']
        resp = rest.request('POST', path, json={
            'method': {'name': 'copy-image'}})
        assert resp.status_code == 400
        assert "Unknown import method name 'copy-image'." in resp.text
        # glance's default filter: http(s) on ports 80 and 443 only.
        resp = rest.request('POST', path, json={'method': {
            'name': 'web-download', 'uri': 'http://127.0.0.1:9/x.img'}})
        assert resp.status_code == 400
        assert 'URI for web-download does not pass filtering' in resp.text
        assert cloud.cli_json('image', 'show', image['id'])['status'] == \
            'queued'
    finally:
        cloud.cli('image', 'delete', image['id'])


def test_tasks_are_admin_only(cloud):
    result = cloud.cli('image', 'task', 'list', user='demo', check=False)
    _failed(result, 'tasks_api_access')


def test_stores_and_cache_answer_as_glance_without_them(cloud):
    _failed(cloud.cli('image', 'stores', 'list', check=False),
            'Multi Backend support not enabled')
    result = cloud.cli('cached', 'image', 'list', check=False)
    assert result.returncode != 0
    rest = support_cloud.Rest(cloud)
    resp = rest.get('/image/v2/cache', headers={'Accept': 'application/json'})
    assert resp.status_code == 404
    assert resp.json()['message'] == ('Caching via API is not supported at '
                                      'this site.')
    usage = rest.get('/image/v2/info/usage')
    assert usage.status_code == 200 and usage.json() == {'usage': {}}


@pytest.fixture
def namespace(cloud):
    created = cloud.cli_json(
        'image', 'metadef', 'namespace', 'create', '--display-name',
        'Func test', '--description', 'functional', '--public',
        'Stratus::Func')
    yield created
    cloud.cli('image', 'metadef', 'namespace', 'delete', 'Stratus::Func',
              check=False)


def test_metadef_namespaces(cloud, namespace):
    assert namespace['namespace'] == 'Stratus::Func'
    assert namespace['visibility'] == 'public'
    names = [n['namespace'] for n in cloud.cli_json(
        'image', 'metadef', 'namespace', 'list')]
    assert 'Stratus::Func' in names
    demo_names = [n['namespace'] for n in cloud.cli_json(
        'image', 'metadef', 'namespace', 'list', user='demo')]
    assert 'Stratus::Func' in demo_names
    cloud.cli('image', 'metadef', 'namespace', 'set', '--display-name',
              'Renamed', '--public', 'Stratus::Func')
    shown = cloud.cli_json('image', 'metadef', 'namespace', 'show',
                           'Stratus::Func')
    assert shown['display_name'] == 'Renamed'
    result = cloud.cli('image', 'metadef', 'namespace', 'create',
                       'Stratus::Nope', user='demo', check=False)
    _failed(result, 'add_metadef_namespace')


def test_metadef_contents(cloud, namespace):
    ns = 'Stratus::Func'
    cloud.cli('image', 'metadef', 'property', 'create', '--name', 'cpus',
              '--type', 'integer', '--title', 'CPU count',
              '--schema', '{"minimum": 1}', ns)
    props = cloud.cli_json('image', 'metadef', 'property', 'list', ns)
    assert [p['name'] for p in props] == ['cpus']
    prop = cloud.cli_json('image', 'metadef', 'property', 'show', ns, 'cpus')
    assert prop['title'] == 'CPU count' and prop['minimum'] == 1
    cloud.cli('image', 'metadef', 'object', 'create', '--namespace', ns,
              'Limits')
    objects = cloud.cli_json('image', 'metadef', 'object', 'list', ns)
    assert [o['name'] for o in objects] == ['Limits']
    cloud.cli('image', 'metadef', 'resource', 'type', 'association',
              'create', ns, 'OS::Glance::Image')
    assocs = cloud.cli_json('image', 'metadef', 'resource', 'type',
                            'association', 'list', ns)
    assert [a['Name'] if 'Name' in a else a['name'] for a in assocs] == \
        ['OS::Glance::Image']
    types = cloud.cli_json('image', 'metadef', 'resource', 'type', 'list')
    assert 'OS::Glance::Image' in [t.get('Name', t.get('name'))
                                   for t in types]
    cloud.cli('image', 'metadef', 'object', 'delete', ns, 'Limits')
    cloud.cli('image', 'metadef', 'property', 'delete', ns, 'cpus')
    assert cloud.cli_json('image', 'metadef', 'property', 'list', ns) == []


def _tempest_image_clients(cloud):
    """tempest's image v2 clients (they check every status code)."""
    from tempest.lib.services.image import v2 as image_v2
    from tempest.lib.services.image.v2 import tasks_client

    from support import strict_clients
    provider = strict_clients._provider(cloud, 'admin')
    names = {'images': image_v2.ImagesClient,
             'namespaces': image_v2.NamespacesClient,
             'objects': image_v2.NamespaceObjectsClient,
             'properties': image_v2.NamespacePropertiesClient,
             'tags': image_v2.NamespaceTagsClient,
             'resource_types': image_v2.ResourceTypesClient,
             'schemas': image_v2.SchemasClient,
             'tasks': tasks_client.TaskClient}
    return {name: cls(provider, 'image', 'RegionOne')
            for name, cls in names.items()}


def test_tempest_image_clients(cloud):
    c = _tempest_image_clients(cloud)
    assert c['images'].info_import()['import-methods']['value'] == [
        'glance-direct', 'web-download']
    image = c['images'].create_image(name='func-tempest',
                                     disk_format='raw',
                                     container_format='bare')
    try:
        c['images'].stage_image_file(image['id'], io.BytesIO(b'tempest-data'))
        c['images'].image_import(image['id'])
        _wait_status(cloud, image['id'], 'active')
        tasks = c['images'].show_image_tasks(image['id'])['tasks']
        assert tasks[0]['status'] == 'success'
        assert c['tasks'].show_tasks(tasks[0]['id'])['type'] == \
            'api_image_import'
    finally:
        c['images'].delete_image(image['id'])
    ns = c['namespaces'].create_namespace(namespace='Stratus::Tempest',
                                          visibility='public')
    try:
        assert ns['namespace'] == 'Stratus::Tempest'
        c['namespaces'].update_namespace('Stratus::Tempest',
                                         visibility='public',
                                         description='d')
        c['objects'].create_namespace_object('Stratus::Tempest', name='o')
        c['objects'].show_namespace_object('Stratus::Tempest', 'o')
        c['properties'].create_namespace_property(
            'Stratus::Tempest', name='p', title='P', type='string')
        c['properties'].show_namespace_properties('Stratus::Tempest', 'p')
        c['tags'].create_namespace_tags('Stratus::Tempest',
                                        tags=[{'name': 't1'}])
        c['tags'].create_namespace_tag('Stratus::Tempest', 't2')
        assert len(c['tags'].list_namespace_tags('Stratus::Tempest')[
            'tags']) == 2
        c['resource_types'].create_resource_type_association(
            'Stratus::Tempest', name='OS::Glance::Image')
        assert c['resource_types'].list_resource_type_association(
            'Stratus::Tempest')['resource_type_associations']
        c['resource_types'].delete_resource_type_association(
            'Stratus::Tempest', 'OS::Glance::Image')
        c['tags'].delete_namespace_tags('Stratus::Tempest')
        c['objects'].delete_namespace_object('Stratus::Tempest', 'o')
        c['properties'].delete_namespace_property('Stratus::Tempest', 'p')
        for name in ('image', 'images', 'member', 'members', 'task',
                     'tasks'):
            assert c['schemas'].show_schema(name)['name'] == name
        assert c['schemas'].show_schema('metadefs/namespace')['name'] == \
            'namespace'
    finally:
        c['namespaces'].delete_namespace('Stratus::Tempest')
