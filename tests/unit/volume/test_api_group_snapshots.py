"""Group snapshots (3.14): create, show, list, detail (filters 3.29),
delete, reset_status (3.19), and groups made from a group snapshot or a
source group (create-from-src, 3.14)."""
from support import schemas
from support.groups import GROUPS_SCHEMA
from support.groups import create_group, gcloud, group_type, show  # noqa

SCHEMA = schemas.volume('group_snapshots')
SNAP_KEYS_371 = {'id', 'group_id', 'group_type_id', 'status', 'created_at',
                 'name', 'description', 'project_id'}


def _group_with_volumes(cloud, count=2):
    cloud.create_type('vt1')
    gtype = group_type(cloud)
    group_id = create_group(cloud, gtype=gtype)
    volumes = [cloud.create_volume(volume_type='vt1', group_id=group_id,
                                   version='3.13', size=i + 1)
               for i in range(count)]
    return gtype, group_id, volumes


def _snapshot(cloud, group_id, name='gs'):
    resp = cloud.post('/group_snapshots', {'group_snapshot': {
        'group_id': group_id, 'name': name}}, version='3.14')
    return schemas.check(SCHEMA.create_group_snapshot, resp)[
        'group_snapshot']


def test_create_show_list_delete(gcloud):
    gtype, group_id, volumes = _group_with_volumes(gcloud)
    created = _snapshot(gcloud, group_id)
    assert created['group_type_id'] == gtype
    url = '/group_snapshots/%s' % created['id']
    shown = schemas.check(SCHEMA.show_group_snapshot,
                          gcloud.get(url, version='3.14'))['group_snapshot']
    assert shown['status'] == 'available' and shown['group_id'] == group_id
    assert set(gcloud.get(url, version='3.71').json['group_snapshot']) == \
        SNAP_KEYS_371
    members = gcloud.get('/snapshots/detail').json['snapshots']
    assert sorted(s['volume_id'] for s in members) == sorted(
        v['id'] for v in volumes)
    assert {s['status'] for s in members} == {'available'}
    # A member snapshot cannot go alone.
    resp = gcloud.delete('/snapshots/%s' % members[0]['id'])
    schemas.check_fault(resp, 400, 'badRequest')
    summary = schemas.check(SCHEMA.list_group_snapshots_no_detail,
                            gcloud.get('/group_snapshots', version='3.14'))
    assert summary['group_snapshots'] == [{'id': created['id'],
                                           'name': 'gs'}]
    detail = schemas.check(SCHEMA.list_group_snapshots_with_detail,
                           gcloud.get('/group_snapshots/detail',
                                      version='3.29'))
    assert detail['group_snapshots'][0]['id'] == created['id']
    assert gcloud.get('/group_snapshots/detail?status=error',
                      version='3.29').json['group_snapshots'] == []
    # A group with snapshots cannot go.
    resp = gcloud.post('/groups/%s/action' % group_id, {'delete': {
        'delete-volumes': True}}, version='3.13')
    assert resp.json['badRequest']['message'] == \
        'Invalid Group: Group has existing snapshots.'
    schemas.check(SCHEMA.delete_group_snapshot,
                  gcloud.delete(url, version='3.14'))
    resp = gcloud.get(url, version='3.14')
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert resp.json['itemNotFound']['message'] == \
        'GroupSnapshot %s could not be found.' % created['id']
    assert gcloud.get('/snapshots').json['snapshots'] == []


def test_refusals(gcloud, demo):
    _gtype, group_id, _volumes = _group_with_volumes(gcloud, count=1)
    created = _snapshot(gcloud, group_id)
    url = '/group_snapshots/%s' % created['id']
    for version in ('3.13',):
        schemas.check_fault(gcloud.get('/group_snapshots', version=version),
                            404, 'itemNotFound')
        schemas.check_fault(gcloud.get(url, version=version), 404,
                            'itemNotFound')
    for body in ({'group_snapshot': {}},
                 {'group_snapshot': {'group_id': 'not-a-uuid'}},
                 {'group_snapshot': {'group_id': group_id, 'x': 1}}):
        resp = gcloud.post('/group_snapshots', body, version='3.14')
        schemas.check_fault(resp, 400, 'badRequest')
    resp = gcloud.post('/group_snapshots', {'group_snapshot': {
        'group_id': '00000000-0000-0000-0000-000000000000'}},
        version='3.14')
    schemas.check_fault(resp, 404, 'itemNotFound')
    schemas.check_fault(gcloud.get(url, version='3.14', user=demo), 404,
                        'itemNotFound')
    # reset_status: admin only, from 3.19, statuses checked.
    action = url + '/action'
    resp = gcloud.post(action, {'reset_status': {'status': 'error'}},
                       version='3.18')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = gcloud.post(action, {'reset_status': {'status': 'in-use'}},
                       version='3.19')
    assert resp.json['badRequest']['message'] == (
        "Invalid GroupSnapshot Status: Group snapshot status: in-use is "
        "invalid, valid statuses are: ('error', 'available', 'creating', "
        "'deleting', 'deleted', 'updating', 'error_deleting').")
    resp = gcloud.post(action, {'reset_status': {'status': 'creating'}},
                       version='3.19')
    schemas.check(SCHEMA.reset_group_snapshot_status, resp)
    resp = gcloud.delete(url, version='3.14')
    assert resp.json['badRequest']['message'] == (
        'Invalid GroupSnapshot: GroupSnapshot status must be available or '
        'error, and no Group can be currently using it as source for its '
        'creation.')
    assert gcloud.post(action, {'reset_status': {'status': 'error'}},
                       version='3.19').status_int == 202
    assert gcloud.delete(url, version='3.14').status_int == 202


