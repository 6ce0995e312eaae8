"""Volume transfers as clients see them, on both routes
(/volume-transfers and /os-volume-transfer): create (auth key shown once,
only a salted hash kept), list/detail with cinder's filters and paging,
show, accept moving the volume, its snapshots and the quota usage to the
receiving project, delete, and the refusals with cinder's codes and
messages. Every success answer is checked with tempest's schema for its
microversion."""
import pytest

from support import identity
from support import schemas

from stratus.db.api import transfers as db_transfers
from stratus.db import models
from stratus.db import session

NEW = '/volume-transfers'
OLD = '/os-volume-transfer'
IDENTITY = '/identity/v3'


def _schema(version):
    return schemas.volume('transfers', version)


def _create(vcloud, volume_id, version='3.71', user=None, route=NEW,
            **extra):
    body = {'transfer': dict({'volume_id': volume_id}, **extra)}
    resp = vcloud.post(route, body, version=version, user=user)
    return schemas.check(_schema(version).create_volume_transfer,
                         resp)['transfer']


def _accept(vcloud, transfer, user=None, version='3.71', route=NEW):
    resp = vcloud.post('%s/%s/accept' % (route, transfer['id']),
                       {'accept': {'auth_key': transfer['auth_key']}},
                       version=version, user=user)
    return resp


def _snapshot(vcloud, volume_id, user=None):
    resp = vcloud.post('/snapshots', {'snapshot': {'volume_id': volume_id}},
                       user=user)
    assert resp.status_int == 202, resp.text
    return resp.json['snapshot']['id']


def _usage(vcloud, project, user=None):
    return vcloud.get('/os-quota-sets/%s?usage=True' % project,
                      user=user).json['quota_set']


# --- create ------------------------------------------------------------------

@pytest.mark.parametrize('version,extra', [
    ('3.0', set()), ('3.54', set()), ('3.55', {'no_snapshots'}),
    ('3.56', {'no_snapshots'}),
    ('3.57', {'no_snapshots', 'source_project_id', 'destination_project_id',
              'accepted'}),
    ('3.71', {'no_snapshots', 'source_project_id', 'destination_project_id',
              'accepted'})])
@pytest.mark.parametrize('route', [NEW, OLD])
def test_create_answer_per_version(vcloud, version, extra, route):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'], version, route=route,
                      name='  first  ')
    assert set(created) == {'id', 'created_at', 'name', 'volume_id',
                            'auth_key', 'links'} | extra
    assert created['name'] == 'first'
    assert len(created['auth_key']) == 16
    assert all(c in '0123456789abcdef' for c in created['auth_key'])
    # Links name os-volume-transfer whichever route answered.
    assert created['links'][0]['href'].endswith(
        '/volume/v3/os-volume-transfer/%s' % created['id'])
    assert created['links'][1]['href'].endswith(
        '/volume/os-volume-transfer/%s' % created['id'])
    if 'accepted' in extra:
        assert created['source_project_id'] == \
            volume['os-vol-tenant-attr:tenant_id']
        assert (created['destination_project_id'],
                created['accepted']) == (None, False)
    if 'no_snapshots' in extra:
        assert created['no_snapshots'] is False
    assert vcloud.show(volume['id'])['status'] == 'awaiting-transfer'


def test_auth_key_is_shown_once_and_only_its_hash_is_kept(vcloud):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'])
    shown = vcloud.get('%s/%s' % (NEW, created['id'])).json['transfer']
    assert 'auth_key' not in shown
    detail = vcloud.get(NEW + '/detail').json['transfers']
    assert all('auth_key' not in t for t in detail)
    with session.reader() as s:
        row = s.get(models.Transfer, created['id'])
        stored = row.to_dict()
    assert created['auth_key'] not in [str(v) for v in stored.values()]
    assert len(stored['salt']) == 8 and len(stored['crypt_hash']) == 40
    assert 'salt' not in shown and 'crypt_hash' not in shown


