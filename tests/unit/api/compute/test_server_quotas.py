"""The quotas nova checks outside server creation: a resize's upsize
against cores and ram, and the metadata_items limit on a server's whole
metadata (create, set, replace, set item, rebuild): 403 with nova's
messages."""
import pytest

from support import schemas
from support.server_cloud import SERVERS, action, cloud, create  # noqa
from support.server_cloud import mv, set_state


def _limit(cloud, **limits):
    project = cloud.get('/identity/v3/projects?name=admin').json[
        'projects'][0]['id']
    resp = cloud.put('/compute/v2.1/os-quota-sets/' + project,
                     {'quota_set': limits})
    assert resp.status_int == 200, resp.text


@pytest.fixture
def server(cloud):
    sid = create(cloud).json['server']['id']          # flavor 1: 1 vcpu
    set_state(sid, 'active', host='h1')
    return sid


@pytest.mark.parametrize('limits,message', [
    ({'cores': 1}, 'Quota exceeded for cores: Requested 1, but already '
     'used 1 of 1 cores'),
    ({'ram': 100}, 'Quota exceeded for ram: Requested 64, but already '
     'used 64 of 100 ram'),
    ({'cores': 1, 'ram': 64}, 'Quota exceeded for cores, ram: Requested '
     '1, 64, but already used 1, 64 of 1, 64 cores, ram'),
])
def test_resize_upsize_is_checked_against_quota(cloud, server, limits,
                                                message):
    _limit(cloud, **limits)
    resp = action(cloud, server, {'resize': {'flavorRef': '2'}})
    assert schemas.check_fault(resp, 403, 'forbidden') == message


def test_resize_within_quota_and_state_before_quota(cloud, server):
    _limit(cloud, cores=2, ram=128)
    resp = action(cloud, server, {'resize': {'flavorRef': '2'}})
    schemas.check(schemas.compute('servers', '2.1')
                  .server_actions_common_schema, resp)
    other = create(cloud).json['server']['id']
    set_state(other, 'paused', host='h1')
    resp = action(cloud, other, {'resize': {'flavorRef': '2'}})
    schemas.check_fault(resp, 409, 'conflictingRequest')


def _meta(n, prefix='k'):
    return {'%s%d' % (prefix, i): 'v' for i in range(n)}


def test_metadata_items_on_create_and_rebuild(cloud, server):
    _limit(cloud, metadata_items=2)
    resp = create(cloud, metadata=_meta(3))
    assert schemas.check_fault(resp, 403, 'forbidden') == \
        'Maximum number of metadata items exceeds 2'
    resp = create(cloud, metadata=_meta(2))
    assert resp.status_int == 202
    resp = action(cloud, server, {'rebuild': {
        'imageRef': cloud.image['id'], 'metadata': _meta(3)}})
    assert schemas.check_fault(resp, 403, 'forbidden') == \
        'Maximum number of metadata items exceeds 2'
    resp = action(cloud, server, {'rebuild': {
        'imageRef': cloud.image['id'], 'metadata': _meta(2)}}, '2.75')
    schemas.check(schemas.compute('servers', '2.75')
                  .rebuild_server_with_admin_pass, resp)


def test_metadata_items_on_the_metadata_calls(cloud, server):
    _limit(cloud, metadata_items=2)
    url = SERVERS + '/%s/metadata' % server
    v21 = schemas.compute('servers', '2.1')
    schemas.check(v21.set_server_metadata,
                  cloud.put(url, {'metadata': _meta(2)}))
    full = 'Maximum number of metadata items exceeds 2'
    # POST merges: two kept plus one new is three.
    resp = cloud.post(url, {'metadata': {'new': 'v'}})
    assert schemas.check_fault(resp, 403, 'forbidden') == full
    # Changing an existing key stays within the limit.
    schemas.check(v21.update_server_metadata,
                  cloud.post(url, {'metadata': {'k0': 'w'}}))
    resp = cloud.put(url + '/new', {'meta': {'new': 'v'}})
    assert schemas.check_fault(resp, 403, 'forbidden') == full
    schemas.check(v21.set_show_server_metadata_item,
                  cloud.put(url + '/k1', {'meta': {'k1': 'x'}}))
    # PUT replaces: only the new set counts.
    resp = cloud.put(url, {'metadata': _meta(3, 'z')})
    assert schemas.check_fault(resp, 403, 'forbidden') == full
    schemas.check(v21.set_server_metadata,
                  cloud.put(url, {'metadata': _meta(2, 'z')}))
    assert cloud.get(url).json == {'metadata': _meta(2, 'z')}


