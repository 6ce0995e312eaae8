"""Every answer of the routes stratus already served, judged by tempest's
published schema for that call at the microversions where its shape
changes (or, where tempest has none, by the key set of cinder's API
reference)."""
import pytest

from support import schemas

SERVER = '11111111-2222-3333-4444-555555555555'
VOLUME_VERSIONS = ['3.0', '3.13', '3.21', '3.45', '3.48', '3.61', '3.63',
                   '3.64', '3.65', '3.69', '3.71']


def _volumes(version):
    return schemas.volume('volumes', version)


def _snapshots():
    return schemas.volume('snapshots')


@pytest.mark.parametrize('version', VOLUME_VERSIONS)
@pytest.mark.parametrize('as_admin', [True, False])
def test_volume_routes_match_schemas(vcloud, demo, version, as_admin):
    user = None if as_admin else demo
    schema = _volumes(version)
    resp = vcloud.post('/volumes', {'volume': {
        'size': 1, 'name': 'v', 'metadata': {'a': '1'}}},
        version=version, user=user)
    volume = schemas.check(schema.create_volume, resp)['volume']
    url = '/volumes/%s' % volume['id']
    schemas.check(schema.show_volume, vcloud.get(url, version=version,
                                                 user=user))
    schemas.check(schema.list_volumes_no_detail,
                  vcloud.get('/volumes', version=version, user=user))
    schemas.check(schema.list_volumes_with_detail,
                  vcloud.get('/volumes/detail', version=version, user=user))
    schemas.check(schema.update_volume if version < '3.61' else
                  dict(schema.create_volume, status_code=[200]),
                  vcloud.put(url, {'volume': {'description': 'd'}},
                             version=version, user=user))
    meta = url + '/metadata'
    schemas.check(schema.create_volume_metadata, vcloud.post(
        meta, {'metadata': {'b': '2'}}, version=version, user=user))
    schemas.check(schema.show_volume_metadata,
                  vcloud.get(meta, version=version, user=user))
    schemas.check(schema.update_volume_metadata, vcloud.put(
        meta, {'metadata': {'c': '3'}}, version=version, user=user))
    schemas.check(schemas.volume('volumes').show_volume_metadata_item,
                  vcloud.get(meta + '/c', version=version, user=user))
    schemas.check(schema.update_volume_metadata_item, vcloud.put(
        meta + '/c', {'meta': {'c': '4'}}, version=version, user=user))
    schemas.check(schemas.volume('volumes').delete_volume_metadata_item,
                  vcloud.delete(meta + '/c', version=version, user=user))
    if version >= '3.12':
        schemas.check(schema.show_volume_summary, vcloud.get(
            '/volumes/summary', version=version, user=user))
    schemas.check(schema.delete_volume,
                  vcloud.delete(url, version=version, user=user))


@pytest.mark.parametrize('version', ['3.45', '3.71'])
def test_with_count_lists(vcloud, version):
    """tempest's list schemas predate 3.45's count: the reference's keys."""
    vcloud.create_volume()
    for path, key in (('/volumes', 'volumes'), ('/volumes/detail', 'volumes'),
                      ('/snapshots', 'snapshots'),
                      ('/snapshots/detail', 'snapshots')):
        body = vcloud.get(path + '?with_count=true', version=version).json
        assert set(body) == {key, 'count'}, path
        assert isinstance(body['count'], int)


def _snapshot(vcloud, user=None, version='3.0', **extra):
    volume = vcloud.create_volume(user=user)
    body = dict({'volume_id': volume['id'], 'name': 's'}, **extra)
    return vcloud.post('/snapshots', {'snapshot': body}, version=version,
                       user=user)