def test_no_snapshots_from_355_only_on_volume_transfers(vcloud):
    volume = vcloud.create_volume()
    for version, route in (('3.54', NEW), ('3.71', OLD)):
        resp = vcloud.post(route, {'transfer': {
            'volume_id': volume['id'], 'no_snapshots': True}},
            version=version)
        message = schemas.check_fault(resp, 400, 'badRequest')
        assert "'no_snapshots' was unexpected" in message
    created = _create(vcloud, volume['id'], '3.55', no_snapshots='true')
    assert created['no_snapshots'] is True
    resp = vcloud.post(NEW, {'transfer': {
        'volume_id': volume['id'], 'no_snapshots': 'maybe'}})
    schemas.check_fault(resp, 400, 'badRequest')


@pytest.mark.parametrize('body,field', [
    ({'transfer': {'volume_id': 'not-a-uuid'}}, 'volume_id'),
    ({'transfer': {}}, 'volume_id'),
    ({'transfer': {'volume_id': 42}}, 'volume_id'),
    ({}, 'transfer'),
    ({'transfer': {'volume_id': '%s', 'name': '   '}}, 'name'),
    ({'transfer': {'volume_id': '%s', 'name': 'x' * 256}}, 'name'),
    ({'transfer': {'volume_id': '%s', 'name': 5}}, 'name'),
    ({'transfer': {'volume_id': '%s', 'bogus': 1}}, 'bogus'),
])
def test_create_refuses_bad_bodies(vcloud, body, field):
    volume = vcloud.create_volume()
    if '%s' in str(body):
        body['transfer']['volume_id'] = volume['id']
    resp = vcloud.post(NEW, body)
    assert field in schemas.check_fault(resp, 400, 'badRequest')
    assert vcloud.show(volume['id'])['status'] == 'available'


def test_create_of_unknown_or_foreign_volume_is_404(vcloud, demo):
    missing = '0' * 8 + '-0000-0000-0000-' + '0' * 12
    resp = vcloud.post(NEW, {'transfer': {'volume_id': missing}})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Volume %s could not be found.' % missing
    volume = vcloud.create_volume()
    resp = vcloud.post(NEW, {'transfer': {'volume_id': volume['id']}},
                       user=demo)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Volume %s could not be found.' % volume['id']


