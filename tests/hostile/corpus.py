"""A seeded corpus of malformed requests over every documented route.

The routes are read from the route tables of doc/api/*.md, so a route
added to the documentation is covered without touching this file. Each
case is a raw request (method, already-encoded path with its query,
headers, body bytes) that the in-process tests send through the WSGI app
and bench/hostile.py sends over HTTP; `violations` is the one judge of
what came back.
"""
import collections
import json
import os
import random
import re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
METHODS = ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE')
ODD_METHODS = ('OPTIONS', 'TRACE', 'FOO')
UNKNOWN_ID = '6f1c2a3e-0b4d-4e5f-9a8b-7c6d5e4f3a2b'

# surface -> (document, prefix a relative documented path hangs under,
#             fault dialect, microversion service name)
SURFACES = {
    'compute': ('compute-v2.1.md', '/compute/v2.1', 'nova', 'compute'),
    'volume': ('volume-v3.md', '/volume/v3/{project}', 'nova', 'volume'),
    'image': ('image-v2.md', '/image', 'glance', None),
    'identity': ('identity-v3.md', '/identity', 'keystone', None),
}
_ROUTE = re.compile(
    r'`((?:(?:GET|HEAD|POST|PUT|PATCH|DELETE)[ ,/|]*)*)\s*(/[^`\s]*)`')
_VERB = re.compile(r'GET|HEAD|POST|PUT|PATCH|DELETE')

# Undecodable paths and bodies, integer overflow in paths: the request
# guard's and the database's part, checked by a test of their own.
BODYSIZE_LANE = 'decoding'

BAD_IDS = [
    ('word', 'not-a-uuid', None), ('dots', '..', None),
    ('dot', '.', None), ('unicode', '%C3%BC%C3%B1%C3%AF%E2%98%83', None),
    ('long', 'x' * 300, None), ('negative', '-1', None), ('zero', '0', None),
    ('sql', "%27%20OR%201%3D1--", None), ('nul', '%00', None),
    ('space', '%20', None), ('bidi', '%E2%80%AEgnp.exe', BODYSIZE_LANE),
    ('huge-int', '9' * 40, BODYSIZE_LANE),
    ('undecodable', '%ff%fe', BODYSIZE_LANE),
]


class Case(collections.namedtuple('Case', 'family surface method path '
                                          'headers body lane')):
    """One request. `lane` names another helper's work when a 5xx of this
    case belongs to it (None: it must never be a 5xx)."""

    def describe(self):
        body = '' if self.body is None else ' body[%d]=%r' % (
            len(self.body), self.body[:40])
        return '%s %s %s%s %s' % (self.family, self.method, self.path[:160],
                                  body, self.headers or '')


def _expand(path):
    """`/servers(/detail)`, `/members[/{member_id}]`,
    `/actions/{deactivate,reactivate}` -> every concrete template."""
    path = path.split('?', 1)[0].rstrip('.,;:')
    for pattern in (r'\(([^()]*)\)', r'\[([^\[\]]*)\]'):
        match = re.search(pattern, path)
        if match:
            return (_expand(path[:match.start()] + path[match.end():]) +
                    _expand(path[:match.start()] + match.group(1) +
                            path[match.end():]))
    match = re.search(r'\{([^{}]*,[^{}]*)\}', path)
    if match:
        return [p for word in match.group(1).split(',')
                for p in _expand(path[:match.start()] + word.strip() +
                                 path[match.end():])]
    return [path]


def _absolute(surface, path):
    prefix = SURFACES[surface][1]
    if path.split('/')[1] in SURFACES:
        return path
    if surface == 'volume' and path.startswith('/v3'):
        path = path[3:] or '/'
        if path.startswith('/{project_id}'):
            path = path[len('/{project_id}'):]
    return prefix + path


def routes(repo=REPO):
    """{(surface, template): set of documented methods}, in document
    order."""
    found = collections.OrderedDict()
    for surface, (doc, _prefix, _dialect, _service) in SURFACES.items():
        with open(os.path.join(repo, 'doc', 'api', doc)) as handle:
            text = handle.read()
        for match in _ROUTE.finditer(text):
            verbs = set(_VERB.findall(match.group(1))) or {'GET'}
            raw = match.group(2)
            if not re.match(r'^/[\w{}\-.()\[\]/,:@*+%?=&]*$', raw) or \
                    '...' in raw or '<' in raw:
                continue
            for path in _expand(raw):
                if not re.fullmatch(r'[^{}]*(\{\w+\}[^{}]*)*', path):
                    continue
                key = (surface, _absolute(surface, path))
                found.setdefault(key, set()).update(verbs)
    return found


def _segments(template):
    return [s for s in template.split('/') if s != '']


