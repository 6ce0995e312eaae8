"""Generic volume groups (3.13): create, show, list, update with add and
remove volumes, delete with and without delete-volumes, reset_status
(3.20), replication actions (3.38), volumes created in a group, the
groups quota, policy and microversion refusals."""
from support import schemas

from support.groups import GROUPS_SCHEMA as SCHEMA
from support.groups import create_group, gcloud, group_type, show  # noqa

GROUP_KEYS_371 = {'id', 'status', 'availability_zone', 'created_at',
                  'name', 'description', 'group_type', 'volume_types',
                  'group_snapshot_id', 'source_group_id',
                  'replication_status', 'project_id'}


def _action(cloud, group_id, body, version='3.71', user=None):
    return cloud.post('/groups/%s/action' % group_id, body, version=version,
                      user=user)


def test_create_show_list(gcloud):
    vt1 = gcloud.create_type('vt1')
    gtype = group_type(gcloud)
    group_id = create_group(gcloud, gtype=gtype)
    group = show(gcloud, group_id, version='3.13')
    assert group['status'] == 'available'
    assert group['group_type'] == gtype and group['volume_types'] == [vt1]
    assert 'group_snapshot_id' not in group and 'volumes' not in group
    group = show(gcloud, group_id, version='3.38', query='?list_volume=True')
    assert group['volumes'] == [] and group['replication_status'] == \
        'disabled'
    assert group['availability_zone'] == 'nova'
    resp = gcloud.get('/groups/%s' % group_id, version='3.71')
    assert set(resp.json['group']) == GROUP_KEYS_371
    summary = schemas.check(SCHEMA.list_groups_no_detail,
                            gcloud.get('/groups', version='3.13'))
    assert summary['groups'] == [{'id': group_id, 'name': 'grp'}]
    detail = schemas.check(SCHEMA.list_groups_with_detail,
                           gcloud.get('/groups/detail', version='3.25'))
    assert detail['groups'][0]['id'] == group_id
    # By group type name too; unknown type or volume type: 404.
    assert create_group(gcloud, gtype='gt')
    resp = gcloud.post('/groups', {'group': {
        'group_type': 'nope', 'volume_types': ['vt1']}}, version='3.13')
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert resp.json['itemNotFound']['message'] == \
        'Group type with name nope could not be found.'
    resp = gcloud.post('/groups', {'group': {
        'group_type': gtype, 'volume_types': ['nope']}}, version='3.13')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = gcloud.post('/groups', {'group': {
        'group_type': gtype, 'volume_types': ['vt1'],
        'availability_zone': 'mars'}}, version='3.13')
    assert resp.json['badRequest']['message'] == \
        "Invalid input received: Availability zone 'mars' is invalid."


def test_bad_bodies_and_versions(gcloud, demo):
    gcloud.create_type('vt1')
    gtype = group_type(gcloud)
    for body in ({'group': {'group_type': gtype}},
                 {'group': {'volume_types': ['vt1']}},
                 {'group': {'group_type': gtype, 'volume_types': []}},
                 {'group': {'group_type': gtype, 'volume_types': 'vt1'}},
                 {'group': {'group_type': gtype, 'volume_types': ['vt1'],
                            'x': 1}}):
        resp = gcloud.post('/groups', body, version='3.13')
        schemas.check_fault(resp, 400, 'badRequest')
    resp = gcloud.post('/groups', {'group': {
        'group_type': '  ', 'volume_types': ['vt1']}}, version='3.13')
    assert resp.json['badRequest']['message'] == (
        "Invalid input for field/attribute group_type. Value:   . '  ' is "
        "not a 'group_type'")
    for method, path in (('GET', '/groups'), ('GET', '/groups/detail'),
                         ('POST', '/groups')):
        resp = gcloud.request(method, path, {'group': {}}, version='3.12')
        schemas.check_fault(resp, 404, 'itemNotFound')
    group_id = create_group(gcloud, gtype=gtype)
    resp = _action(gcloud, group_id, {'reset_status': {'status': 'error'}},
                   version='3.19')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = _action(gcloud, group_id, {'bogus': {}})
    assert resp.json['badRequest']['message'] == (
        'There is no such action: bogus. Verify the request body and '
        'Content-Type header and try again.')
    # Another project's group is not found.
    resp = gcloud.get('/groups/%s' % group_id, version='3.13', user=demo)
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert resp.json['itemNotFound']['message'] == \
        'Group %s could not be found.' % group_id


