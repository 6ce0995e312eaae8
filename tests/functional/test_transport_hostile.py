"""Hostile input at the transport level against the real stratus-api
(cheroot) over raw sockets: a body shorter than its Content-Length, a bad
chunk size, a huge Content-Length on a GET, oversize bodies with a length
and chunked. Each gets a 4xx with a fault body, the API keeps serving, and
its log has no CRITICAL line and no traceback."""
import http.client
import json
import socket
import urllib.parse

import pytest
import requests

LIMIT = 114688


def _connect(cloud):
    url = urllib.parse.urlparse(cloud.url)
    sock = socket.create_connection((url.hostname, url.port), timeout=15)
    return sock


def _exchange(cloud, head, body=b'', half_close=False, closed=None):
    """Send a raw request, read one response: (status, headers, body).
    With `closed` (a list), append whether the server then closed."""
    sock = _connect(cloud)
    try:
        sock.sendall(head.encode('latin-1') + body)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        resp = http.client.HTTPResponse(sock, method=head.split()[0])
        resp.begin()
        answer = resp.status, dict(resp.getheaders()), resp.read()
        if closed is not None:
            sock.settimeout(5)
            closed.append(sock.recv(1) == b'')
        return answer
    finally:
        sock.close()


def _head(method, path, *headers):
    lines = ['%s %s HTTP/1.1' % (method, path), 'Host: localhost',
             'Content-Type: application/json', 'Accept: application/json']
    return '\r\n'.join(lines + list(headers)) + '\r\n\r\n'


def _serving(cloud):
    resp = requests.get(cloud.url + '/identity/v3', timeout=10)
    assert resp.status_code == 200


def _fault(status, headers, body, expected, name):
    assert status == expected, body
    assert headers['x-openstack-request-id'].startswith('req-')
    doc = json.loads(body)
    assert list(doc) == [name], doc
    assert doc[name]['code'] == expected
    return doc[name]['message']


@pytest.fixture
def clean_log(cloud):
    before = len(cloud.log('stratus-api.log'))
    yield
    new = cloud.log('stratus-api.log')[before:]
    assert 'CRITICAL' not in new, new
    assert 'Traceback' not in new, new


def test_a_body_shorter_than_its_content_length(cloud, clean_log):
    status, headers, body = _exchange(
        cloud, _head('POST', '/compute/v2.1/servers', 'Content-Length: 100'),
        b'{"server":', half_close=True)
    message = _fault(status, headers, body, 400, 'badRequest')
    assert 'shorter than its Content-Length' in message
    _serving(cloud)


def test_a_bad_chunk_size(cloud, clean_log):
    status, headers, body = _exchange(
        cloud, _head('POST', '/volume/v3/x/volumes',
                     'Transfer-Encoding: chunked'),
        b'zz\r\n{"volume": {}}\r\n0\r\n\r\n')
    message = _fault(status, headers, body, 400, 'badRequest')
    assert 'badly chunked' in message
    _serving(cloud)


def test_what_follows_a_bad_chunk_is_not_a_next_request(cloud, clean_log):
    smuggled = b'GET /identity/v3 HTTP/1.1\r\nHost: localhost\r\n\r\n'
    sock = _connect(cloud)
    try:
        sock.sendall(_head('POST', '/compute/v2.1/servers',
                           'Transfer-Encoding: chunked').encode() +
                     b'zz\r\n' + smuggled)
        received = b''
        while True:
            data = sock.recv(65536)
            if not data:
                break           # the server closed the connection
            received += data
    finally:
        sock.close()
    assert received.count(b'HTTP/1.1 ') == 1, received
    assert received.startswith(b'HTTP/1.1 400 ')
    assert b'Connection: close' in received


def test_a_get_with_a_huge_content_length(cloud, clean_log):
    status, headers, body = _exchange(
        cloud, _head('GET', '/compute/v2.1/servers',
                     'Content-Length: 999999999999'))
    message = _fault(status, headers, body, 413, 'overLimit')
    assert message == ('Request is too large. Larger than '
                       'max_request_body_size (%d).' % LIMIT)
    _serving(cloud)


def test_an_oversize_body_is_refused_from_its_length(cloud, clean_log):
    status, headers, body = _exchange(
        cloud, _head('POST', '/identity/v3/auth/tokens',
                     'Content-Length: %d' % (10 * 1024 * 1024)),
        b'{"auth": ' + b' ' * 4096)
    assert status == 413, body
    error = json.loads(body)['error']
    assert error['code'] == 413 and error['title'] == \
        'Request Entity Too Large'
    _serving(cloud)


def test_an_oversize_chunked_body_is_cut_off(cloud, clean_log):
    data = b'{"volume": {"name": "' + b'x' * LIMIT + b'"}}'
    status, headers, body = _exchange(
        cloud, _head('POST', '/compute/v2.1/os-keypairs',
                     'Transfer-Encoding: chunked'),
        b'%x\r\n%s\r\n' % (len(data), data))
    message = _fault(status, headers, body, 413, 'overLimit')
    assert message == 'Request is too large. Larger than %d.' % LIMIT
    _serving(cloud)


def test_a_path_that_is_not_utf8(cloud, clean_log):
    status, headers, body = _exchange(
        cloud, _head('GET', '/compute/v2.1/servers/%ff%fe'))
    message = _fault(status, headers, body, 400, 'badRequest')
    assert message == 'The request URL is not valid UTF-8.'
    _serving(cloud)