def test_only_an_available_volume_is_transferred(vcloud):
    volume = vcloud.create_volume()
    _create(vcloud, volume['id'])
    # Already awaiting a transfer: cinder's "status must be available".
    for route in (NEW, OLD):
        resp = vcloud.post(route, {'transfer': {'volume_id': volume['id']}})
        assert schemas.check_fault(resp, 400, 'badRequest') == \
            'Invalid volume: status must be available'
    other = vcloud.create_volume()
    vcloud.action(other['id'], {'os-reset_status': {'status': 'error'}})
    resp = vcloud.post(NEW, {'transfer': {'volume_id': other['id']}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Invalid volume: status must be available'


def test_snapshots_must_be_available_unless_no_snapshots(vcloud):
    volume = vcloud.create_volume()
    snapshot_id = _snapshot(vcloud, volume['id'])
    vcloud.post('/snapshots/%s/action' % snapshot_id,
                {'os-reset_status': {'status': 'error'}})
    resp = vcloud.post(NEW, {'transfer': {'volume_id': volume['id']}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid snapshot: snapshot: %s status must be available'
        % snapshot_id)
    assert vcloud.show(volume['id'])['status'] == 'available'
    created = _create(vcloud, volume['id'], no_snapshots=True)
    assert created['no_snapshots'] is True


def test_encrypted_volumes_from_370_only(vcloud):
    volume = vcloud.create_volume()
    with session.writer() as s:
        s.get(models.Volume, volume['id']).encryption_key_id = \
            '1' * 8 + '-1111-1111-1111-' + '1' * 12
    for version, route in (('3.69', NEW), ('3.71', OLD)):
        resp = vcloud.post(route, {'transfer': {'volume_id': volume['id']}},
                           version=version)
        assert schemas.check_fault(resp, 400, 'badRequest') == (
            'Invalid volume: transferring encrypted volume is not '
            'supported')
    resp = vcloud.post(NEW, {'transfer': {'volume_id': volume['id'],
                                          'no_snapshots': True}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: transferring an encrypted volume without its '
        'snapshots is not supported')
    _create(vcloud, volume['id'], '3.70')


# --- show and list -----------------------------------------------------------

@pytest.mark.parametrize('version', ['3.0', '3.55', '3.57', '3.59', '3.71'])
@pytest.mark.parametrize('route', [NEW, OLD])
def test_show_and_lists_match_tempest(vcloud, version, route):
    schema = _schema(version)
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'], name='t')
    shown = schemas.check(schema.show_volume_transfer, vcloud.get(
        '%s/%s' % (route, created['id']), version=version))['transfer']
    assert shown['name'] == 't' and shown['volume_id'] == volume['id']
    summary = schemas.check(schema.list_volume_transfers_no_detail,
                            vcloud.get(route, version=version))
    assert [t['id'] for t in summary['transfers']] == [created['id']]
    detail = schemas.check(schema.list_volume_transfers_with_detail,
                           vcloud.get(route + '/detail', version=version))
    assert detail['transfers'][0] == shown


def test_show_of_unknown_or_foreign_transfer_is_404(vcloud, demo):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'])
    for transfer_id in ('nope', created['id']):
        resp = vcloud.get('%s/%s' % (NEW, transfer_id), user=demo)
        assert schemas.check_fault(resp, 404, 'itemNotFound') == \
            'Transfer %s could not be found.' % transfer_id
    assert vcloud.get(NEW, user=demo).json == {'transfers': []}


def test_list_scoping_and_all_tenants(vcloud, demo):
    mine = _create(vcloud, vcloud.create_volume(user=demo)['id'], user=demo)
    theirs = _create(vcloud, vcloud.create_volume()['id'])
    ids = lambda resp: [t['id'] for t in resp.json['transfers']]  # noqa
    assert ids(vcloud.get(NEW, user=demo)) == [mine['id']]
    assert ids(vcloud.get(NEW + '?all_tenants=1', user=demo)) == \
        [mine['id']]
    assert ids(vcloud.get(NEW)) == [theirs['id']]
    assert set(ids(vcloud.get(NEW + '/detail?all_tenants=true'))) == {
        mine['id'], theirs['id']}
    assert ids(vcloud.get(OLD + '?all_tenants=True')) == [
        mine['id'], theirs['id']]   # created_at, id ascending
    # project_id narrows an admin's all_tenants list to that project's
    # volumes; otherwise the caller's own project wins.
    assert ids(vcloud.get(NEW + '?all_tenants=1&project_id=%s'
                          % demo['project_id'])) == [mine['id']]
    assert ids(vcloud.get(NEW + '?project_id=%s' % demo['project_id'])) \
        == [theirs['id']]
    assert ids(vcloud.get(NEW + '?project_id=x', user=demo)) == [mine['id']]


def test_filters_as_cinder_reads_them(vcloud):
    first = _create(vcloud, vcloud.create_volume()['id'], name='a')
    second = _create(vcloud, vcloud.create_volume()['id'], name='b')
    ids = lambda path: [t['id'] for t in vcloud.get(  # noqa
        path).json['transfers']]
    assert ids(NEW + '?name=b') == [second['id']]
    assert ids(NEW + '/detail?volume_id=%s' % first['volume_id']) == \
        [first['id']]
    assert ids(OLD + '?id=%s' % second['id']) == [second['id']]
    # A key that is no column of the transfer matches nothing.
    assert ids(NEW + '?status=available') == []
    # Below 3.59 (and always on os-volume-transfer) the paging keys are
    # filters too, so they match nothing.
    assert len(ids(NEW + '?limit=1')) == 1
    assert vcloud.get(NEW + '?limit=1', version='3.58').json == {
        'transfers': []}
    assert ids(OLD + '?limit=1') == []


def test_paging_and_sorting_from_359(vcloud):
    created = [_create(vcloud, vcloud.create_volume()['id'],
                       name='t%d' % i) for i in range(3)]
    ids = [t['id'] for t in created]
    schema = _schema('3.59')
    # A full page carries transfers_links, which tempest's schema (never
    # paging) does not describe: the key set is checked here instead.
    body = vcloud.get(NEW + '?limit=2', version='3.59').json
    assert set(body) == {'transfers', 'transfers_links'}
    # Newest first from 3.59.
    assert [t['id'] for t in body['transfers']] == ids[:0:-1]
    page2 = schemas.check(schema.list_volume_transfers_no_detail, vcloud.get(
        NEW + '?limit=2&marker=%s' % ids[1], version='3.59'))
    assert [t['id'] for t in page2['transfers']] == [ids[0]]
    assert [t['id'] for t in vcloud.get(
        NEW + '/detail?sort=display_name:asc',
        version='3.59').json['transfers']] == ids
    assert [t['id'] for t in vcloud.get(
        NEW + '?sort_key=display_name&sort_dir=asc&limit=1',
        version='3.59').json['transfers']] == ids[:1]
    # cinder skips `offset` rows in the database and then once more when
    # it slices the page (common.limited): offset=1 leaves one of three.
    assert [t['id'] for t in vcloud.get(
        NEW + '?offset=1', version='3.59').json['transfers']] == ids[:1]
    resp = vcloud.get(NEW + '?marker=%s' % ('f' * 32), version='3.59')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Transfer %s could not be found.' % ('f' * 32)
    for query, message in (
            ('limit=x', 'limit param must be an integer'),
            ('limit=-1', 'limit param must be positive'),
            ('offset=x', 'offset must be an integer'),
            ('sort=name', 'Invalid input received: Invalid sort key'),
            ('sort=id:up', "Invalid input received: Unknown sort "
                           "direction, must be 'desc' or 'asc'."),
            ('sort=id&sort_key=id', "The 'sort_key' and 'sort_dir' "
             "parameters are deprecated and cannot be used with the "
             "'sort' parameter.")):
        resp = vcloud.get(NEW + '?' + query, version='3.59')
        assert schemas.check_fault(resp, 400, 'badRequest') == message, \
            query


def test_next_link_when_the_page_is_full(vcloud):
    created = [_create(vcloud, vcloud.create_volume()['id'])
               for _ in range(2)]
    body = vcloud.get(NEW + '?limit=2', version='3.59').json
    href = body['transfers_links'][0]['href']
    assert '/volume/v3/os-volume-transfer?' in href
    assert 'marker=%s' % created[0]['id'] in href and 'limit=2' in href
    assert 'transfers_links' not in vcloud.get(
        NEW + '?limit=3', version='3.59').json


# --- accept ------------------------------------------------------------------

@pytest.mark.parametrize('route', [NEW, OLD])
def test_accept_moves_volume_snapshots_and_quota(vcloud, demo, route):
    volume = vcloud.create_volume(size=2)
    giver = volume['os-vol-tenant-attr:tenant_id']
    snapshot_id = _snapshot(vcloud, volume['id'])
    before = _usage(vcloud, giver)
    assert (before['volumes']['in_use'], before['gigabytes']['in_use'],
            before['snapshots']['in_use']) == (1, 4, 1)
    created = _create(vcloud, volume['id'], name='gift')
    resp = _accept(vcloud, created, user=demo, route=route)
    body = schemas.check(_schema('3.71').accept_volume_transfer,
                         resp)['transfer']
    assert body['id'] == created['id'] and body['name'] == 'gift'
    assert body['volume_id'] == volume['id']
    shown = vcloud.show(volume['id'], user=demo)
    assert shown['status'] == 'available'
    assert shown['user_id'] == demo['user_id']
    assert shown['os-vol-tenant-attr:tenant_id'] == demo['project_id']
    snap = vcloud.get('/snapshots/%s' % snapshot_id, user=demo).json[
        'snapshot']
    assert snap['os-extended-snapshot-attributes:project_id'] == \
        demo['project_id']
    theirs = _usage(vcloud, demo['project_id'], user=demo)
    assert (theirs['volumes']['in_use'], theirs['gigabytes']['in_use'],
            theirs['snapshots']['in_use'],
            theirs['volumes___DEFAULT__']['in_use'],
            theirs['gigabytes___DEFAULT__']['in_use']) == (1, 4, 1, 1, 4)
    assert theirs['volumes']['reserved'] == 0
    mine = _usage(vcloud, giver)
    assert (mine['volumes']['in_use'], mine['gigabytes']['in_use'],
            mine['snapshots']['in_use']) == (0, 0, 0)
    # The transfer is gone: accepted (and soft-deleted) as in cinder.
    resp = vcloud.get('%s/%s' % (NEW, created['id']))
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert vcloud.get(NEW + '?all_tenants=1').json == {'transfers': []}
    with session.reader() as s:
        row = s.get(models.Transfer, created['id']).to_dict()
    assert (row['accepted'], row['deleted'], row['destination_project_id'],
            row['source_project_id']) == (True, True, demo['project_id'],
                                          giver)


def test_accept_without_snapshots_leaves_them(vcloud, demo):
    volume = vcloud.create_volume()
    snapshot_id = _snapshot(vcloud, volume['id'])
    created = _create(vcloud, volume['id'], no_snapshots=True)
    assert _accept(vcloud, created, user=demo).status_int == 202
    assert vcloud.get('/snapshots/%s' % snapshot_id,
                      user=demo).status_int == 404
    assert _usage(vcloud, demo['project_id'], user=demo)['snapshots'][
        'in_use'] == 0
    assert _usage(vcloud, _admin_project_of(vcloud, snapshot_id))[
        'snapshots']['in_use'] == 1


def _admin_project_of(vcloud, snapshot_id):
    return vcloud.get('/snapshots/%s' % snapshot_id).json['snapshot'][
        'os-extended-snapshot-attributes:project_id']


def test_wrong_key_is_400_and_changes_nothing(vcloud, demo):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'])
    for key in ('0' * 16, 12345):
        resp = vcloud.post('%s/%s/accept' % (NEW, created['id']),
                           {'accept': {'auth_key': key}}, user=demo)
        assert schemas.check_fault(resp, 400, 'badRequest') == (
            'Invalid auth key: Attempt to transfer %s with invalid auth '
            'key.' % created['id'])
    assert vcloud.show(volume['id'])['status'] == 'awaiting-transfer'
    for body in ({'accept': {}}, {'accept': {'auth_key': None}}, {},
                 {'accept': {'auth_key': 'k', 'x': 1}}):
        resp = vcloud.post('%s/%s/accept' % (NEW, created['id']), body,
                           user=demo)
        schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.post('%s/%s/accept' % (NEW, 'f' * 32),
                       {'accept': {'auth_key': 'k'}}, user=demo)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Transfer %s could not be found.' % ('f' * 32)


def test_accept_over_quota_is_413(vcloud, demo):
    project = demo['project_id']
    volume = vcloud.create_volume(size=3)
    created = _create(vcloud, volume['id'])
    cases = [
        ({'gigabytes': 2}, 'Requested volume or snapshot exceeds allowed '
         'gigabytes quota. Requested 3G, quota is 2G and 0G has been '
         'consumed.'),
        ({'gigabytes': 1000, 'volumes': 0},
         "Maximum number of volumes allowed (0) exceeded for quota "
         "'volumes'."),
        ({'volumes': 10, 'per_volume_gigabytes': 2},
         'Requested volume size 3G is larger than maximum allowed limit '
         '2G.')]
    for limits, message in cases:
        vcloud.put('/os-quota-sets/%s' % project, {'quota_set': limits})
        resp = _accept(vcloud, created, user=demo)
        assert schemas.check_fault(resp, 413, 'overLimit') == message
        assert resp.headers['Retry-After'] == '0'
        assert vcloud.show(volume['id'])['status'] == 'awaiting-transfer'
        assert _usage(vcloud, project, user=demo)['volumes'][
            'reserved'] == 0
    vcloud.delete('/os-quota-sets/%s' % project)
    assert _accept(vcloud, created, user=demo).status_int == 202


def test_accept_snapshot_quota_is_413(vcloud, demo):
    project = demo['project_id']
    volume = vcloud.create_volume(size=1)
    _snapshot(vcloud, volume['id'])
    created = _create(vcloud, volume['id'])
    vcloud.put('/os-quota-sets/%s' % project,
               {'quota_set': {'snapshots': 0}})
    resp = _accept(vcloud, created, user=demo)
    assert schemas.check_fault(resp, 413, 'overLimit') == \
        'Maximum number of snapshots allowed (0) exceeded'
    vcloud.put('/os-quota-sets/%s' % project,
               {'quota_set': {'snapshots': 10, 'gigabytes': 1}})
    resp = _accept(vcloud, created, user=demo)
    assert schemas.check_fault(resp, 413, 'overLimit') == (
        'Requested volume or snapshot exceeds allowed gigabytes quota. '
        'Requested 1G, quota is 1G and 1G has been consumed.')
    assert _usage(vcloud, project, user=demo)['gigabytes']['reserved'] == 0
    assert vcloud.show(volume['id'])['status'] == 'awaiting-transfer'


def test_per_type_quota_moves_too(vcloud, demo):
    type_id = vcloud.create_type('gold')
    volume = vcloud.create_volume(size=2, volume_type=type_id)
    created = _create(vcloud, volume['id'])
    vcloud.put('/os-quota-sets/%s' % demo['project_id'],
               {'quota_set': {'gigabytes_gold': 1}})
    resp = _accept(vcloud, created, user=demo)
    assert schemas.check_fault(resp, 413, 'overLimit') == (
        'Requested volume or snapshot exceeds allowed gigabytes_gold quota. '
        'Requested 2G, quota is 1G and 0G has been consumed.')
    vcloud.put('/os-quota-sets/%s' % demo['project_id'],
               {'quota_set': {'gigabytes_gold': 2}})
    assert _accept(vcloud, created, user=demo).status_int == 202
    usage = _usage(vcloud, demo['project_id'], user=demo)
    assert (usage['volumes_gold']['in_use'],
            usage['gigabytes_gold']['in_use']) == (1, 2)


def test_accept_with_a_snapshot_not_available_rolls_back(vcloud, demo):
    volume = vcloud.create_volume()
    snapshot_id = _snapshot(vcloud, volume['id'])
    created = _create(vcloud, volume['id'])
    vcloud.post('/snapshots/%s/action' % snapshot_id,
                {'os-reset_status': {'status': 'error'}})
    resp = _accept(vcloud, created, user=demo)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid snapshot: Transfer %s: Snapshot %s is not in the expected '
        'available state.' % (created['id'], snapshot_id))
    shown = vcloud.show(volume['id'])
    assert shown['status'] == 'awaiting-transfer'
    assert shown['os-vol-tenant-attr:tenant_id'] != demo['project_id']
    assert _usage(vcloud, demo['project_id'], user=demo)['volumes'][
        'reserved'] == 0


def test_accept_of_a_volume_no_longer_awaiting_is_400(vcloud, demo):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'])
    vcloud.action(volume['id'], {'os-reset_status': {'status': 'error'}})
    resp = _accept(vcloud, created, user=demo)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Transfer %s: Volume id %s expected in '
        'awaiting-transfer state.' % (created['id'], volume['id']))


def test_transfer_back_and_forth(vcloud, demo):
    volume = vcloud.create_volume()
    giver = volume['os-vol-tenant-attr:tenant_id']
    there = _create(vcloud, volume['id'])
    assert _accept(vcloud, there, user=demo).status_int == 202
    back = _create(vcloud, volume['id'], user=demo)
    assert back['source_project_id'] == demo['project_id']
    assert _accept(vcloud, back).status_int == 202
    assert vcloud.show(volume['id'])['os-vol-tenant-attr:tenant_id'] == giver


# --- delete ------------------------------------------------------------------

@pytest.mark.parametrize('route', [NEW, OLD])
def test_delete_gives_the_volume_back(vcloud, route):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'])
    resp = vcloud.delete('%s/%s' % (route, created['id']))
    schemas.check(_schema('3.71').delete_volume_transfer, resp)
    assert vcloud.show(volume['id'])['status'] == 'available'
    resp = vcloud.delete('%s/%s' % (route, created['id']))
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Transfer %s could not be found.' % created['id']
    # The volume may be offered again.
    _create(vcloud, volume['id'])


def test_delete_leaves_a_volume_in_another_state(vcloud):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'])
    vcloud.action(volume['id'], {'os-reset_status': {'status': 'error'}})
    assert vcloud.delete('%s/%s' % (NEW, created['id'])).status_int == 202
    assert vcloud.show(volume['id'])['status'] == 'error'


def test_a_deleted_volume_takes_its_offer_along(vcloud):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'])
    # A plain delete refuses a volume awaiting a transfer ...
    resp = vcloud.delete('/volumes/%s' % volume['id'])
    schemas.check_fault(resp, 400, 'badRequest')
    # ... a forced one takes it, and its offer goes with it.
    assert vcloud.action(volume['id'], {'os-force_delete': {}}).status_int \
        == 202
    resp = vcloud.get('%s/%s' % (NEW, created['id']))
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert vcloud.get(NEW + '?all_tenants=1').json == {'transfers': []}


def test_member_may_not_delete_another_projects_transfer(vcloud, demo):
    volume = vcloud.create_volume()
    created = _create(vcloud, volume['id'])
    resp = vcloud.delete('%s/%s' % (NEW, created['id']), user=demo)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Transfer %s could not be found.' % created['id']
    assert vcloud.show(volume['id'])['status'] == 'awaiting-transfer'


# --- policy ------------------------------------------------------------------

def _reader_of(admin, demo):
    """A user with only the reader role on project demo."""
    user = admin.post(IDENTITY + '/users', {'user': {
        'name': 'watcher', 'password': 'watcher-pw',
        'default_project_id': demo['project_id']}}).json['user']
    role = admin.get(IDENTITY + '/roles?name=reader').json['roles'][0]
    assert admin.put(IDENTITY + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], user['id'], role['id'])).status_int == 204
    return {'token': identity.token_for(admin, 'watcher', 'watcher-pw',
                                        'demo')}