def test_volumes_in_a_group_and_delete(gcloud):
    vt1 = gcloud.create_type('vt1')
    gcloud.create_type('vt2')
    group_id = create_group(gcloud)
    volume = gcloud.create_volume(version='3.13', volume_type='vt1',
                                  group_id=group_id)
    assert volume['group_id'] == group_id and volume['status'] == \
        'available'
    assert volume['volume_type_id'] == vt1
    for extra, message in (
            ({}, 'Invalid input received: volume_type must be provided '
                 'when creating a volume in a group.'),
            ({'volume_type': 'vt2'}, 'Invalid input received: Invalid '
             'volume_type provided: vt2 (requested type must be supported '
             'by this group).')):
        resp = gcloud.post('/volumes', {'volume': dict(
            size=1, group_id=group_id, **extra)}, version='3.13')
        assert resp.json['badRequest']['message'] == message
    resp = gcloud.post('/volumes', {'volume': {
        'size': 1, 'volume_type': 'vt1',
        'group_id': '00000000-0000-0000-0000-000000000000'}},
        version='3.13')
    schemas.check_fault(resp, 404, 'itemNotFound')
    # A member cannot be deleted alone.
    resp = gcloud.delete('/volumes/%s' % volume['id'])
    schemas.check_fault(resp, 400, 'badRequest')
    assert show(gcloud, group_id, query='?list_volume=true')['volumes'] == \
        [volume['id']]
    resp = _action(gcloud, group_id, {'delete': {}})
    schemas.check_fault(resp, 400, 'badRequest')
    assert resp.json['badRequest']['message'] == (
        'Invalid Group: Group %s still contains volumes. The delete-volumes '
        'flag is required to delete it.' % group_id)
    resp = _action(gcloud, group_id, {'delete': {'delete-volumes': 'maybe'}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = _action(gcloud, group_id, {'delete': {'delete-volumes': True}})
    schemas.check(SCHEMA.delete_group, resp)
    resp = gcloud.get('/groups/%s' % group_id, version='3.13')
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert gcloud.get('/volumes/%s' % volume['id']).status_int == 404
    # An empty group goes without the flag.
    group_id = create_group(gcloud, gtype='gt')
    assert _action(gcloud, group_id, {'delete': {}}).status_int == 202


def test_update_name_and_members(gcloud, demo):
    gcloud.create_type('vt1')
    gcloud.create_type('vt2')
    group_id = create_group(gcloud)
    url = '/groups/%s' % group_id
    resp = gcloud.put(url, {'group': {'name': 'new', 'description': 'd'}},
                      version='3.13')
    schemas.check(SCHEMA.update_group, resp)
    group = show(gcloud, group_id)
    assert (group['name'], group['description']) == ('new', 'd')
    resp = gcloud.put(url, {'group': {'name': 'new'}}, version='3.13')
    assert resp.json['badRequest']['message'] == (
        'Invalid Group: Cannot update group %s because no valid name, '
        'description, add_volumes, or remove_volumes were provided.'
        % group_id)
    resp = gcloud.put(url, {'group': {}}, version='3.13')
    schemas.check_fault(resp, 400, 'badRequest')
    v1 = gcloud.create_volume(volume_type='vt1')
    v2 = gcloud.create_volume(volume_type='vt2')
    resp = gcloud.put(url, {'group': {'add_volumes': v1['id']}},
                      version='3.13')
    schemas.check(SCHEMA.update_group, resp)
    assert show(gcloud, group_id, query='?list_volume=True')['volumes'] == \
        [v1['id']]
    assert gcloud.show(v1['id'])['group_id'] == group_id
    resp = gcloud.put(url, {'group': {'add_volumes': v2['id']}},
                      version='3.13')
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Cannot add volume %s to group %s because volume '
        'type %s is not supported by the group.' % (
            v2['id'], group_id, v2['volume_type_id']))
    resp = gcloud.put(url, {'group': {'add_volumes': 'nope'}},
                      version='3.13')
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Cannot add volume nope to group %s because volume '
        'cannot be found.' % group_id)
    resp = gcloud.put(url, {'group': {'add_volumes': v1['id'],
                                      'remove_volumes': v1['id']}},
                      version='3.13')
    assert resp.json['badRequest']['message'] == (
        "Invalid volume: UUIDs ['%s'] are in both add and remove volume "
        "list." % v1['id'])
    resp = gcloud.put(url, {'group': {'remove_volumes': v2['id']}},
                      version='3.13')
    assert resp.json['badRequest']['message'] == (
        'Invalid volume: Cannot remove volume %s from group %s because it '
        'is not in the group.' % (v2['id'], group_id))
    resp = gcloud.put(url, {'group': {'remove_volumes': v1['id'] + ','}},
                      version='3.13')
    assert resp.status_int == 202
    assert show(gcloud, group_id, query='?list_volume=True')['volumes'] == []
    assert show(gcloud, group_id)['status'] == 'available'
    # Adding while not available: cinder's status refusal.
    _action(gcloud, group_id, {'reset_status': {'status': 'error'}})
    resp = gcloud.put(url, {'group': {'add_volumes': v1['id']}},
                      version='3.13')
    assert resp.json['badRequest']['message'] == \
        'Invalid Group: Group status must be available.'


