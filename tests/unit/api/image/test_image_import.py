"""Interoperable import (glance-direct): stage, import, the image's
statuses and os_glance_* properties, the api_image_import task, and the
tasks API (admin only) as glance answers them."""
import time

import pytest

V2 = '/image/v2'
TASK_STUB_KEYS = {'id', 'type', 'status', 'owner', 'created_at',
                  'updated_at', 'self', 'schema'}
RECORD_KEYS = {'id', 'type', 'status', 'owner', 'expires_at', 'created_at',
               'updated_at', 'deleted_at', 'deleted', 'image_id',
               'request_id', 'user_id', 'input', 'result', 'message'}
GLANCE_DIRECT = {'method': {'name': 'glance-direct'}}


def _fault(resp, status, message):
    assert resp.status_int == status, resp.text
    if resp.content_type == 'application/json':
        assert resp.json['message'] == message
    else:
        # Raw requests name no Accept header: glance's HTML page.
        assert message in resp.text


def _stage(images, client, image_id, data=b'staged-bytes', headers=None,
           **kw):
    return images.send(client, 'PUT', '%s/images/%s/stage' % (V2, image_id),
                       data, headers=headers, **kw)


def _wait_active(client, image_id, headers=None):
    for _ in range(200):
        image = client.get('%s/images/%s' % (V2, image_id),
                           headers=headers).json
        if image['status'] not in ('importing', 'uploading'):
            return image
        time.sleep(0.05)
    raise AssertionError('import did not finish: %s' % image)


def test_stage_then_import_makes_the_image_active(admin, images):
    image = images.create(admin)
    resp = _stage(images, admin, image['id'])
    assert resp.status_int == 204, resp.text
    staged = admin.get('%s/images/%s' % (V2, image['id'])).json
    assert staged['status'] == 'uploading' and staged['size'] == 12
    assert staged['checksum'] is None
    resp = admin.post('%s/images/%s/import' % (V2, image['id']),
                      GLANCE_DIRECT)
    assert resp.status_int == 202, resp.text
    assert resp.body == b''
    done = _wait_active(admin, image['id'])
    assert done['status'] == 'active' and done['size'] == 12
    assert done['os_hash_algo'] == 'sha512' and len(done['checksum']) == 32
    assert done['os_glance_importing_to_stores'] == ''
    assert done['os_glance_failed_import'] == ''
    assert 'os_glance_import_task' not in done
    data = admin.get('%s/images/%s/file' % (V2, image['id']))
    assert data.body == b'staged-bytes'
    tasks = admin.get('%s/images/%s/tasks' % (V2, image['id'])).json
    (task,) = tasks['tasks']
    assert set(task) == RECORD_KEYS
    assert task['type'] == 'api_image_import' and task['status'] == \
        'success'
    assert task['result'] == {'image_id': image['id']}
    assert task['input']['import_req'] == GLANCE_DIRECT
    assert task['input']['backend'] == [None]
    assert task['expires_at'] is not None


def test_stage_refusals(admin, images, demo_headers):
    image = images.create(admin)
    resp = _stage(images, admin, image['id'], content_type='text/plain')
    assert resp.status_int == 415
    _fault(_stage(images, admin, image['id'], headers=demo_headers), 404,
           'No image found with ID %s' % image['id'])
    active = images.active(admin)
    resp = _stage(images, admin, active['id'])
    _fault(resp, 409, 'Image status transition from active to uploading '
                      'is not allowed')
    assert _stage(images, admin, image['id']).status_int == 204
    _fault(_stage(images, admin, image['id']), 409,
           'Image status transition from uploading to uploading is not '
           'allowed')


@pytest.mark.parametrize('body,message', [
    ({}, "Import request requires a 'method' field."),
    ({'method': {}}, "Import request requires a 'name' field."),
    ({'method': {'name': 'glance-download'}},
     "Unknown import method name 'glance-download'."),
    ({'method': {'name': 'copy-image'}},
     "Unknown import method name 'copy-image'."),
    ({'method': {'name': 'glance-direct'}, 'all_stores': 'yes'},
     "'all_stores' must be boolean value only")])
def test_import_body_refusals(admin, images, body, message):
    image = images.create(admin)
    _fault(admin.post('%s/images/%s/import' % (V2, image['id']), body),
           400, message)


