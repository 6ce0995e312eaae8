"""List filters as cinder reads them: its default resource_filters.json
(3.31), the silent drop before, unknown columns matching nothing, paging
and count, per list (volumes, snapshots, attachments, messages, pools)."""
import pytest

from support import schemas

SERVER = '11111111-2222-3333-4444-555555555555'


def _names(resp):
    assert resp.status_int == 200, resp.text
    key = 'volumes' if 'volumes' in resp.json else 'snapshots'
    return sorted(v['name'] for v in resp.json[key])


def _bad(resp, message):
    assert schemas.check_fault(resp, 400, 'badRequest') == message


@pytest.fixture
def three(vcloud, demo):
    for i, size in enumerate((1, 2, 2)):
        vcloud.create_volume(user=demo, name='v%d' % i, size=size,
                             metadata={'i': str(i)})
    return demo


def test_member_volume_filters_from_331(vcloud, three):
    demo = three
    get = lambda q, v='3.71': vcloud.get('/volumes/detail?' + q, user=demo,
                                         version=v)
    assert _names(get('size=2')) == ['v1', 'v2']
    assert _names(get('name=v0')) == ['v0']
    assert _names(get("metadata={'i': '1'}")) == ['v1']
    assert _names(get('status=available&bootable=false')) == ['v0', 'v1',
                                                              'v2']
    assert _names(get('migration_status=None')) == ['v0', 'v1', 'v2']
    # Not in resource_filters.json: 400 from 3.31, naming them in order.
    _bad(get('display_name=v0&user_id=x'),
         'Invalid filters display_name,user_id are found in query options.')
    _bad(get('name~=v'), 'Invalid filters name~ are found in query options.')
    # all_tenants passes silently (the clients always send it).
    assert _names(get('all_tenants=1')) == ['v0', 'v1', 'v2']
    # Before 3.31 the same keys are dropped, not refused.
    assert _names(get('display_name=v0', '3.30')) == ['v0', 'v1', 'v2']
    # with_count is an ordinary (unknown) filter before 3.45.
    _bad(get('with_count=true', '3.44'),
         'Invalid filters with_count are found in query options.')
    _bad(get('with_count=maybe'),
         "Value 'maybe' for 'with_count' is not a boolean.")
    _bad(get('bootable=maybe'), "Invalid input received: 'bootable = maybe'")
    # Non-ASCII keys are refused whoever asks.
    _bad(vcloud.get('/volumes?n%C3%A4me=x'),
         'Filter keys can only contain ASCII characters.')


def test_admin_volume_filters(vcloud, three):
    vcloud.create_volume(name='mine')
    get = lambda q, v='3.71': vcloud.get('/volumes/detail?' + q, version=v)
    # Any column; a key that names none matches nothing.
    assert _names(get('all_tenants=1&display_name=v2')) == ['v2']
    assert _names(get('all_tenants=1&project_id=%s'
                      % three['project_id'])) == ['v0', 'v1', 'v2']
    assert _names(get('all_tenants=1&name~=v')) == ['v0', 'v1', 'v2']
    assert _names(get('bogus=1')) == []
    assert _names(get('all_tenants=1&bogus=1')) == []
    counted = get('all_tenants=1&size=2&with_count=true').json
    assert counted['count'] == 2
    assert get('bogus=1&with_count=true').json['count'] == 0
    # Without all_tenants cinder puts the caller's project over it.
    assert _names(get('project_id=%s' % three['project_id'])) == ['mine']


def test_volume_time_filters(vcloud, three):
    get = lambda q, v='3.71': vcloud.get('/volumes/detail?' + q,
                                         user=three, version=v)
    assert _names(get('created_at=gt:2000-01-01T00:00:00')) == [
        'v0', 'v1', 'v2']
    assert _names(get('created_at=lt:2000-01-01T00:00:00')) == []
    _bad(get('created_at=2000-01-01T00:00:00'),
         'Invalid 2000-01-01T00 operator')
    _bad(get('created_at=gt:yesterday'), 'Invalid yesterday value')
    # cinder drops it before 3.60 only on the pre-3.31 path.
    assert _names(get('created_at=lt:2000-01-01T00:00:00', '3.30')) == [
        'v0', 'v1', 'v2']
    assert _names(get('created_at=lt:2000-01-01T00:00:00', '3.59')) == []