def test_metadata_calls_check_body_then_server_then_state(cloud):
    import uuid
    missing = SERVERS + '/%s/metadata' % uuid.uuid4()
    schemas.check_fault(cloud.post(missing, {'metadata': 'x'}), 400,
                        'badRequest')
    schemas.check_fault(cloud.post(missing, {'metadata': {'a': 'b'}}), 404,
                        'itemNotFound')
    sid = create(cloud, metadata={'a': '1'}).json['server']['id']
    url = SERVERS + '/%s/metadata' % sid
    resp = cloud.post(url, {'metadata': {'b': '2'}})
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'update metadata' instance %s while it is in vm_state "
        "building" % sid)
    resp = cloud.delete(url + '/zz')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Metadata item was not found'
    resp = cloud.delete(url + '/a', headers=mv('2.1'))
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'delete metadata' instance %s while it is in vm_state "
        "building" % sid)


def test_reverting_a_resize_down_is_checked_against_quota(cloud, server):
    from stratus.db.api import flavors
    from stratus.db.api import migration_records
    from stratus.compute import create as create_helpers
    small = create_helpers.flavor_snapshot(flavors.flavor_get('2'))
    set_state(server, 'resized', host='h1', old_flavor=small)
    migration_records.create({
        'instance_uuid': server, 'status': 'finished',
        'migration_type': 'resize', 'source_compute': 'h1',
        'source_node': 'h1', 'old_flavor_id': '2', 'new_flavor_id': '1',
        'project_id': 'p', 'user_id': 'u'})
    _limit(cloud, cores=1)
    resp = action(cloud, server, {'revertResize': None})
    assert schemas.check_fault(resp, 403, 'forbidden') == (
        'Quota exceeded for cores: Requested 1, but already used 1 of 1 '
        'cores')
    _limit(cloud, cores=2)
    schemas.check(schemas.compute('servers', '2.1')
                  .server_actions_common_schema,
                  action(cloud, server, {'revertResize': None}))


@pytest.mark.parametrize('version', ['2.1', '2.38'])
def test_create_image_metadata_counts_until_239(cloud, server, version):
    _limit(cloud, metadata_items=2)
    body = {'createImage': {'name': 'snap', 'metadata': _meta(3)}}
    resp = action(cloud, server, body, version)
    assert schemas.check_fault(resp, 403, 'forbidden') == \
        'Image metadata limit exceeded'
    # The quota comes before the server's state, as nova checks it.
    set_state(server, 'building')
    resp = action(cloud, server, body, version)
    assert schemas.check_fault(resp, 403, 'forbidden') == \
        'Image metadata limit exceeded'
    set_state(server, 'active', host='h1')
    body['createImage']['metadata'] = _meta(2)
    resp = action(cloud, server, body, version)
    assert resp.status_int == 202, resp.text


def test_create_image_metadata_is_not_counted_from_239(cloud, server):
    _limit(cloud, metadata_items=2)
    resp = action(cloud, server, {'createImage': {
        'name': 'snap', 'metadata': _meta(3)}}, '2.39')
    assert resp.status_int == 202, resp.text


@pytest.mark.parametrize('name,value', [
    ('createImage', {'name': 'snap'}),
    ('createBackup', {'name': 'b', 'backup_type': 'daily', 'rotation': 1}),
])
def test_snapshot_past_the_image_property_quota(cloud, server, name, value):
    from stratus.db.api import instances
    images_before = cloud.get('/image/v2/images').json['images']
    value = dict(value, metadata=_meta(127))
    resp = action(cloud, server, {name: value}, '2.45')
    message = schemas.check_fault(resp, 403, 'forbidden')
    assert message.startswith('The limit has been exceeded on the number '
                              'of allowed image properties. Attempted: ')
    assert message.endswith(', Maximum: 128')
    assert cloud.get('/image/v2/images').json['images'] == images_before
    assert instances.get(server)['task_state'] is None
    value['metadata'] = _meta(100)
    resp = action(cloud, server, {name: value}, '2.45')
    assert resp.status_int == 202, resp.text