def test_import_state_refusals(admin, images):
    queued = images.create(admin)
    path = '%s/images/%s/import'
    _fault(admin.post(path % (V2, queued['id']), GLANCE_DIRECT), 409,
           "Image needs to be staged before 'glance-direct' method can be "
           "used")
    active = images.active(admin)
    _fault(admin.post(path % (V2, active['id']), GLANCE_DIRECT), 409,
           'Image with status active cannot be target for import')
    bare = images.create(admin, container_format=None)
    _stage(images, admin, bare['id'])
    _fault(admin.post(path % (V2, bare['id']), GLANCE_DIRECT), 409,
           "'container_format' needs to be set before import")
    _fault(admin.post(path % (V2, 'nope'), GLANCE_DIRECT), 404,
           'No image found with ID nope')


def test_deleting_a_staged_image_removes_the_staged_data(admin, images,
                                                         image_store):
    image = images.create(admin)
    _stage(images, admin, image['id'])
    assert (image_store / '.staging' / image['id']).exists()
    assert admin.delete('%s/images/%s' % (V2, image['id'])).status_int == 204
    assert not (image_store / '.staging' / image['id']).exists()


def test_tasks_api_lists_and_shows_for_admins_only(admin, images,
                                                   demo_headers):
    image = images.create(admin)
    _stage(images, admin, image['id'])
    admin.post('%s/images/%s/import' % (V2, image['id']), GLANCE_DIRECT)
    _wait_active(admin, image['id'])
    listed = admin.get(V2 + '/tasks').json
    assert set(listed) == {'tasks', 'first', 'schema'}
    assert listed['first'] == '/v2/tasks'
    assert listed['schema'] == '/v2/schemas/tasks'
    (stub,) = listed['tasks']
    assert set(stub) == TASK_STUB_KEYS | {'expires_at'}
    assert stub['self'] == '/v2/tasks/%s' % stub['id']
    shown = admin.get(V2 + '/tasks/' + stub['id']).json
    assert set(shown) == TASK_STUB_KEYS | {
        'expires_at', 'input', 'result', 'message', 'image_id',
        'request_id', 'user_id'}
    assert shown['status'] == 'success' and shown['message'] == ''
    denied = 'You are not authorized to complete tasks_api_access action.'
    _fault(admin.get(V2 + '/tasks', headers=demo_headers), 403, denied)
    _fault(admin.get(V2 + '/tasks/' + stub['id'], headers=demo_headers),
           403, denied)
    _fault(admin.get(V2 + '/tasks/nope'), 404,
           'Could not find task nope')
    resp = admin.delete(V2 + '/tasks/' + stub['id'])
    assert resp.status_int == 405 and resp.headers['Allow'] == 'GET'
    paged = admin.get(V2 + '/tasks?limit=1').json
    assert paged['first'] == '/v2/tasks?limit=1'
    assert paged['next'] == '/v2/tasks?limit=1&marker=%s' % stub['id']


@pytest.mark.parametrize('query,message', [
    ('status=done', 'Invalid status value: done'),
    ('type=api_image_import', 'Invalid type value: api_image_import'),
    ('sort_dir=x', 'Invalid sort direction: x'),
    ('limit=a', 'limit param must be an integer')])
def test_task_list_refuses_bad_filters(admin, query, message):
    _fault(admin.get(V2 + '/tasks?' + query), 400, message)


def test_task_create_fetches_no_url(admin, demo_headers):
    body = {'type': 'import', 'input': {
        'import_from': 'http://example.com/cirros.img',
        'import_from_format': 'qcow2',
        'image_properties': {'name': 'x'}}}
    _fault(admin.post(V2 + '/tasks', body), 400,
           'URI for legacy import task does not pass filtering: '
           'http://example.com/cirros.img')
    _fault(admin.post(V2 + '/tasks', {'input': {}}), 400,
           "Task 'type' is required")
    assert admin.post(V2 + '/tasks', {'type': 'x', 'input': {}}
                      ).status_int == 400
    _fault(admin.post(V2 + '/tasks', body, headers=demo_headers), 403,
           'You are not authorized to complete tasks_api_access action.')


