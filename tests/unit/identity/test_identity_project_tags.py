"""Project tags (keystone's project-tags.inc): the /tags routes, tags in
project bodies, keystone's validation and the list's tag filters."""
from support.identity import V3, as_token
from support.identity import keystone_error as _error

TAGS_KEYS = {'tags', 'links'}


def _project(admin, name, tags=None):
    body = {'name': name}
    if tags is not None:
        body['tags'] = tags
    resp = admin.post(V3 + '/projects', {'project': body})
    assert resp.status_int == 201, resp.text
    return resp.json['project']


def test_tags_in_project_bodies(admin):
    project = _project(admin, 'p', ['b', 'a'])
    assert sorted(project['tags']) == ['a', 'b']
    path = V3 + '/projects/' + project['id']
    assert sorted(admin.get(path).json['project']['tags']) == ['a', 'b']
    resp = admin.request('PATCH', path, {'project': {'tags': ['c']}})
    assert resp.status_int == 200 and resp.json['project']['tags'] == ['c']
    listed = admin.get(V3 + '/projects?name=p').json['projects'][0]
    assert listed['tags'] == ['c']
    resp = admin.request('PATCH', path, {'project': {'description': 'd'}})
    assert resp.json['project']['tags'] == ['c']


def test_tag_routes(admin):
    project = _project(admin, 'p')
    base = V3 + '/projects/%s/tags' % project['id']
    listing = admin.get(base)
    assert listing.status_int == 200 and set(listing.json) == TAGS_KEYS
    assert listing.json['tags'] == []
    assert listing.json['links']['self'].endswith(base)
    resp = admin.put(base + '/one')
    assert resp.status_int == 201 and resp.body == b''
    assert resp.headers['Location'].endswith(base + '/one')
    assert admin.get(base + '/one').status_int == 204
    assert admin.request('HEAD', base + '/one').status_int == 204
    _error(admin.get(base + '/two'), 404, 'Could not find project tag: two.')
    resp = admin.put(base, {'tags': ['x', 'y']})
    assert resp.status_int == 200 and set(resp.json) == TAGS_KEYS
    assert resp.json['tags'] == ['x', 'y']
    assert sorted(admin.get(base).json['tags']) == ['x', 'y']
    assert admin.delete(base + '/x').status_int == 204
    _error(admin.delete(base + '/x'), 404, 'Could not find project tag: x.')
    assert admin.get(base).json['tags'] == ['y']
    assert admin.delete(base).status_int == 204
    assert admin.get(base).json['tags'] == []
    _error(admin.get(V3 + '/projects/nope/tags'), 404,
           'Could not find project: nope.')
    _error(admin.put(V3 + '/projects/nope/tags/a'), 404,
           'Could not find project: nope.')


def test_tag_validation(admin):
    project = _project(admin, 'p')
    base = V3 + '/projects/%s/tags' % project['id']
    _error(admin.put(base + '/a,b'), 400)
    _error(admin.put(base + '/' + 'x' * 256), 400)
    _error(admin.put(base, {'tags': ['a/b']}), 400)
    _error(admin.put(base, {'tags': ['a', 'a']}), 400)
    _error(admin.put(base, {'tags': ['t%d' % i for i in range(81)]}), 400)
    _error(admin.put(base, {'tags': 'a'}), 400)
    _error(admin.put(base, {}), 400)
    _error(admin.post(V3 + '/projects', {'project': {
        'name': 'q', 'tags': ['a,b']}}), 400)
    assert admin.put(base, {'tags': ['t%d' % i for i in range(80)]}
                     ).status_int == 200
    _error(admin.put(base + '/more'), 400)
    admin.delete(base)
    assert admin.put(base + '/a').status_int == 201
    # Keystone checks the list with the new tag: a repeat is refused.
    _error(admin.put(base + '/a'), 400)


def test_tag_filters(admin):
    ab = _project(admin, 'ab', ['a', 'b'])['id']
    a = _project(admin, 'a', ['a'])['id']
    c = _project(admin, 'c', ['c'])['id']

    def ids(query):
        resp = admin.get(V3 + '/projects?' + query)
        assert resp.status_int == 200
        return {p['id'] for p in resp.json['projects']} & {ab, a, c}

    assert ids('tags=a') == {ab, a}
    assert ids('tags=a,b') == {ab}
    assert ids('tags-any=b,c') == {ab, c}
    assert ids('not-tags=a,b') == {a, c}
    assert ids('not-tags-any=b,c') == {a}
    assert ids('tags=a&not-tags-any=b') == {a}


def test_tags_need_admin_to_change(admin, demo):
    headers = as_token(demo['token'])
    base = V3 + '/projects/%s/tags' % demo['project_id']
    assert admin.put(base + '/a').status_int == 201
    assert admin.get(base, headers=headers).json['tags'] == ['a']
    assert admin.get(base + '/a', headers=headers).status_int == 204
    _error(admin.put(base + '/b', headers=headers), 403)
    _error(admin.delete(base, headers=headers), 403)