def test_reset_status(gcloud, demo):
    gcloud.create_type('vt1')
    group_id = create_group(gcloud)
    resp = _action(gcloud, group_id, {'reset_status': {'status': 'error'}},
                   version='3.20')
    schemas.check(SCHEMA.reset_group_status, resp)
    assert show(gcloud, group_id)['status'] == 'error'
    resp = _action(gcloud, group_id, {'reset_status': {'status': 'bogus'}})
    schemas.check_fault(resp, 400, 'badRequest')
    assert resp.json['badRequest']['message'] == (
        "Invalid Group Status: Group status: bogus is invalid, valid status "
        "are: ('error', 'available', 'creating', 'deleting', 'deleted', "
        "'updating', 'in-use', 'error_deleting').")
    # cinder checks against the group snapshot statuses: in-use is refused.
    resp = _action(gcloud, group_id, {'reset_status': {'status': 'in-use'}})
    assert resp.json['badRequest']['message'].startswith(
        'Invalid Group Status: Group status: in-use is invalid')
    resp = _action(gcloud, group_id, {'reset_status': {}})
    schemas.check_fault(resp, 400, 'badRequest')


def test_replication_actions_need_a_replication_type(gcloud):
    gcloud.create_type('vt1')
    group_id = create_group(gcloud)
    for action in ('enable_replication', 'disable_replication',
                   'failover_replication', 'list_replication_targets'):
        resp = _action(gcloud, group_id, {action: {}}, version='3.38')
        schemas.check_fault(resp, 400, 'badRequest')
        assert resp.json['badRequest']['message'] == (
            'Invalid group type: Group %s is not a replication group type.'
            % group_id)
        resp = _action(gcloud, group_id, {action: {}}, version='3.37')
        schemas.check_fault(resp, 404, 'itemNotFound')


def test_member_policy(gcloud, demo):
    gcloud.create_type('vt1')
    gtype = group_type(gcloud)
    group_id = create_group(gcloud, gtype=gtype, user=demo)
    assert show(gcloud, group_id, user=demo)['status'] == 'available'
    resp = _action(gcloud, group_id, {'reset_status': {'status': 'error'}},
                   user=demo)
    schemas.check_fault(resp, 403, 'forbidden')
    # Admins see other projects' groups with all_tenants only.
    assert gcloud.get('/groups', version='3.13').json['groups'] == []
    listed = gcloud.get('/groups?all_tenants=1', version='3.13').json
    assert [g['id'] for g in listed['groups']] == [group_id]
    # Users may filter on name only (3.31).
    resp = gcloud.get('/groups?status=available', version='3.31', user=demo)
    assert resp.json['badRequest']['message'] == \
        'Invalid filters status are found in query options.'
    assert len(gcloud.get('/groups?name=grp', version='3.31',
                          user=demo).json['groups']) == 1
    resp = gcloud.post('/group_types', {'group_type': {'name': 'x'}},
                       version='3.11', user=demo)
    schemas.check_fault(resp, 403, 'forbidden')


