"""Second layer: what a request cannot mean is refused before any surface
reads it, with a 4xx in that surface's fault dialect.

- A path or query string that is not UTF-8 (webob raises while decoding
  it, in every layer that looks at the path).
- A body over ``[oslo_middleware] max_request_body_size``: refused from
  its Content-Length before reading, or cut off once a chunked body passes
  the limit, as oslo.middleware's RequestBodySizeLimiter does in front of
  nova, cinder and keystone. Image data (PUT .../file and .../stage)
  streams to its store, bounded by ``image_size_cap``, and is not read here.
- A body the transport could not deliver (shorter than its Content-Length,
  a bad chunk size): 400 and the connection closes.
- JSON that would reach a handler as something it cannot store or walk:
  a lone surrogate (no database can encode it) or nesting deeper than any
  OpenStack body (the decoder and validators recurse once per level).
- Response headers that are not latin-1 go out percent-encoded.
- Form bodies are never parsed by webob as multipart: no route takes one,
  and parsing would read a whole image upload before its handler refuses
  the content type.
"""
import itertools
import json
import operator
import re
import urllib.parse

import webob.multidict

from stratus.api.middleware import faults
from stratus.api.middleware import layer
from stratus.common.conf import CONF
from stratus.common import identity_exceptions

STYLES = {'identity': 'keystone', 'image': 'glance'}
# Deeper than any request body of the four APIs (keystone's mapping rules
# nest about six levels); the JSON decoder recurses per level.
MAX_DEPTH = 100
_STREAMED = re.compile(r'^/image/v2/images/[^/]+/(file|stage)/*$')
_SURROGATE = re.compile(rb'\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\xed[\xa0-\xbf]')
_ESCAPE = re.compile(rb'\\.', re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_STEP = bytes.maketrans(b'[{]}', b'\2\2\0\0')
_NOT_BRACKET = bytes(set(range(256)) - set(b'[{]}'))
_READ_ERRORS = (OSError, ValueError, EOFError)


class _TooLarge(Exception):
    pass


def style_of(path):
    return STYLES.get(path.lstrip('/').split('/', 1)[0], 'nova')


def _utf8(raw):
    """Whether a WSGI str (bytes as latin-1) holds UTF-8."""
    try:
        raw.encode('latin-1').decode('utf-8')
        return True
    except UnicodeError:
        return False


def _utf8_query(raw):
    try:
        urllib.parse.unquote_to_bytes(
            raw.encode('latin-1').replace(b'+', b' ')).decode('utf-8')
        return True
    except UnicodeError:
        return False


def malformed_json(style):
    """A surface's answer to a body its JSON decoder refuses."""
    if style == 'keystone':
        return faults.from_exception(
            style, identity_exceptions.UnknownReference(
                attribute='valid JSON', target='request body'))
    if style == 'glance':
        return faults.fault_response(style, 400,
                                     'Malformed JSON in request body.')
    return faults.fault_response(style, 400, 'Malformed request body')


def too_large(style, message):
    return faults.fault_response(style, 413, message)


def _read(req, length, limit):
    """The whole body; at most `limit` bytes of one without a length."""
    stream = req.environ['wsgi.input']
    parts, size = [], 0
    todo = length if length is not None else limit + 1
    while todo > 0:
        data = stream.read(min(todo, 65536))
        if not data:
            break
        parts.append(data)
        size += len(data)
        todo -= len(data)
    if length is None and size > limit:
        raise _TooLarge()
    if length is not None and size < length:
        raise EOFError('%d of %d bytes' % (size, length))
    return b''.join(parts)


def too_deep(body, limit=MAX_DEPTH):
    """Whether brackets outside strings nest deeper than `limit`: escapes,
    then strings, then everything but brackets dropped, and the deepest
    running count of openers less closers taken, all in C loops (linear
    whatever the body)."""
    if body.count(b'[') + body.count(b'{') <= limit:
        return False
    bare = _STRING.sub(b'', _ESCAPE.sub(b'', body))
    steps = bare.translate(_STEP, _NOT_BRACKET)       # 2 opens, 0 closes
    deepest = max(map(operator.sub, itertools.accumulate(steps),
                      itertools.count(1)), default=0)
    return deepest > limit


def has_lone_surrogate(body):
    if not _SURROGATE.search(body):
        return False
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError):
        return False            # the handler answers for a malformed body
    todo = [doc]
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, str):
            try:
                item.encode('utf-8')
            except UnicodeEncodeError:
                return True
    return False


