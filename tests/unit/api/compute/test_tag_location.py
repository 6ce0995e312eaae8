"""A server tag outside latin-1 (issue 15 item 4): stored, answered 201 as
nova answers, its Location percent-encoded so the server can send it."""
import io

import webob

from tests.unit.api.compute.test_servers import SERVERS
from tests.unit.api.compute.test_servers import _create
from tests.unit.api.compute.test_servers import _mv
from tests.unit.api.compute.test_servers import cloud  # noqa: F401


def _wire(app, req):
    """The status and headers as a WSGI server receives them."""
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen['status'], seen['headers'] = status, headers
    b''.join(app(req.environ, start_response))
    return seen['status'], seen['headers']


def _put(cloud, sid, tag):
    req = webob.Request.blank('/', method='PUT', headers=dict(
        _mv('2.26'), **{'X-Auth-Token': cloud.token}))
    # PATH_INFO as cheroot passes it: UTF-8 bytes as latin-1.
    req.environ['PATH_INFO'] = (SERVERS + '/%s/tags/%s' % (sid, tag)).encode(
        'utf-8').decode('latin-1')
    req.environ['wsgi.input'] = io.BytesIO()
    return req


def test_a_right_to_left_override_tag(cloud):  # noqa: F811
    sid = _create(cloud).json['server']['id']
    tag = '\u202egnp.exe'
    status, headers = _wire(cloud.app, _put(cloud, sid, tag))
    assert status.startswith('201'), status
    location = dict(headers)['Location']
    assert location.endswith('/servers/%s/tags/%%E2%%80%%AEgnp.exe' % sid)
    for key, value in headers:
        value.encode('latin-1')
    tags = cloud.get(SERVERS + '/%s/tags' % sid, headers=_mv('2.26'))
    assert tags.json == {'tags': [tag]}
    # Again: already there, 204, same header.
    status, headers = _wire(cloud.app, _put(cloud, sid, tag))
    assert status.startswith('204'), status


def test_a_tag_with_a_line_break_cannot_add_a_header(cloud):  # noqa: F811
    sid = _create(cloud).json['server']['id']
    status, headers = _wire(cloud.app, _put(cloud, sid, 'a\r\nX-Evil: 1'))
    assert status.startswith('201'), status
    assert 'X-Evil' not in dict(headers)
    assert dict(headers)['Location'].endswith('/tags/a%0D%0AX-Evil:%201')