def test_groups_quota(gcloud, demo):
    gcloud.create_type('vt1')
    gtype = group_type(gcloud)
    resp = gcloud.put('/os-quota-sets/%s' % demo['project_id'],
                      {'quota_set': {'groups': 1}})
    assert resp.status_int == 200, resp.text
    create_group(gcloud, gtype=gtype, user=demo)
    resp = gcloud.post('/groups', {'group': {
        'group_type': gtype, 'volume_types': ['vt1']}}, version='3.13',
        user=demo)
    assert resp.status_int == 413
    assert resp.json['overLimit']['message'] == \
        'Maximum number of groups allowed (1) exceeded'
    usage = gcloud.get('/os-quota-sets/%s?usage=True' % demo['project_id'])
    assert usage.json['quota_set']['groups']['in_use'] == 1


def test_replication_type_checks_and_states(gcloud):
    gcloud.create_type('plain')
    gcloud.create_type('rep', replication_enabled='<is> True')
    gtype = group_type(gcloud, 'rep-gt',
                       group_replication_enabled='<is> True')
    plain_id = create_group(gcloud, types=('plain',), gtype=gtype)
    resp = _action(gcloud, plain_id, {'enable_replication': {}})
    assert resp.json['badRequest']['message'] == (
        "Invalid volume type: Volume type %s does not have "
        "'replication_enabled' spec key set to '<is> True'."
        % show(gcloud, plain_id)['volume_types'][0])
    group_id = create_group(gcloud, types=('rep',), gtype=gtype)
    # No fake backend reports replication: the group went to error.
    assert show(gcloud, group_id)['status'] == 'error'
    _action(gcloud, group_id, {'reset_status': {'status': 'available'}})
    resp = _action(gcloud, group_id, {'list_replication_targets': {}})
    assert resp.status_int == 200
    assert resp.json == {'replication_targets': []}
    resp = _action(gcloud, group_id, {'disable_replication': {}})
    assert resp.json['badRequest']['message'] == (
        "Invalid Group: Group %s replication status must be ['enabled', "
        "'error'], but current status is: disabled. Cannot disable "
        "replication." % group_id)
    resp = _action(gcloud, group_id, {'enable_replication': {}})
    assert resp.status_int == 202
    assert show(gcloud, group_id)['replication_status'] == 'enabling'
    resp = _action(gcloud, group_id, {'failover_replication': {
        'allow_attached_volume': 'nope'}})
    schemas.check_fault(resp, 400, 'badRequest')


def test_volume_type_of_a_group_cannot_go(gcloud):
    vt1 = gcloud.create_type('vt1')
    group_id = create_group(gcloud)
    resp = gcloud.delete('/types/%s' % vt1)
    schemas.check_fault(resp, 400, 'badRequest')
    _action(gcloud, group_id, {'delete': {}})
    assert gcloud.delete('/types/%s' % vt1).status_int == 202


def test_delete_refusals(gcloud):
    gcloud.create_type('vt1')
    group_id = create_group(gcloud)
    volume = gcloud.create_volume(version='3.13', volume_type='vt1',
                                  group_id=group_id)
    resp = gcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id'], 'name': 's'}})
    assert resp.status_int == 202, resp.text
    resp = _action(gcloud, group_id, {'delete': {'delete-volumes': True}})
    assert resp.json['badRequest']['message'] == \
        'Invalid Group: Volume in group still has dependent snapshots.'
    snapshot_id = gcloud.get('/snapshots').json['snapshots'][0]['id']
    assert gcloud.delete('/snapshots/%s' % snapshot_id).status_int == 202
    # Group in a state other than available/error: only delete-volumes.
    _action(gcloud, group_id, {'reset_status': {'status': 'creating'}})
    resp = _action(gcloud, group_id, {'delete': {}})
    assert resp.json['badRequest']['message'] == (
        'Invalid Group: Group status must be available or error, but '
        'current status is: creating')
    resp = _action(gcloud, group_id, {'delete': {'delete-volumes': 'yes'}})
    assert resp.status_int == 202, resp.text
    assert gcloud.get('/volumes/%s' % volume['id']).status_int == 404