def fill(template, ids, override=None):
    """The template with each {name} given a real id (by its own name,
    else by the collection before it), a word for non-id names, else an
    unknown uuid; `override` = (index of the placeholder, value)."""
    parts = _segments(template)
    out = []
    hole = 0
    for i, part in enumerate(parts):
        if part.startswith('{') and part.endswith('}'):
            name = part[1:-1]
            if override is not None and override[0] == hole:
                value = override[1]
            else:
                value = ids.get(name) or ids.get(parts[i - 1] if i else '') \
                    or UNKNOWN_ID
            hole += 1
            out.append(value)
        else:
            out.append(part)
    path = '/' + '/'.join(out)
    return path + ('/' if template.endswith('/') and len(out) else '')


def _holes(template):
    return [s for s in _segments(template) if s.startswith('{')]


def _resource_key(template):
    words = [s for s in _segments(template) if not s.startswith('{')]
    word = words[-1] if words else 'x'
    word = word.replace('os-', '').replace('-', '_')
    return word[:-1] if word.endswith('s') else word


def bodies(template):
    """(label, body bytes, lane) of malformed bodies for one route."""
    key = _resource_key(template)
    yield 'empty', b'', None
    yield 'truncated', b'{"%s": {' % key.encode(), None
    for label, value in (('null', None), ('list', []), ('string', 's'),
                         ('number', 1e308), ('false', False)):
        yield label, json.dumps(value).encode(), None
    for label, value in (('key-string', 'x'), ('key-list', [1, 2]),
                         ('key-int', 2 ** 70), ('key-null', None),
                         ('fields-wrong', {'name': 12, 'id': [],
                                           'metadata': 'm', 'size': 'big',
                                           'enabled': 'yes'}),
                         ('fields-long', {'name': 'n' * 300,
                                          'description': 'd' * 70000})):
        yield label, json.dumps({key: value}).encode(), None
    yield 'nested-64', b'{"%s": ' % key.encode() + b'[' * 64 + b']' * 64 + \
        b'}', None
    yield 'huge-200k', json.dumps({key: {'name': 'h' * 200 * 1024}}).encode(
        ), None
    yield 'bad-utf8', b'{"%s": {"name": "\xff\xfe"}}' % key.encode(), \
        BODYSIZE_LANE
    yield 'surrogate', b'{"%s": {"name": "\\ud800"}}' % key.encode(), \
        BODYSIZE_LANE


def _headers(service, token):
    yield 'no-token', {}, None
    yield 'bad-token', {'X-Auth-Token': 'not-a-token'}, None
    yield 'long-token', {'X-Auth-Token': 'gAAAA' + 'A' * 4000}, None
    yield 'accept-xml', {'X-Auth-Token': token,
                         'Accept': 'application/xml'}, None
    yield 'accept-junk', {'X-Auth-Token': token, 'Accept': ';;q=x,/'}, None
    yield 'content-type-text', {'X-Auth-Token': token,
                                'Content-Type': 'text/plain'}, None
    yield 'content-type-junk', {'X-Auth-Token': token,
                                'Content-Type': 'application/json; x'}, None
    for label, value in (('mv-word', 'two'), ('mv-huge', '2.99999999999'),
                         ('mv-neg', '-1.0'), ('mv-empty', ''),
                         ('mv-dots', '1.2.3')):
        headers = {'X-Auth-Token': token}
        if service:
            headers['OpenStack-API-Version'] = '%s %s' % (service, value)
            headers['X-OpenStack-Nova-API-Version'] = value
        else:
            headers['OpenStack-API-Version'] = value
        yield label, headers, None


QUERIES = [
    ('limit-neg', 'limit=-1'), ('limit-word', 'limit=abc'),
    ('limit-huge', 'limit=' + '9' * 30), ('marker', 'marker=' + UNKNOWN_ID),
    ('sort', 'sort_key=__class__&sort_dir=sideways&sort=x:y:z'),
    ('repeated', 'name=a&name=b&name=c&id=1&id=2'),
    ('brackets', 'a[]=1&b[c]=2&%5B=3'), ('bad-escape', 'q=%zz&r=%'),
    ('oversize', 'name=' + 'q' * 16384),
    ('many', '&'.join('k%d=v' % i for i in range(500))),
]


def generate(ids, token, seed=15, scale=1.0):
    """Every case, in a fixed order for a given seed: the same corpus on
    every run, so a failure can be replayed. `scale` (0, 1] samples the
    id, body and header families for a quicker pass."""
    rng = random.Random(seed)

    def keep():
        return scale >= 1.0 or rng.random() < scale

    def case(family, surface, method, path, headers=None, body=None,
             lane=None):
        headers = dict(headers if headers is not None else
                       {'X-Auth-Token': token})
        if body is not None:
            headers.setdefault('Content-Type', 'application/json')
        path = path.replace('{project}', ids['project'])
        return Case(family, surface, method, path, headers, body, lane)

    seen = set()
    for one in _cases(ids, token, rng, keep, case):
        key = (one.method, one.path, one.body, tuple(sorted(
            one.headers.items())))
        if key not in seen:
            seen.add(key)
            yield one