def _unreadable(style):
    resp = faults.fault_response(style, 400, 'The request body could not '
                                 'be read: it is shorter than its '
                                 'Content-Length or badly chunked.')
    # What is left of it on the connection is not a next request.
    resp.headers['Connection'] = 'close'
    return resp


# What a URL may hold unescaped, '%' included (an escape stays as it is).
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"


def url_header(url):
    """A URL as a header may carry it: a control character or a character
    outside latin-1 from a path part (a tag 'a\r\nX: 1' or '\u202egnp')
    would make the server or webob fail once the handler has done its
    work; percent-encoded, it is the same URL."""
    return urllib.parse.quote(url, safe=_URL_SAFE)


def _latin1_headers(resp):
    """HTTP/1.1 headers are latin-1 (the WSGI server fails to send any other
    text, after the handler has done its work): a value that is not - a
    Location naming a tag such as '\u202egnp.exe' - goes out
    percent-encoded, as in a URL."""
    for key, value in list(resp.headerlist):
        try:
            value.encode('latin-1')
        except UnicodeEncodeError:
            resp.headers[key] = url_header(value)
    return resp


def _negotiated(req, style, resp):
    """glance's faults follow the Accept header (its webob pages); the
    image surface knows how, and a request to it loads it anyway."""
    if style != 'glance':
        return resp
    from stratus.api.image import root as image_root
    return image_root.negotiated_fault(req, resp)


class RequestGuard(layer.Layer):
    def __init__(self, application):
        self.application = application

    def process(self, req):
        style = style_of(req.environ.get('PATH_INFO', ''))
        refusal = self._refusal(req, style)
        if refusal is not None:
            return _negotiated(req, style, refusal)
        if req.content_type == 'multipart/form-data':
            req.environ['webob._parsed_post_vars'] = (
                webob.multidict.NoVars('Not parsed: no route takes a '
                                       'multipart body'),
                req.environ['wsgi.input'])
        return _latin1_headers(layer.forward(req, self.application))

    def _refusal(self, req, style):
        environ = req.environ
        path = environ.get('PATH_INFO', '')
        if not _utf8(path) or not _utf8_query(environ.get('QUERY_STRING',
                                                          '')):
            return faults.fault_response(style, 400, 'The request URL is '
                                         'not valid UTF-8.')
        if req.method == 'PUT' and _STREAMED.match(path):
            return None
        return self._bound_body(req, style)

    def _bound_body(self, req, style):
        limit = CONF.oslo_middleware.max_request_body_size
        length = req.content_length
        if length is not None and length > limit:
            return too_large(style, 'Request is too large. Larger than '
                             'max_request_body_size (%s).' % limit)
        if not length and not req.is_body_readable:
            return None
        try:
            body = _read(req, length, limit)
        except _TooLarge:
            return too_large(style, 'Request is too large. Larger than '
                             '%s.' % limit)
        except _READ_ERRORS:
            return _unreadable(style)
        req.body = body
        if too_deep(body) or has_lone_surrogate(body):
            return malformed_json(style)
        if req.content_type == 'application/x-www-form-urlencoded' and \
                not _utf8_query(body.decode('latin-1')):
            return faults.fault_response(style, 400, 'The request body is '
                                         'not valid UTF-8.')
        return None