def test_reader_may_list_and_show_but_not_create_accept_delete(
        vcloud, demo, admin):
    reader = _reader_of(admin, demo)
    volume = vcloud.create_volume(user=demo)
    created = _create(vcloud, volume['id'], user=demo)
    assert vcloud.get(NEW, user=reader).status_int == 200
    assert vcloud.get('%s/%s' % (NEW, created['id']),
                      user=reader).status_int == 200
    for method, path, body in (
            ('POST', NEW, {'transfer': {'volume_id': volume['id']}}),
            ('POST', '%s/%s/accept' % (NEW, created['id']),
             {'accept': {'auth_key': created['auth_key']}}),
            ('DELETE', '%s/%s' % (NEW, created['id']), None)):
        resp = vcloud.request(method, path, body, user=reader)
        schemas.check_fault(resp, 403, 'forbidden')
    assert vcloud.show(volume['id'], user=demo)['status'] == \
        'awaiting-transfer'
    # Unknown things are 404 before the policy speaks, as in cinder.
    missing = '0' * 8 + '-0000-0000-0000-' + '0' * 12
    resp = vcloud.post(NEW, {'transfer': {'volume_id': missing}},
                       user=reader)
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = vcloud.delete('%s/%s' % (NEW, missing), user=reader)
    schemas.check_fault(resp, 404, 'itemNotFound')