def _cases(ids, token, rng, keep, case):
    for (surface, template), verbs in routes().items():
        service = SURFACES[surface][3]
        verbs = sorted(verbs)
        path = fill(template, ids)
        for method in verbs:
            yield case('documented', surface, method, path)
        # Every other method, the odd ones included.
        for method in METHODS + ODD_METHODS:
            if method not in verbs:
                yield case('method', surface, method, path)
        # Each placeholder given each bad value.
        for hole in range(len(_holes(template))):
            for label, value, lane in BAD_IDS:
                if keep():
                    yield case('id-' + label, surface, rng.choice(verbs),
                               fill(template, ids, (hole, value)), lane=lane)
        # Missing parts: each trailing segment dropped in turn, and each
        # id in the middle dropped.
        parts = _segments(path)
        floor = len(_segments(SURFACES[surface][1]))
        for cut in range(len(parts) - 1, floor - 1, -1):
            short = '/' + '/'.join(parts[:cut])
            for method in ('GET', 'PUT', 'PATCH', 'DELETE', 'POST'):
                yield case('missing-tail', surface, method, short)
        tparts = _segments(template)
        for i, part in enumerate(tparts[:-1]):
            if part.startswith('{') and i >= floor:
                short = fill('/' + '/'.join(tparts[:i] + tparts[i + 1:]),
                             ids)
                yield case('missing-middle', surface, rng.choice(verbs),
                           short)
        yield case('trailing-slash', surface, verbs[0], path + '/')
        yield case('double-slash', surface, verbs[0],
                   path.replace('/', '//', 2).replace('//', '/', 1))
        for method in verbs:
            if method not in ('POST', 'PUT', 'PATCH'):
                continue
            for label, body, lane in bodies(template):
                if keep():
                    yield case('body-' + label, surface, method, path,
                               body=body, lane=lane)
        for label, headers, lane in _headers(service, token):
            if keep():
                yield case('header-' + label, surface, rng.choice(verbs),
                           path, headers=headers,
                           body=b'{}' if 'content-type' in label else None,
                           lane=lane)
        if 'GET' in verbs:
            label, query = QUERIES[rng.randrange(len(QUERIES))]
            yield case('query-' + label, surface, 'GET', path + '?' + query)


# A 500 stratus gives on purpose because upstream gives it for a request
# that is not malformed (doc/api says so): keystone has no IdP metadata
# file to read.
UPSTREAM_5XX = ('/identity/v3/OS-FEDERATION/saml2/metadata',)
# Endpoints answering an RFC 6749 error body, as keystone's do.
OAUTH2_PATHS = ('/identity/v3/OS-OAUTH2/token',)

TRACEBACK_MARKS = (b'Traceback (most recent call last)', b'File "/',
                   b'.py", line ')


def _dialect_problem(dialect, path, status, content_type, body):
    if not body:
        return None
    text = body.decode('utf-8', 'replace')
    if dialect == 'glance':
        if content_type.startswith(('text/plain', 'text/html')):
            return None if str(status) in text else 'no status in text'
        try:
            doc = json.loads(text)
        except ValueError:
            return 'glance fault neither text nor JSON'
        ok = isinstance(doc, dict) and 'message' in doc
        return None if ok else 'not a glance fault'
    try:
        doc = json.loads(text)
    except ValueError:
        return 'fault body is not JSON'
    if dialect == 'keystone':
        fault = doc.get('error') if isinstance(doc, dict) else None
        if isinstance(fault, str) and 'error_description' in doc:
            return None if path.startswith(OAUTH2_PATHS) else \
                'an OAuth2 error body outside OS-OAUTH2'
        ok = isinstance(fault, dict) and fault.get('code') == status and \
            {'message', 'title'} <= set(fault)
        return None if ok else 'not a keystone fault'
    ok = isinstance(doc, dict) and len(doc) == 1 and isinstance(
        list(doc.values())[0], dict) and \
        list(doc.values())[0].get('code') == status and \
        'message' in list(doc.values())[0]
    return None if ok else 'not a nova/cinder fault'


def violations(case, status, content_type, body, elapsed, limit=5.0):
    """What is wrong with the answer to a case ([] when nothing)."""
    found = []
    if status >= 500 and not case.path.split('?')[0].rstrip('/').endswith(
            UPSTREAM_5XX):
        found.append('%d' % status)
    if any(mark in (body or b'') for mark in TRACEBACK_MARKS):
        found.append('traceback text in the body')
    if status >= 400 and case.method != 'HEAD':
        problem = _dialect_problem(SURFACES[case.surface][2], case.path,
                                   status,
                                   content_type or '', body)
        if problem:
            found.append(problem)
    if elapsed > limit:
        found.append('took %.1f s' % elapsed)
    return found
