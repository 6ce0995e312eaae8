"""GET /v2/images: who sees which images, filters (with the in: and
time operators), properties, tags, hidden images, sorting and paging."""
import urllib.parse

import pytest

from stratus.common.conf import CONF

BASE = '/image/v2/images'


def names(resp):
    assert resp.status_int == 200, resp.text
    return [i['name'] for i in resp.json['images']]


@pytest.fixture
def zoo(admin, images, demo_headers):
    """Images of every visibility in both projects, oldest first."""
    made = {}
    for name, visibility in (('a-pub', 'public'), ('a-priv', 'private'),
                             ('a-shared', 'shared'),
                             ('a-comm', 'community')):
        made[name] = images.create(admin, name=name, visibility=visibility)
    for name, visibility in (('d-priv', 'private'), ('d-shared', 'shared'),
                             ('d-comm', 'community')):
        made[name] = images.create(admin, name=name, visibility=visibility,
                                   headers=demo_headers)
    return made


def test_envelope_and_default_order(admin, zoo):
    resp = admin.get(BASE)
    body = resp.json
    assert body['schema'] == '/v2/schemas/images'
    assert body['first'] == '/v2/images'
    assert 'next' not in body
    # newest first (created_at desc); as glance, even an admin sees other
    # projects' community images only when asking for them.
    assert names(resp) == ['d-shared', 'd-priv', 'a-comm',
                           'a-shared', 'a-priv', 'a-pub']


def test_members_see_public_and_their_own(admin, zoo, demo_headers):
    seen = names(admin.get(BASE, headers=demo_headers))
    assert sorted(seen) == ['a-pub', 'd-comm', 'd-priv', 'd-shared']


@pytest.mark.parametrize('visibility,expected', [
    ('public', ['a-pub']),
    ('private', ['d-priv']),
    ('shared', ['d-shared']),
    ('community', ['a-comm', 'd-comm']),
    ('all', ['a-comm', 'a-pub', 'd-comm', 'd-priv', 'd-shared']),
])
def test_visibility_filter(admin, zoo, demo_headers, visibility, expected):
    resp = admin.get(BASE + '?visibility=' + visibility,
                     headers=demo_headers)
    assert sorted(names(resp)) == expected


def test_admin_filters_visibility_over_all_projects(admin, zoo):
    assert sorted(names(admin.get(BASE + '?visibility=private'))) == [
        'a-priv', 'd-priv']


def test_accepted_shared_images_are_listed(admin, zoo, demo, demo_headers):
    image_id = zoo['a-shared']['id']
    members = '%s/%s/members' % (BASE, image_id)
    assert admin.post(members, {'member': demo['project_id']}).status_int \
        == 200
    assert 'a-shared' not in names(admin.get(BASE, headers=demo_headers))
    pending = admin.get(BASE + '?member_status=pending', headers=demo_headers)
    assert 'a-shared' in names(pending)
    resp = admin.put('%s/%s' % (members, demo['project_id']),
                     {'status': 'accepted'}, headers=demo_headers)
    assert resp.status_int == 200
    assert 'a-shared' in names(admin.get(BASE, headers=demo_headers))
    assert 'a-shared' in names(admin.get(BASE + '?visibility=shared',
                                         headers=demo_headers))


def test_id_in_and_name_filters(admin, zoo):
    ids = [zoo['a-pub']['id'], zoo['d-priv']['id']]
    resp = admin.get(BASE + '?id=in:' + ','.join(ids))
    assert sorted(names(resp)) == ['a-pub', 'd-priv']
    assert names(admin.get(BASE + '?name=a-priv')) == ['a-priv']
    assert names(admin.get(BASE + '?name=a-pri')) == []
    resp = admin.get(BASE + '?name=in:a-pub,"a-comm"')
    assert sorted(names(resp)) == ['a-comm', 'a-pub']
    resp = admin.get(BASE + '?name=in:a-pub,"d-comm"&visibility=all')
    assert sorted(names(resp)) == ['a-pub', 'd-comm']


def test_status_and_format_filters(admin, images):
    images.active(admin, name='up', disk_format='raw')
    images.create(admin, name='queued')
    assert names(admin.get(BASE + '?status=active')) == ['up']
    assert names(admin.get(BASE + '?status=queued')) == ['queued']
    assert names(admin.get(BASE + '?disk_format=raw')) == ['up']
    # glance checks no status value: an unknown one matches nothing.
    assert names(admin.get(BASE + '?status=bogus')) == []
    assert names(admin.get(BASE + '?size_min=1')) == ['up']
    assert names(admin.get(BASE + '?size_max=0')) == []


