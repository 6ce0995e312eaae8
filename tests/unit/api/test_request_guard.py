"""Hostile input at the transport and decoding level, as a client sees it
on every surface: the body size limit, bodies the transport could not
deliver, URLs that are not UTF-8, lone surrogates, deep nesting, numbers
past 64 bits, multipart bodies and header values that are not latin-1.
Each answer is a 4xx in the surface's own fault dialect, never a 500."""
import io
import json

import pytest
import webob

from support import schemas

from stratus.common.conf import CONF

LIMIT = 114688
NINES = '9' * 40


class Unreadable(io.RawIOBase):
    """A wsgi.input that must not be read (the limit refuses first) or
    that fails as cheroot's does on a bad chunk size."""

    def __init__(self, error=AssertionError('body read')):
        self.error = error

    def read(self, size=-1):
        raise self.error


def _raw(app, method, path, body=None, headers=None, environ=None,
         token=None, accept='application/json'):
    """A request built from raw WSGI values: PATH_INFO and QUERY_STRING as
    a server passes them (bytes as latin-1), a body stream as it is."""
    req = webob.Request.blank('/', method=method, headers=headers or {})
    path, _, query = path.partition('?')
    req.environ['PATH_INFO'] = path
    req.environ['QUERY_STRING'] = query
    if token:
        req.headers['X-Auth-Token'] = token
    if accept:
        req.headers['Accept'] = accept
    if body is not None:
        req.body = body
        req.content_type = 'application/json'
    req.environ.update(environ or {})
    return req.get_response(app)


def _project(admin):
    return admin.get('/identity/v3/auth/tokens', headers={
        'X-Subject-Token': admin.token}).json['token']['project']['id']


def _paths(admin):
    """One body-taking route per surface (the issue's examples)."""
    return [('nova', '/compute/v2.1/servers'),
            ('nova', '/volume/v3/%s/volumes' % _project(admin)),
            ('glance', '/image/v2/images'),
            ('keystone', '/identity/v3/auth/tokens')]


def _check(resp, style, status, message=None):
    """A fault in the surface's dialect, with `message` in it."""
    assert resp.status_int == status, resp.body
    assert resp.headers['x-openstack-request-id'].startswith('req-')
    if style == 'nova':
        text = schemas.check_fault(resp, status)
    elif style == 'keystone':
        error = resp.json['error']
        assert set(error) == {'code', 'title', 'message'}
        assert error['code'] == status
        text = error['message']
    else:
        # glance's webob faults, negotiated: these requests accept JSON.
        assert resp.content_type == 'application/json'
        doc = resp.json
        assert set(doc) == {'message', 'code', 'title'}
        assert doc['code'].startswith('%d ' % status)
        text = doc['message']
    if message is not None:
        assert message in text, text
    return text


# -- the body size limit ---------------------------------------------------

@pytest.mark.parametrize('method', ['POST', 'GET'])
def test_a_content_length_over_the_limit_is_413_before_reading(
        admin, method):
    for style, path in _paths(admin):
        resp = _raw(admin.app, method, path, token=admin.token, environ={
            'CONTENT_LENGTH': str(LIMIT + 1), 'wsgi.input': Unreadable()})
        _check(resp, style, 413, 'Request is too large. Larger than '
               'max_request_body_size (114688).')


def test_a_get_with_a_terabyte_content_length_is_413(admin):
    resp = _raw(admin.app, 'GET', '/compute/v2.1/servers', token=admin.token,
                environ={'CONTENT_LENGTH': '999999999999',
                         'wsgi.input': Unreadable()})
    _check(resp, 'nova', 413, 'Request is too large.')


def test_a_chunked_body_is_cut_off_past_the_limit(admin):
    for style, path in _paths(admin):
        stream = io.BytesIO(b'{"a": "' + b'x' * LIMIT + b'"}')
        resp = _raw(admin.app, 'POST', path, token=admin.token, environ={
            'wsgi.input': stream, 'wsgi.input_terminated': True})
        _check(resp, style, 413, 'Request is too large. Larger than 114688.')
        # Cut off: not read to its end.
        assert stream.tell() <= LIMIT + 1


