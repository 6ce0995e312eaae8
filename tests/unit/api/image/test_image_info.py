"""Discovery (/v2/info/*), the store and cache APIs as glance answers
with one legacy store, keystone limits off and the image cache off."""
import pytest

V2 = '/image/v2'


def _plain_fault(resp, status, message):
    # The unit client asks for JSON: glance's JSON fault shape.
    assert resp.status_int == status, resp.text
    assert resp.json['message'] == message
    assert resp.json['code'].startswith('%d ' % status)


def test_import_discovery_lists_the_enabled_methods(admin, demo_headers):
    resp = admin.get(V2 + '/info/import', headers=demo_headers)
    assert resp.status_int == 200
    assert resp.json == {'import-methods': {
        'description': 'Import methods available.', 'type': 'array',
        'value': ['glance-direct', 'web-download']}}


def test_import_discovery_refuses_other_methods_with_allow(admin):
    resp = admin.post(V2 + '/info/import', {})
    assert resp.status_int == 405
    assert resp.headers['Allow'] == 'GET'


@pytest.mark.parametrize('path', ['/info/stores', '/info/stores/detail'])
def test_stores_answer_as_without_multiple_backends(admin, demo_headers,
                                                    path):
    for headers in (None, demo_headers):
        _plain_fault(admin.get(V2 + path, headers=headers), 404,
                     'Multi backend is not supported at this site.')


def test_usage_is_empty_without_keystone_limits(admin, demo_headers):
    resp = admin.get(V2 + '/info/usage', headers=demo_headers)
    assert resp.status_int == 200 and resp.json == {'usage': {}}


def test_delete_from_store_is_a_bare_404(admin, images):
    image = images.active(admin)
    resp = admin.delete(V2 + '/stores/file/%s' % image['id'])
    _plain_fault(resp, 404, 'The resource could not be found.')
    assert admin.get(V2 + '/images/' + image['id']).json['status'] == \
        'active'


def _denied(rule):
    return 'You are not authorized to complete %s action.' % rule


@pytest.mark.parametrize('method,path,rule', [
    ('GET', '/cache', 'cache_list'), ('DELETE', '/cache', 'cache_delete'),
    ('POST', '/cache/clean', 'cache_clean'),
    ('POST', '/cache/prune', 'cache_prune'),
    ('GET', '/cache/nodes/x', 'list_cached_nodes')])
def test_cache_api_is_not_enabled(admin, demo_headers, method, path, rule):
    _plain_fault(admin.request(method, V2 + path), 404,
                 'Caching via API is not supported at this site.')
    _plain_fault(admin.request(method, V2 + path, headers=demo_headers),
                 403, _denied(rule))


def test_cache_calls_naming_an_image_look_it_up_first(admin, images,
                                                      demo_headers):
    image = images.active(admin)
    for method in ('PUT', 'DELETE'):
        _plain_fault(admin.request(method, V2 + '/cache/' + image['id']),
                     404, 'Caching via API is not supported at this site.')
        _plain_fault(admin.request(method, V2 + '/cache/nope'), 404,
                     'Image nope not found.')
    _plain_fault(admin.request('PUT', V2 + '/cache/' + image['id'],
                               headers=demo_headers), 403,
                 _denied('cache_image'))


def test_create_names_the_import_methods(admin):
    resp = admin.post(V2 + '/images', {'name': 'x'})
    assert resp.status_int == 201
    assert resp.headers['OpenStack-image-import-methods'] == \
        'glance-direct,web-download'