@pytest.mark.parametrize('as_admin', [True, False])
def test_snapshot_routes_match_schemas_at_30(vcloud, demo, as_admin):
    user = None if as_admin else demo
    schema = _snapshots()
    resp = _snapshot(vcloud, user, metadata={'a': '1'})
    snapshot = schemas.check(schema.create_snapshot, resp)['snapshot']
    url = '/snapshots/%s' % snapshot['id']
    kw = {'version': '3.0', 'user': user}
    schemas.check(schema.show_snapshot, vcloud.get(url, **kw))
    schemas.check(schema.list_snapshots_no_detail,
                  vcloud.get('/snapshots', **kw))
    schemas.check(schema.list_snapshots_with_detail,
                  vcloud.get('/snapshots/detail', **kw))
    schemas.check(schema.update_snapshot, vcloud.put(
        url, {'snapshot': {'name': 'n'}}, **kw))
    meta = url + '/metadata'
    schemas.check(schema.create_snapshot_metadata, vcloud.post(
        meta, {'metadata': {'b': '2'}}, **kw))
    schemas.check(schema.show_snapshot_metadata, vcloud.get(meta, **kw))
    schemas.check(schema.update_snapshot_metadata, vcloud.put(
        meta, {'metadata': {'c': '3'}}, **kw))
    schemas.check(schema.show_snapshot_metadata_item,
                  vcloud.get(meta + '/c', **kw))
    schemas.check(schema.update_snapshot_metadata_item, vcloud.put(
        meta + '/c', {'meta': {'c': '4'}}, **kw))
    schemas.check(schema.delete_snapshot_metadata_item,
                  vcloud.delete(meta + '/c', **kw))
    schemas.check(schema.delete_snapshot, vcloud.delete(url, **kw))


SNAPSHOT_BASE = {'id', 'created_at', 'updated_at', 'name', 'description',
                 'volume_id', 'status', 'size', 'metadata'}
SNAPSHOT_EXTENDED = {'os-extended-snapshot-attributes:progress',
                     'os-extended-snapshot-attributes:project_id'}


@pytest.mark.parametrize('version,extra', [
    ('3.13', set()),
    ('3.14', {'group_snapshot_id'}),
    ('3.41', {'group_snapshot_id', 'user_id'}),
    ('3.65', {'group_snapshot_id', 'user_id', 'consumes_quota'}),
])
def test_snapshot_keys_per_version(vcloud, version, extra):
    """tempest's snapshot schemas are the 3.0 shape: the later keys are
    the reference's."""
    created = _snapshot(vcloud, version=version).json['snapshot']
    assert set(created) == SNAPSHOT_BASE | extra
    url = '/snapshots/%s' % created['id']
    shown = vcloud.get(url, version=version).json['snapshot']
    assert set(shown) == SNAPSHOT_BASE | SNAPSHOT_EXTENDED | extra
    # cinder's summary list is the v2 summary at every version.
    listed = vcloud.get('/snapshots', version=version).json['snapshots']
    assert set(listed[0]) == SNAPSHOT_BASE
    detailed = vcloud.get('/snapshots/detail', version=version).json[
        'snapshots']
    assert set(detailed[0]) == SNAPSHOT_BASE | SNAPSHOT_EXTENDED | extra
    updated = vcloud.put(url, {'snapshot': {'name': 'x'}},
                         version=version).json['snapshot']
    assert set(updated) == SNAPSHOT_BASE | extra


ATTACHMENT_SUMMARY = {'id', 'status', 'instance', 'volume_id'}
ATTACHMENT_DETAIL = ATTACHMENT_SUMMARY | {
    'attached_at', 'detached_at', 'attach_mode', 'connection_info'}