def test_a_chunked_body_within_the_limit_reaches_the_handler(admin):
    body = json.dumps({'project': {'name': 'chunked'}}).encode()
    resp = _raw(admin.app, 'POST', '/identity/v3/projects', token=admin.token,
                headers={'Content-Type': 'application/json'}, environ={
                    'wsgi.input': io.BytesIO(body),
                    'wsgi.input_terminated': True})
    assert resp.status_int == 201, resp.body
    assert resp.json['project']['name'] == 'chunked'


def test_a_body_at_the_limit_passes_one_byte_more_does_not(admin):
    # A body the handler refuses for what it says, not for its size.
    pad = LIMIT - len(b'{"x": ""}')
    body = b'{"x": "' + b'a' * pad + b'"}'
    assert len(body) == LIMIT
    resp = admin.request('POST', '/compute/v2.1/os-keypairs', raw=body)
    assert resp.status_int == 400
    assert 'too large' not in resp.text
    resp = admin.request('POST', '/compute/v2.1/os-keypairs',
                         raw=body + b' ')
    _check(resp, 'nova', 413)


def test_the_limit_is_an_option(admin):
    CONF.set_override('max_request_body_size', 10, 'oslo_middleware')
    try:
        resp = admin.post('/identity/v3/projects', {'project': {
            'name': 'p' * 20}})
    finally:
        CONF.clear_override('max_request_body_size', 'oslo_middleware')
    _check(resp, 'keystone', 413, 'max_request_body_size (10)')


def test_image_data_is_not_bounded_by_the_request_limit(admin):
    image = admin.post('/image/v2/images', {
        'name': 'big', 'disk_format': 'raw',
        'container_format': 'bare'}).json
    data = b'\0' * (LIMIT * 2)
    resp = _raw(admin.app, 'PUT', '/image/v2/images/%s/file' % image['id'],
                token=admin.token, headers={
                    'Content-Type': 'application/octet-stream'},
                environ={'CONTENT_LENGTH': str(len(data)),
                         'wsgi.input': io.BytesIO(data)})
    assert resp.status_int == 204, resp.body
    assert admin.get('/image/v2/images/%s' % image['id']).json[
        'size'] == len(data)


# -- bodies the transport could not deliver ---------------------------------

def test_a_body_shorter_than_its_content_length_is_400_and_closes(admin):
    for style, path in _paths(admin):
        resp = _raw(admin.app, 'POST', path, token=admin.token, environ={
            'CONTENT_LENGTH': '100', 'wsgi.input': io.BytesIO(b'{"a": 1}')})
        _check(resp, style, 400, 'shorter than its Content-Length')
        assert resp.headers['Connection'] == 'close'


@pytest.mark.parametrize('error', [
    ValueError("Bad chunked transfer size: b'zz'"),
    OSError('Request Entity Too Large'), TimeoutError('timed out')])
def test_a_bad_chunk_is_400(admin, error):
    for style, path in _paths(admin):
        resp = _raw(admin.app, 'POST', path, token=admin.token, environ={
            'wsgi.input': Unreadable(error), 'wsgi.input_terminated': True})
        _check(resp, style, 400, 'badly chunked')


# -- URLs that are not UTF-8 ------------------------------------------------

@pytest.mark.parametrize('style,path', [
    ('nova', '/compute/v2.1/servers/\xff\xfe'),
    ('nova', '/compute/v2.1/\xff\xfe/servers'),
    ('nova', '/volume/v3/\xff\xfe/volumes'),
    ('glance', '/image/v2/images/\xff\xfe'),
    ('keystone', '/identity/v3/users/\xff\xfe'),
    ('keystone', '/identity/\xff\xfe'),
    ('nova', '/\xff\xfe'),
    ('nova', '/compute/v2.1/servers?name=%ff%fe'),
    ('glance', '/image/v2/images?name=%FF'),
    ('keystone', '/identity/v3/users?name=\xff')])
def test_a_url_that_is_not_utf8_is_400(admin, style, path):
    for method in ('GET', 'DELETE', 'PUT'):
        resp = _raw(admin.app, method, path, token=admin.token)
        _check(resp, style, 400, 'The request URL is not valid UTF-8.')


def test_image_faults_follow_accept_as_glance_does(admin):
    for accept, content_type in (('', 'text/html'),
                                 ('text/plain', 'text/plain')):
        resp = _raw(admin.app, 'GET', '/image/v2/images/\xff',
                    accept=accept)
        assert resp.status_int == 400
        assert resp.content_type == content_type
        assert 'The request URL is not valid UTF-8.' in resp.text