def test_create_from_group_snapshot_and_source_group(gcloud):
    _gtype, group_id, volumes = _group_with_volumes(gcloud)
    created = _snapshot(gcloud, group_id)
    resp = gcloud.post('/groups/action', {'create-from-src': {
        'group_snapshot_id': created['id'], 'name': 'from-snap'}},
        version='3.14')
    new_id = schemas.check(GROUPS_SCHEMA.create_group_from_source, resp)[
        'group']['id']
    group = show(gcloud, new_id, query='?list_volume=True')
    assert group['status'] == 'available'
    assert group['group_snapshot_id'] == created['id']
    assert len(group['volumes']) == 2
    sizes = sorted(gcloud.show(v)['size'] for v in group['volumes'])
    assert sizes == [1, 2]
    assert {gcloud.show(v)['status'] for v in group['volumes']} == {
        'available'}
    resp = gcloud.post('/groups/action', {'create-from-src': {
        'source_group_id': group_id, 'name': 'clone'}}, version='3.14')
    clone_id = resp.json['group']['id']
    clone = show(gcloud, clone_id, query='?list_volume=True')
    assert clone['source_group_id'] == group_id
    assert clone['volume_types'] == show(gcloud, group_id)['volume_types']
    assert len(clone['volumes']) == 2
    # Refusals: both sources, none, too old a version, unknown source.
    for body in ({'create-from-src': {}},
                 {'create-from-src': {'source_group_id': group_id,
                                      'group_snapshot_id': created['id']}}):
        resp = gcloud.post('/groups/action', body, version='3.14')
        schemas.check_fault(resp, 400, 'badRequest')
    resp = gcloud.post('/groups/action', {'create-from-src': {
        'source_group_id': group_id}}, version='3.13')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = gcloud.post('/groups/action', {'create-from-src': {
        'source_group_id': '00000000-0000-0000-0000-000000000000'}},
        version='3.14')
    schemas.check_fault(resp, 404, 'itemNotFound')
    # The snapshot is a source of a group now, deleting it still works
    # once that group is created.
    assert gcloud.delete('/group_snapshots/%s' % created['id'],
                         version='3.14').status_int == 202


def test_empty_source_group_is_refused(gcloud):
    gcloud.create_type('vt1')
    group_id = create_group(gcloud)
    resp = gcloud.post('/groups/action', {'create-from-src': {
        'source_group_id': group_id}}, version='3.14')
    schemas.check_fault(resp, 400, 'badRequest')
    assert resp.json['badRequest']['message'] == \
        'Invalid Group: Source Group is empty. No group will be created.'
    assert len(gcloud.get('/groups', version='3.14').json['groups']) == 1


def test_members_snapshot_their_own_groups(gcloud, demo):
    gcloud.create_type('vt1')
    gtype = group_type(gcloud)
    group_id = create_group(gcloud, gtype=gtype, user=demo)
    resp = gcloud.post('/group_snapshots', {'group_snapshot': {
        'group_id': group_id, 'name': 'mine'}}, version='3.14', user=demo)
    gsnap = schemas.check(SCHEMA.create_group_snapshot, resp)[
        'group_snapshot']
    url = '/group_snapshots/%s' % gsnap['id']
    shown = gcloud.get(url, version='3.58', user=demo).json['group_snapshot']
    assert 'project_id' not in shown          # admins only (3.58)
    assert gcloud.get(url, version='3.58').json['group_snapshot'][
        'project_id'] == demo['project_id']
    resp = gcloud.post(url + '/action', {'reset_status': {
        'status': 'error'}}, version='3.19', user=demo)
    schemas.check_fault(resp, 403, 'forbidden')
    # The admin's own project has none; all_tenants shows every project's.
    assert gcloud.get('/group_snapshots',
                      version='3.14').json['group_snapshots'] == []
    assert len(gcloud.get('/group_snapshots?all_tenants=1', version='3.29')
               .json['group_snapshots']) == 1
    resp = gcloud.get('/group_snapshots?volume_id=x', version='3.31',
                      user=demo)
    assert resp.json['badRequest']['message'] == \
        'Invalid filters volume_id are found in query options.'
    assert gcloud.delete(url, version='3.14', user=demo).status_int == 202


def test_create_from_source_over_quota_leaves_nothing(gcloud):
    _gtype, group_id, _volumes = _group_with_volumes(gcloud)
    project = gcloud.get('/groups/%s' % group_id, version='3.71').json[
        'group']['project_id']
    resp = gcloud.put('/os-quota-sets/%s' % project,
                      {'quota_set': {'volumes': 3}})
    assert resp.status_int == 200, resp.text
    resp = gcloud.post('/groups/action', {'create-from-src': {
        'source_group_id': group_id, 'name': 'c'}}, version='3.14')
    assert resp.status_int == 413
    assert len(gcloud.get('/groups', version='3.14').json['groups']) == 1
    assert len(gcloud.get('/volumes').json['volumes']) == 2