def test_volume_paging_messages(vcloud, three):
    _bad(vcloud.get('/volumes?limit=x'), 'limit param must be an integer')
    _bad(vcloud.get('/volumes?limit=-1'), 'limit param must be positive')
    _bad(vcloud.get('/volumes?offset=x'), 'offset must be an integer')
    _bad(vcloud.get('/volumes?offset=-1'), 'offset must be >= 0')
    page = vcloud.get('/volumes?all_tenants=1&limit=2&sort=name:asc').json
    assert [v['name'] for v in page['volumes']] == ['v0', 'v1']
    assert 'volumes_links' in page
    rest = vcloud.get('/volumes?all_tenants=1&offset=2&sort=name:asc').json
    assert [v['name'] for v in rest['volumes']] == ['v2']


def test_snapshot_filters(vcloud, demo):
    volume = vcloud.create_volume(user=demo, availability_zone='nova')
    for name in ('s0', 's1'):
        resp = vcloud.post('/snapshots', {'snapshot': {
            'volume_id': volume['id'], 'name': name,
            'metadata': {'n': name}}}, user=demo)
        assert resp.status_int == 202
    get = lambda q, v='3.71': vcloud.get('/snapshots/detail?' + q,
                                         user=demo, version=v)
    assert _names(get('name=s1')) == ['s1']
    assert _names(get('volume_id=%s' % volume['id'])) == ['s0', 's1']
    assert _names(get("metadata={'n': 's0'}")) == ['s0']
    assert _names(get('availability_zone=nova')) == ['s0', 's1']
    assert _names(get('availability_zone=elsewhere')) == []
    assert _names(get('consumes_quota=true')) == ['s0', 's1']
    _bad(get('progress=100%25'),
         'Invalid filters progress are found in query options.')
    # Before 3.22 the metadata filter is dropped; before 3.31 unknown keys.
    assert _names(get("metadata={'n': 's0'}", '3.21')) == ['s0', 's1']
    assert _names(get('progress=x', '3.30')) == ['s0', 's1']
    # An admin: any column, unknown ones match nothing.
    assert _names(vcloud.get('/snapshots?all_tenants=1&display_name=s0'
                             )) == ['s0']
    assert _names(vcloud.get('/snapshots?all_tenants=1&bogus=1')) == []
    assert vcloud.get('/snapshots?with_count=true&all_tenants=1').json[
        'count'] == 2
    assert _names(vcloud.get('/snapshots?all_tenants=1&project_id=%s'
                             % demo['project_id'])) == ['s0', 's1']
    # Without all_tenants the admin's own project wins: none here.
    assert _names(vcloud.get('/snapshots?project_id=%s'
                             % demo['project_id'])) == []