def test_utf8_urls_still_work(admin):
    resp = admin.get('/identity/v3/projects?name=%C3%A9t%C3%A9')
    assert resp.status_int == 200 and resp.json['projects'] == []


# -- JSON a handler could not store or walk ---------------------------------

MALFORMED = {'nova': 'Malformed request body',
             'glance': 'Malformed JSON in request body.',
             'keystone': 'Expecting to find valid JSON in request body.'}


@pytest.mark.parametrize('body', [
    b'{"x": "\\ud800"}', b'{"name": "\\udfff"}', b'{"\\ud800": 1}',
    b'{"server": {"name": "a\\uDBFF"}}',
    b'{"volume": {"size": 1, "name": "\\ud800"}}',
    b'{"name": "\xed\xa0\x80"}'])
def test_a_lone_surrogate_is_400(admin, body):
    for style, path in _paths(admin):
        resp = _raw(admin.app, 'POST', path, body, token=admin.token)
        _check(resp, style, 400, MALFORMED[style])


def test_a_surrogate_pair_is_a_character(admin):
    resp = admin.post('/identity/v3/projects', {'project': {
        'name': 'smile \U0001F600'}})
    assert resp.status_int == 201, resp.body
    assert resp.json['project']['name'] == 'smile \U0001F600'
    # An escaped backslash before 'ud800' is text, not a surrogate.
    resp = admin.request('POST', '/identity/v3/projects',
                         raw=b'{"project": {"name": "a\\\\ud800"}}')
    assert resp.status_int == 201, resp.body
    assert resp.json['project']['name'] == 'a\\ud800'


@pytest.mark.parametrize('body', [b'[' * 50000, b'{"a":' * 20000,
                                  b'[' * 101 + b']' * 101])
def test_deep_nesting_is_400(admin, body):
    for style, path in _paths(admin):
        resp = _raw(admin.app, 'POST', path, body, token=admin.token)
        _check(resp, style, 400, MALFORMED[style])


def test_deep_nesting_is_400_without_a_token(client):
    resp = _raw(client.app, 'POST', '/identity/v3/auth/tokens', b'[' * 50000)
    _check(resp, 'keystone', 400, MALFORMED['keystone'])


def test_brackets_inside_strings_are_not_nesting(admin):
    name = '[' * 300
    resp = admin.post('/identity/v3/projects', {'project': {
        'name': 'brackets', 'description': name}})
    assert resp.status_int == 201, resp.body


def test_form_bodies_that_are_not_utf8_are_400(client):
    resp = _raw(client.app, 'POST', '/identity/v3/OS-OAUTH2/token',
                headers={'Content-Type': 'application/x-www-form-urlencoded'},
                environ={'wsgi.input': io.BytesIO(b'grant_type=%ff'),
                         'CONTENT_LENGTH': '14'})
    _check(resp, 'keystone', 400, 'not valid UTF-8')


# -- numbers past 64 bits --------------------------------------------------

@pytest.mark.parametrize('path,message', [
    ('/compute/v2.1/os-hypervisors/' + NINES,
     "Hypervisor with ID '%s' could not be found." % NINES),
    ('/compute/v2.1/os-hypervisors/%s/uptime' % NINES, 'could not be found'),
    ('/compute/v2.1/os-aggregates/' + NINES,
     'Aggregate %s could not be found.' % NINES),
    ('/compute/v2.1/flavors/' + NINES, 'could not be found')])
def test_huge_integer_ids_are_404(admin, path, message):
    _check(admin.get(path), 'nova', 404, message)


@pytest.mark.parametrize('path', [
    '/compute/v2.1/servers?limit=%s' % NINES,
    '/compute/v2.1/flavors?limit=%s' % NINES,
    '/compute/v2.1/flavors?minRam=%s' % NINES,
    '/compute/v2.1/os-hypervisors?limit=%s' % NINES,
    '/image/v2/images?limit=%s' % NINES,
    '/identity/v3/users?limit=%s' % NINES])
def test_huge_integers_in_queries_are_never_500(admin, path):
    assert admin.get(path).status_int < 500