def test_property_and_tag_filters(admin, images):
    images.create(admin, name='k1', os_distro='kern', tags=['x', 'y'])
    images.create(admin, name='k2', os_distro='other', tags=['x'])
    assert names(admin.get(BASE + '?os_distro=kern')) == ['k1']
    # Properties match exactly: glance's operators are for columns.
    assert names(admin.get(BASE + '?os_distro=in:kern,other')) == []
    assert sorted(names(admin.get(BASE + '?tag=x'))) == ['k1', 'k2']
    assert names(admin.get(BASE + '?tag=x&tag=y')) == ['k1']
    assert names(admin.get(BASE + '?owner_specified.openstack.md5=')) == []


def test_hidden_images_only_when_asked(admin, images):
    images.create(admin, name='shown')
    images.create(admin, name='hidden', os_hidden=True)
    assert names(admin.get(BASE)) == ['shown']
    assert names(admin.get(BASE + '?os_hidden=true')) == ['hidden']
    assert names(admin.get(BASE + '?os_hidden=false')) == ['shown']
    assert admin.get(BASE + '?os_hidden=maybe').status_int == 400


def test_created_at_operators(admin, images):
    images.create(admin, name='old')
    assert names(admin.get(BASE + '?created_at=gte:2000-01-01T00:00:00Z')) \
        == ['old']
    assert names(admin.get(BASE + '?created_at=lt:2000-01-01T00:00:00Z')) \
        == []
    assert admin.get(BASE + '?created_at=gt:yesterday').status_int == 400


def test_sorting(admin, images):
    for name, size in (('b', 5), ('a', 9), ('c', 1)):
        images.active(admin, name=name, data=b'x' * size)
    assert names(admin.get(BASE + '?sort_key=name&sort_dir=asc')) == [
        'a', 'b', 'c']
    assert names(admin.get(BASE + '?sort=size:asc')) == ['c', 'b', 'a']
    assert names(admin.get(BASE + '?sort=name')) == ['c', 'b', 'a']
    assert names(admin.get(BASE + '?sort_key=size&sort_key=name'
                                  '&sort_dir=desc')) == ['a', 'b', 'c']
    for bad in ('sort_key=nope', 'sort_dir=up', 'sort=name&sort_key=id',
                'sort_key=name&sort_key=id&sort_dir=asc&sort_dir=desc'
                '&sort_dir=asc'):
        assert admin.get(BASE + '?' + bad).status_int == 400, bad


def _follow(admin, url):
    seen, pages = [], 0
    while url:
        body = admin.get('/image' + url).json
        seen += [i['name'] for i in body['images']]
        url, pages = body.get('next'), pages + 1
    return seen, pages


def test_paging_follows_next_links_with_the_filters(admin, images):
    for i in range(7):
        images.create(admin, name='img%d' % i, tags=['t'])
    images.create(admin, name='untagged')
    seen, pages = _follow(admin, '/v2/images?tag=t&sort=name:asc&limit=3')
    assert seen == ['img%d' % i for i in range(7)] and pages == 3
    body = admin.get(BASE + '?tag=t&sort=name:asc&limit=3').json
    query = urllib.parse.parse_qs(urllib.parse.urlparse(body['next']).query)
    assert query['marker'] == [body['images'][-1]['id']]
    assert query['limit'] == ['3'] and query['tag'] == ['t']


def test_a_full_page_has_a_next_link(admin, images):
    # glance links a next page whenever the page is full.
    for i in range(2):
        images.create(admin, name='img%d' % i)
    body = admin.get(BASE + '?limit=2').json
    assert body['next'] == '/v2/images?limit=2&marker=%s' % (
        body['images'][-1]['id'])
    last = admin.get('/image' + body['next']).json
    assert last['images'] == [] and 'next' not in last
    assert last['first'] == '/v2/images?limit=2'


def test_paging_over_equal_and_null_sort_values(admin, images):
    for i in range(5):
        images.create(admin, name=None if i % 2 else 'same')
    for sort in ('name:asc', 'name:desc', 'size:asc'):
        seen, _ = _follow(admin, '/v2/images?limit=2&sort=' + sort)
        assert len(seen) == 5, sort


def test_default_and_max_limits(admin, images):
    CONF.set_override('limit_param_default', 2, 'image')
    CONF.set_override('api_limit_max', 3, 'image')
    try:
        for i in range(4):
            images.create(admin, name='img%d' % i)
        assert len(names(admin.get(BASE))) == 2
        assert len(names(admin.get(BASE + '?limit=100'))) == 3
    finally:
        CONF.clear_override('limit_param_default', 'image')
        CONF.clear_override('api_limit_max', 'image')


def test_bad_limit_and_marker(admin, images, demo_headers):
    assert admin.get(BASE + '?limit=-1').status_int == 400
    assert admin.get(BASE + '?limit=x').status_int == 400
    assert admin.get(BASE + '?marker=nope').status_int == 400
    private = images.create(admin, visibility='private')
    resp = admin.get(BASE + '?marker=' + private['id'], headers=demo_headers)
    assert resp.status_int == 403


def test_deleted_images_are_not_listed(admin, images):
    image = images.create(admin, name='gone')
    admin.delete('%s/%s' % (BASE, image['id']))
    assert names(admin.get(BASE)) == []