def test_db_list_refuses_unknown_sort_keys(db):
    from stratus.common import exception
    with pytest.raises(exception.Invalid):
        db_transfers.list_transfers(sort=[('bogus', 'asc')])


def test_project_id_in_the_url(vcloud, admin):
    volume = vcloud.create_volume()
    project = volume['os-vol-tenant-attr:tenant_id']
    headers = {'OpenStack-API-Version': 'volume 3.71'}
    base = '/volume/v3/%s' % project
    # The old route keeps refusing no_snapshots behind a project id too.
    resp = admin.post(base + OLD, {'transfer': {
        'volume_id': volume['id'], 'no_snapshots': True}}, headers=headers)
    schemas.check_fault(resp, 400, 'badRequest')
    resp = admin.post(base + NEW, {'transfer': {'volume_id': volume['id']}},
                      headers=headers)
    created = schemas.check(_schema('3.71').create_volume_transfer,
                            resp)['transfer']
    assert created['links'][0]['href'].endswith(
        '%s/os-volume-transfer/%s' % (base, created['id']))
    assert created['links'][1]['href'].endswith(
        '/volume/%s/os-volume-transfer/%s' % (project, created['id']))
    shown = admin.get('%s%s/%s' % (base, OLD, created['id']),
                      headers=headers)
    schemas.check(_schema('3.71').show_volume_transfer, shown)