def test_a_write_of_a_huge_integer_is_refused(db):
    from stratus.common import exception
    from stratus.db import session
    import sqlalchemy as sa
    with pytest.raises(exception.Invalid) as info:
        with session.writer() as s:
            s.execute(sa.text('UPDATE aggregates SET id = :v WHERE id = 0'),
                      {'v': int(NINES)})
    assert info.value.code == 400
    with session.reader() as s:
        assert s.execute(sa.text('SELECT count(*) FROM aggregates WHERE '
                                 'id = :v'), {'v': int(NINES)}).scalar() == 0


# -- multipart bodies and header values that are not latin-1 ---------------

def test_multipart_image_upload_is_415_unparsed(admin):
    image = admin.post('/image/v2/images', {
        'name': 'm', 'disk_format': 'raw', 'container_format': 'bare'}).json
    for content_type in ('multipart/form-data',
                         'multipart/form-data; boundary=',
                         'multipart/form-data; boundary=' + 'x' * 300):
        resp = _raw(admin.app, 'PUT', '/image/v2/images/%s/file'
                    % image['id'], token=admin.token,
                    headers={'Content-Type': content_type},
                    environ={'CONTENT_LENGTH': '5',
                             'wsgi.input': io.BytesIO(b'--x--')})
        _check(resp, 'glance', 415, 'multipart/form-data')


def test_multipart_json_routes_are_never_500(admin):
    for style, path in _paths(admin):
        resp = _raw(admin.app, 'POST', path, token=admin.token,
                    headers={'Content-Type': 'multipart/form-data; '
                                             'boundary=\xff'},
                    environ={'CONTENT_LENGTH': '5',
                             'wsgi.input': io.BytesIO(b'--x--')})
        assert 400 <= resp.status_int < 500, (path, resp.body)


# -- header values a path part puts in a Location --------------------------

def _wire(app, req):
    """Status and headers as a WSGI server receives them."""
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen['status'], seen['headers'] = status, headers
    b''.join(app(req.environ, start_response))
    return seen['status'], dict(seen['headers'])


@pytest.mark.parametrize('tag,encoded', [
    ('\u202egnp.exe', '%E2%80%AEgnp.exe'),
    ('a\r\nX-Evil: 1', 'a%0D%0AX-Evil:%201'),
    ('a\x00b', 'a%00b'), ('zero\u200bwidth', 'zero%E2%80%8Bwidth')])
def test_a_project_tag_location_is_percent_encoded(admin, tag, encoded):
    project = _project(admin)
    req = webob.Request.blank('/', method='PUT',
                              headers={'X-Auth-Token': admin.token})
    req.environ['PATH_INFO'] = ('/identity/v3/projects/%s/tags/%s' % (
        project, tag)).encode('utf-8').decode('latin-1')
    status, headers = _wire(admin.app, req)
    assert status.startswith('201'), status
    assert headers['Location'].endswith('/projects/%s/tags/%s' % (
        project, encoded))
    for value in headers.values():
        value.encode('latin-1')
        assert '\r' not in value and '\n' not in value and '\0' not in value
    tags = admin.get('/identity/v3/projects/%s/tags' % project).json['tags']
    assert tags == [tag]


def test_a_delete_by_a_huge_integer_deletes_nothing(db):
    from stratus.db import session
    import sqlalchemy as sa
    with session.writer() as s:
        s.execute(sa.text('DELETE FROM aggregates WHERE id = :v'),
                  {'v': -int(NINES)})


@pytest.mark.parametrize('body,deep', [
    (b'[' * 100 + b']' * 100, False),
    (b'[' * 101 + b']' * 101, True),
    (b'{"a":' * 50 + b'[' * 51 + b']' * 51 + b'}' * 50, True),
    (b'["a\\"[[[[", ' + b'[' * 99 + b']' * 99 + b']', False),
    (b'"' + b'[' * 114000 + b'"', False),
    (b'[' + b'[],' * 38000 + b'[]]', False),
    (b']' * 500 + b'[' * 150, False),
    # Malformed and slow for a backtracking string pattern: linear here.
    (b'"' + b'\\"' * 50000 + b'[' * 200, True),
    (b'["' + b'","'.join([b'['] * 30000) + b'"]', False)])
def test_nesting_is_measured_outside_strings_in_linear_time(body, deep):
    import time
    from stratus.api.middleware import request_guard
    started = time.monotonic()
    assert request_guard.too_deep(body) is deep
    assert time.monotonic() - started < 5