def test_attachment_keys(vcloud, demo):
    """No tempest schema: the api-ref's attachment keys."""
    volume = vcloud.create_volume(user=demo)
    resp = vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'], 'instance_uuid': SERVER}},
        version='3.27', user=demo)
    assert resp.status_int == 200
    attachment = resp.json['attachment']
    assert set(resp.json) == {'attachment'}
    assert set(attachment) == ATTACHMENT_DETAIL
    url = '/attachments/%s' % attachment['id']
    shown = vcloud.get(url, version='3.27', user=demo).json
    assert set(shown['attachment']) == ATTACHMENT_DETAIL
    listed = vcloud.get('/attachments', version='3.27', user=demo).json
    assert set(listed) == {'attachments'}
    assert set(listed['attachments'][0]) == ATTACHMENT_SUMMARY
    detailed = vcloud.get('/attachments/detail', version='3.27',
                          user=demo).json
    assert set(detailed['attachments'][0]) == ATTACHMENT_DETAIL
    updated = vcloud.put(url, {'attachment': {'connector': {
        'host': 'c1'}}}, version='3.27', user=demo)
    assert updated.status_int == 200
    assert set(updated.json['attachment']) == ATTACHMENT_DETAIL
    done = vcloud.post(url + '/action', {'os-complete': None},
                       version='3.44', user=demo)
    assert (done.status_int, done.body) == (204, b'')
    gone = vcloud.delete(url, version='3.27', user=demo)
    assert (gone.status_int, gone.json) == (200, {'attachments': []})


def test_messages_match_schemas(vcloud, demo):
    schema = schemas.volume('messages')
    vcloud.create_type('nowhere', volume_backend_name='nope')
    vcloud.create_volume(volume_type='nowhere', user=demo)
    for user in (demo, None):
        listed = schemas.check(schema.list_messages, vcloud.get(
            '/messages', version='3.3', user=user))['messages']
        assert len(listed) == 1
        url = '/messages/%s' % listed[0]['id']
        schemas.check(schema.show_message, vcloud.get(url, version='3.3',
                                                      user=user))
    schemas.check(schema.delete_message, vcloud.delete(url, version='3.3',
                                                       user=demo))


def test_limits_match_schema(vcloud, demo):
    vcloud.create_volume(user=demo)
    schema = schemas.volume('limits')
    for user in (demo, None):
        for version in ('3.0', '3.39', '3.71'):
            schemas.check(schema.show_limits, vcloud.get(
                '/limits', version=version, user=user))


def test_quota_sets_match_schemas(vcloud, demo):
    schema = schemas.volume('quotas')
    project = demo['project_id']
    url = '/os-quota-sets/%s' % project
    vcloud.create_volume(user=demo)
    for user in (demo, None):
        schemas.check(schema.show_quota_set, vcloud.get(url, user=user))
        schemas.check(schema.show_quota_set_usage,
                      vcloud.get(url + '?usage=True', user=user))
        schemas.check(schema.show_quota_set, vcloud.get(url + '/defaults',
                                                        user=user))
    schemas.check(schema.update_quota_set, vcloud.put(url, {'quota_set': {
        'volumes': 5, 'snapshots': '6'}}))
    schemas.check(schema.delete_quota_set, vcloud.delete(url))


def test_availability_zones_keys(vcloud, demo):
    """No tempest schema for the volume zone list: the reference's keys."""
    body = vcloud.get('/os-availability-zone', user=demo).json
    assert set(body) == {'availabilityZoneInfo'}
    for zone in body['availabilityZoneInfo']:
        assert set(zone) == {'zoneName', 'zoneState'}
        assert set(zone['zoneState']) == {'available'}


def test_pools_match_schemas(vcloud):
    schema = schemas.volume('scheduler_stats')
    schemas.check(schema.get_pools_no_detail,
                  vcloud.get('/scheduler-stats/get_pools'))
    schemas.check(schema.get_pools_with_detail,
                  vcloud.get('/scheduler-stats/get_pools?detail=True'))
    schemas.check(schema.get_pools_no_detail,
                  vcloud.get('/scheduler-stats/get_pools?detail=False'))


def test_version_documents_match_schemas(vcloud):
    schema = schemas.volume('versions')
    listed = schemas.check(schema.list_versions,
                           vcloud.client.get('/volume/'))
    shown = schemas.check(schema.volume_api_version_details,
                          vcloud.client.get('/volume/v3/'))
    assert listed['versions'][0]['version'] == '3.71'
    assert shown['versions'][0]['min_version'] == '3.0'
