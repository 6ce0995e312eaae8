"""The API pipeline as a client sees it: discovery documents, request ids,
microversion negotiation, fault bodies."""
import json

import pytest


def test_every_response_carries_a_request_id(client):
    resp = client.get('/compute/')
    assert resp.headers['x-openstack-request-id'].startswith('req-')
    assert resp.headers['x-compute-request-id'] == \
        resp.headers['x-openstack-request-id']


def test_inbound_request_id_becomes_global_and_a_new_one_is_made(client):
    inbound = 'req-12345678-1234-1234-1234-123456789012'
    resp = client.get('/identity/v3', headers={
        'X-OpenStack-Request-ID': inbound})
    assert resp.headers['x-openstack-request-id'] != inbound


@pytest.mark.parametrize('path,status', [
    ('/compute/', 200), ('/compute/v2.1/', 200), ('/compute/v2/', 200),
    ('/volume/', 300), ('/volume/v3/', 200), ('/image/', 300),
    ('/identity', 300), ('/identity/v3', 200)])
def test_discovery_documents_need_no_token(client, path, status):
    resp = client.get(path)
    assert resp.status_int == status
    assert resp.content_type == 'application/json'


def test_compute_versions_list_v20_then_v21(client):
    body = client.get('/compute/').json
    assert [v['id'] for v in body['versions']] == ['v2.0', 'v2.1']
    v21 = body['versions'][1]
    assert v21['min_version'] == '2.1'
    assert v21['links'][0]['href'].endswith('/compute/v2.1/')


def test_identity_versions_shape(client):
    body = client.get('/identity').json
    entry = body['versions']['values'][0]
    assert entry['id'].startswith('v3.') and entry['status'] == 'stable'
    assert client.get('/identity/v3').json['version']['id'] == entry['id']


def test_microversion_is_echoed(client):
    resp = client.get('/compute/v2.1/', headers={
        'OpenStack-API-Version': 'compute 2.1'})
    assert resp.headers['OpenStack-API-Version'] == 'compute 2.1'
    assert resp.headers['X-OpenStack-Nova-API-Version'] == '2.1'
    assert 'OpenStack-API-Version' in resp.headers['Vary']


def test_legacy_header_and_latest(client):
    resp = client.get('/compute/v2.1/', headers={
        'X-OpenStack-Nova-API-Version': 'latest'})
    version = resp.json['version']['version']
    assert resp.headers['X-OpenStack-Nova-API-Version'] == version


def test_version_above_max_is_406(client):
    resp = client.get('/compute/v2.1/', headers={
        'OpenStack-API-Version': 'compute 2.999'})
    assert resp.status_int == 406
    assert 'not supported' in resp.json['notAcceptable']['message']
    resp = client.get('/volume/v3/', headers={
        'OpenStack-API-Version': 'volume 3.999'})
    assert resp.status_int == 406


def test_unreadable_version_is_400(client):
    resp = client.get('/compute/v2.1/', headers={
        'OpenStack-API-Version': 'compute two'})
    assert resp.status_int == 400
    assert 'badRequest' in resp.json


def test_missing_token_is_401_with_identity_uri(client):
    resp = client.get('/compute/v2.1/flavors')
    assert resp.status_int == 401
    assert resp.json['unauthorized']['code'] == 401
    assert 'Keystone uri=' in resp.headers['WWW-Authenticate']


def test_bad_token_is_401(client):
    resp = client.get('/volume/v3/os-services',
                      headers={'X-Auth-Token': 'nonsense'})
    assert resp.status_int == 401


def test_unknown_paths_are_json_404(client):
    for path in ('/nowhere', '/compute/v9/', '/identity/v2.0'):
        resp = client.get(path)
        assert resp.status_int == 404, path
        json.loads(resp.body)


def test_unexpected_error_is_500_without_traceback(client, monkeypatch):
    from stratus.api.compute import root

    def boom(self):
        raise RuntimeError('secret internals')
    monkeypatch.setattr(root.V21Root, 'index', boom, raising=True)
    # pecan looked the method up at import; call the pipeline's fault layer
    from stratus.api.middleware import faults
    import webob

    def app(environ, start_response):
        raise RuntimeError('secret internals')
    resp = webob.Request.blank('/').get_response(
        faults.FaultMiddleware(app, style='nova'))
    assert resp.status_int == 500
    assert b'secret' not in resp.body and b'Traceback' not in resp.body
    assert resp.json['computeFault']['code'] == 500