def test_task_schema_documents(admin):
    task = admin.get(V2 + '/schemas/task').json
    assert task['name'] == 'task' and 'additionalProperties' not in task
    assert {'input', 'result', 'message'} <= set(task['properties'])
    tasks = admin.get(V2 + '/schemas/tasks').json
    assert set(tasks['properties']) == {'tasks', 'schema'}
    assert 'input' not in tasks['properties']['tasks']['items'][
        'properties']


class _FakeFetch:
    def __init__(self, data, declared=None):
        self.data, self.declared = data, declared
        self.uris = []

    def __call__(self, uri, chunk_size):
        self.uris.append(uri)
        chunks = [self.data[i:i + chunk_size]
                  for i in range(0, len(self.data), chunk_size)]
        return iter(chunks), (len(self.data) if self.declared is None
                              else self.declared)


def _web_download(uri):
    return {'method': {'name': 'web-download', 'uri': uri}}


def test_web_download_fetches_into_the_store(admin, images, monkeypatch):
    from stratus.api.image import web_download
    fetch = _FakeFetch(b'downloaded' * 10)
    monkeypatch.setattr(web_download, 'fetch', fetch)
    image = images.create(admin)
    resp = admin.post('%s/images/%s/import' % (V2, image['id']),
                      _web_download('https://1.2.3.4/cirros.img'))
    assert resp.status_int == 202, resp.text
    done = _wait_active(admin, image['id'])
    assert done['status'] == 'active' and done['size'] == 100
    assert fetch.uris == ['https://1.2.3.4/cirros.img']
    (task,) = admin.get('%s/images/%s/tasks' % (V2, image['id'])).json[
        'tasks']
    assert task['status'] == 'success'


def test_web_download_failure_queues_the_image_again(admin, images,
                                                     monkeypatch):
    from stratus.api.image import web_download
    monkeypatch.setattr(web_download, 'fetch', _FakeFetch(b'abc', 10))
    image = images.create(admin)
    admin.post('%s/images/%s/import' % (V2, image['id']),
               _web_download('http://1.2.3.4/x.img'))
    done = _wait_active(admin, image['id'])
    assert done['status'] == 'queued' and 'os_glance_import_task' not in \
        done
    (task,) = admin.get('%s/images/%s/tasks' % (V2, image['id'])).json[
        'tasks']
    assert task['status'] == 'failure'
    assert 'downloaded data size 3 is different from expected 10' in \
        task['message']


@pytest.mark.parametrize('uri', [
    'ftp://1.2.3.4/x', 'http://1.2.3.4:8080/x', 'http://2130706433/x',
    'http://127.1/x', 'file:///etc/passwd', None])
def test_web_download_refuses_what_glances_filter_refuses(admin, images,
                                                          uri):
    image = images.create(admin)
    _fault(admin.post('%s/images/%s/import' % (V2, image['id']),
                      _web_download(uri)), 400,
           'URI for web-download does not pass filtering: %s' % uri)
    assert admin.get('%s/images/%s' % (V2, image['id'])).json[
        'status'] == 'queued'


def test_web_download_needs_a_queued_image(admin, images):
    image = images.create(admin)
    _stage(images, admin, image['id'])
    _fault(admin.post('%s/images/%s/import' % (V2, image['id']),
                      _web_download('http://1.2.3.4/x')), 409,
           "Image needs to be in 'queued' state to use 'web-download' "
           "method")


@pytest.fixture
def http_server():
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == '/redirect':
                self.send_response(302)
                self.send_header('Location', 'http://1.2.3.4:8080/x')
                self.end_headers()
                return
            body = b'served-data'
            self.send_response(200)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield 'http://127.0.0.1:%d' % server.server_address[1]
    server.shutdown()
    server.server_close()


def test_fetch_streams_and_refuses_redirects_the_filter_refuses(
        http_server):
    from stratus.api.image import web_download
    from stratus.common import exception
    chunks, size = web_download.fetch(http_server + '/data', 4)
    assert size == 11 and b''.join(chunks) == b'served-data'
    with pytest.raises(exception.Invalid) as caught:
        web_download.fetch(http_server + '/redirect', 4)
    assert 'Redirect to disallowed URL: http://1.2.3.4:8080/x' in str(
        caught.value)