def test_attachment_filters(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    resp = vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'], 'instance_uuid': SERVER}}, user=demo)
    assert resp.status_int == 200
    get = lambda q, v='3.71', u=demo: vcloud.get('/attachments?' + q,
                                                 user=u, version=v)
    assert len(get('instance_id=%s' % SERVER).json['attachments']) == 1
    assert len(get('attach_status=reserved').json['attachments']) == 1
    assert get('attach_status=attached').json['attachments'] == []
    # 'status' is allowed but names no attachment column: nothing.
    assert get('status=reserved').json['attachments'] == []
    _bad(get('mountpoint=x'),
         'Invalid filters mountpoint are found in query options.')
    _bad(get('with_count=true'),
         'Invalid filters with_count are found in query options.')
    assert len(get('mountpoint=x', '3.30').json['attachments']) == 1
    # An admin's all_tenants counts by its presence, whatever its value.
    assert len(get('all_tenants=0', u=None).json['attachments']) == 1
    assert get('', u=None).json['attachments'] == []


def test_message_filters(vcloud, demo):
    vcloud.create_type('nowhere', volume_backend_name='nope')
    volume = vcloud.create_volume(volume_type='nowhere', user=demo)
    get = lambda q, v='3.71': vcloud.get('/messages?' + q, user=demo,
                                         version=v)
    assert len(get('resource_uuid=%s' % volume['id']).json['messages']) == 1
    assert get('resource_uuid=%s' % SERVER).json['messages'] == []
    _bad(get('user_message=x'),
         'Invalid filters user_message are found in query options.')
    # 3.3 and 3.4 read no query at all.
    assert len(get('resource_uuid=%s&limit=0' % SERVER,
                   '3.4').json['messages']) == 1
    assert vcloud.get('/messages?bogus=1').json['messages'] == []
    page = get('limit=1').json
    assert len(page['messages']) == 1 and 'messages_links' in page


def test_pool_filters(vcloud):
    get = lambda q, v: vcloud.get('/scheduler-stats/get_pools?' + q,
                                  version=v)
    name = 'host1@lvmdriver-1#lvmdriver-1'
    assert get('name=%s' % name, '3.28').json == {'pools': [{'name': name}]}
    # An exact name, not a part of it.
    assert get('name=lvmdriver-1', '3.28').json == {'pools': []}
    # Before 3.28 no filter applies.
    assert len(get('name=%s' % name, '3.27').json['pools']) == 2
    # From 3.31 even an admin names only name and volume_type.
    _bad(get('volume_backend_name=lvmdriver-1', '3.31'),
         'Invalid filters volume_backend_name are found in query options.')
    assert len(get('detail=true&name=%s' % name, '3.31').json['pools']) == 1


def test_next_links_as_cinder_builds_them(vcloud, three):
    get = lambda q: vcloud.get('/volumes?' + q, user=three).json
    page = get('sort=name:asc&limit=2')
    assert [v['name'] for v in page['volumes']] == ['v0', 'v1']
    [link] = page['volumes_links']
    last = page['volumes'][-1]['id']
    assert link['rel'] == 'next'
    assert link['href'].endswith(
        '/volume/v3/volumes?sort=name%%3Aasc&limit=2&marker=%s' % last)
    # A short page has no link; with a count, the total decides.
    assert 'volumes_links' not in get('limit=2&marker=%s' % last)
    counted = get('limit=2&marker=%s&with_count=true' % last)
    assert counted['count'] == 3 and len(counted['volumes']) == 1
    assert counted['volumes_links'][0]['href'].endswith(
        'limit=2&with_count=true&marker=%s' % counted['volumes'][0]['id'])
    assert 'volumes_links' not in get('')
    detail = vcloud.get('/snapshots/detail?limit=0', user=three).json
    assert detail == {'snapshots': []}


def test_summary_scope(vcloud, three):
    vcloud.create_volume(size=3)
    schema = schemas.volume('volumes').show_volume_summary
    mine = schemas.check(schema, vcloud.get('/volumes/summary', user=three))
    assert mine['volume-summary']['total_count'] == 3
    everyone = schemas.check(schema, vcloud.get(
        '/volumes/summary?all_tenants=1'))['volume-summary']
    assert (everyone['total_count'], everyone['total_size']) == (4, 8)
    # A member's all_tenants is read but grants nothing.
    assert vcloud.get('/volumes/summary?all_tenants=1', user=three).json[
        'volume-summary']['total_count'] == 3
    _bad(vcloud.get('/volumes/summary?all_tenants=maybe'),
         "Value 'maybe' for 'all_tenants' is not a boolean.")
    assert schemas.check_fault(vcloud.get('/volumes/summary',
                                          version='3.11'), 404,
                               'itemNotFound') == \
        'The resource could not be found.'


def test_sort_keys_are_columns(vcloud, three):
    get = lambda path, q, v='3.71': vcloud.get(path + '?' + q, user=three,
                                               version=v)
    assert [v['name'] for v in get('/volumes/detail', 'sort=size:asc,'
                                   'display_name:desc').json['volumes']] == [
        'v0', 'v2', 'v1']
    _bad(get('/volumes', 'sort=bogus'), 'Invalid input received: Invalid '
         'sort key')
    _bad(get('/volumes', 'sort=name:up'), "Invalid input received: Unknown "
         "sort direction, must be 'desc' or 'asc'.")
    _bad(get('/volumes', 'sort=name&sort_key=size'),
         "The 'sort_key' and 'sort_dir' parameters are deprecated and "
         "cannot be used with the 'sort' parameter.")
    assert get('/snapshots', 'sort=name', '3.30').status_int == 200
    _bad(get('/snapshots', 'sort=name', '3.29'),
         'Invalid input received: Invalid sort key')
    assert get('/snapshots', 'sort=display_name', '3.29').status_int == 200


def test_admin_host_and_glance_metadata_filters(vcloud,
                                                fake_image_downloads):
    import uuid
    from stratus.db.api import images
    image = images.create({'id': str(uuid.uuid4()), 'name': 'cirros',
                           'status': 'active', 'visibility': 'public',
                           'owner': 'x', 'disk_format': 'qcow2',
                           'container_format': 'bare', 'size': 4,
                           'min_disk': 0})
    booted = vcloud.create_volume(name='booted', imageRef=image['id'])
    vcloud.create_volume(name='plain')
    host = booted['os-vol-host-attr:host']
    get = lambda q: _names(vcloud.get('/volumes/detail?' + q))
    assert 'booted' in get('host=%s' % host)
    assert 'booted' in get('host=%s' % host.split('#')[0])
    assert get('host=host1') == ['booted', 'plain']
    assert get('host=host1@nowhere') == []
    assert get("glance_metadata={'image_name': 'cirros'}") == ['booted']
    assert get("glance_metadata={'image_name': 'other'}") == []
    # Before 3.4 cinder drops it.
    assert len(vcloud.get("/volumes?glance_metadata={'a': 'b'}",
                          version='3.3').json['volumes']) == 2
