"""Volume quotas: os-quota-sets show/usage/defaults/update/delete, the
413s cinder answers over quota, per-type and per-volume limits, limits."""


def _message(resp):
    return resp.json['overLimit']['message']


def test_show_defaults_and_usage(vcloud, demo):
    vcloud.create_volume(size=2, user=demo)
    project = demo['project_id']
    body = vcloud.get('/os-quota-sets/%s' % project, user=demo).json[
        'quota_set']
    assert {k: body[k] for k in ('id', 'volumes', 'snapshots', 'gigabytes',
                                 'backups', 'backup_gigabytes',
                                 'per_volume_gigabytes', 'groups')} == {
        'id': project, 'volumes': 10, 'snapshots': 10, 'gigabytes': 1000,
        'backups': 10, 'backup_gigabytes': 1000, 'per_volume_gigabytes': -1,
        'groups': 10}
    assert body['volumes___DEFAULT__'] == -1
    usage = vcloud.get('/os-quota-sets/%s?usage=True' % project,
                       user=demo).json['quota_set']
    assert usage['volumes'] == {'limit': 10, 'in_use': 1, 'reserved': 0}
    assert usage['gigabytes']['in_use'] == 2
    assert usage['gigabytes___DEFAULT__']['in_use'] == 2
    defaults = vcloud.get('/os-quota-sets/%s/defaults' % project,
                          user=demo).json['quota_set']
    assert defaults['volumes'] == 10 and defaults['id'] == project
    # A member may not read another project's quotas.
    assert vcloud.get('/os-quota-sets/other', user=demo).status_int == 403


def test_update_and_delete_are_admin_only(vcloud, demo):
    project = demo['project_id']
    body = {'quota_set': {'volumes': 3, 'gigabytes': '50'}}
    assert vcloud.put('/os-quota-sets/%s' % project, body,
                      user=demo).status_int == 403
    resp = vcloud.put('/os-quota-sets/%s' % project, body)
    assert resp.status_int == 200
    assert 'id' not in resp.json['quota_set']
    assert resp.json['quota_set']['volumes'] == 3
    assert resp.json['quota_set']['gigabytes'] == 50
    resp = vcloud.put('/os-quota-sets/%s' % project,
                      {'quota_set': {'bogus': 1}})
    assert resp.status_int == 400
    assert 'Bad key(s) in quota set: bogus' in resp.json['badRequest'][
        'message']
    assert vcloud.put('/os-quota-sets/%s' % project,
                      {'quota_set': {'volumes': -2}}).status_int == 400
    resp = vcloud.delete('/os-quota-sets/%s' % project)
    assert resp.status_int == 200
    assert vcloud.get('/os-quota-sets/%s' % project).json['quota_set'][
        'volumes'] == 10


def test_validation_refuses_limits_below_usage(vcloud, demo):
    vcloud.create_volume(user=demo)
    vcloud.create_volume(user=demo)
    project = demo['project_id']
    # cinder validates always (no skip_validation key any more).
    resp = vcloud.put('/os-quota-sets/%s' % project, {'quota_set': {
        'volumes': 1}})
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'Quota volumes limit must be equal or greater than existing '
        'resources. Current usage is 2 and the requested limit is 1.')
    assert vcloud.put('/os-quota-sets/%s' % project, {'quota_set': {
        'volumes': -1, 'per_volume_gigabytes': 0}}).status_int == 200


def test_over_quota_is_413_with_cinder_messages(vcloud, demo):
    project = demo['project_id']
    vcloud.put('/os-quota-sets/%s' % project, {'quota_set': {
        'volumes': 1, 'gigabytes': 5}})
    resp = vcloud.post('/volumes', {'volume': {'size': 6}}, user=demo)
    assert resp.status_int == 413
    assert resp.headers['Retry-After'] == '0'
    assert _message(resp) == (
        'Requested volume or snapshot exceeds allowed gigabytes quota. '
        'Requested 6G, quota is 5G and 0G has been consumed.')
    vcloud.create_volume(size=1, user=demo)
    resp = vcloud.post('/volumes', {'volume': {'size': 1}}, user=demo)
    assert resp.status_int == 413
    assert _message(resp) == ("Maximum number of volumes allowed (1) "
                              "exceeded for quota 'volumes'.")
    # A create that failed for quota left nothing behind.
    assert len(vcloud.get('/volumes', user=demo).json['volumes']) == 1


def test_snapshot_quota(vcloud, demo):
    project = demo['project_id']
    volume = vcloud.create_volume(size=1, user=demo)
    vcloud.put('/os-quota-sets/%s' % project, {'quota_set': {
        'snapshots': 0}})
    resp = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id']}}, user=demo)
    assert resp.status_int == 413
    assert _message(resp) == ('Maximum number of snapshots allowed (0) '
                              'exceeded')


def test_per_type_and_per_volume_limits(vcloud, demo):
    project = demo['project_id']
    vcloud.create_type('gold')
    vcloud.put('/os-quota-sets/%s' % project, {'quota_set': {
        'volumes_gold': 0, 'per_volume_gigabytes': 10}})
    resp = vcloud.post('/volumes', {'volume': {
        'size': 1, 'volume_type': 'gold'}}, user=demo)
    assert resp.status_int == 413
    assert _message(resp) == ("Maximum number of volumes allowed (0) "
                              "exceeded for quota 'volumes_gold'.")
    resp = vcloud.post('/volumes', {'volume': {'size': 11}}, user=demo)
    assert resp.status_int == 413
    assert _message(resp) == ('Requested volume size 11G is larger than '
                              'maximum allowed limit 10G.')
    volume = vcloud.create_volume(size=10, user=demo)
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 12}},
                         user=demo)
    assert resp.status_int == 413
    assert vcloud.show(volume['id'], user=demo)['status'] == 'available'


def test_extend_over_gigabytes_quota(vcloud, demo):
    project = demo['project_id']
    volume = vcloud.create_volume(size=2, user=demo)
    vcloud.put('/os-quota-sets/%s' % project, {'quota_set': {
        'gigabytes': 4}})
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 5}},
                         user=demo)
    assert resp.status_int == 413
    assert _message(resp) == (
        'Requested volume or snapshot exceeds allowed gigabytes quota. '
        'Requested 3G, quota is 4G and 2G has been consumed.')
    assert vcloud.show(volume['id'], user=demo)['status'] == 'available'


def test_limits(vcloud, demo):
    vcloud.create_volume(size=3, user=demo)
    body = vcloud.get('/limits', user=demo).json['limits']
    assert body['rate'] == []
    assert body['absolute'] == {
        'maxTotalVolumes': 10, 'totalVolumesUsed': 1,
        'maxTotalVolumeGigabytes': 1000, 'totalGigabytesUsed': 3,
        'maxTotalSnapshots': 10, 'totalSnapshotsUsed': 0,
        'maxTotalBackups': 10, 'totalBackupsUsed': 0,
        'maxTotalBackupGigabytes': 1000, 'totalBackupGigabytesUsed': 0}
    admin_view = vcloud.get('/limits?project_id=%s' % demo['project_id'],
                            version='3.39').json['limits']['absolute']
    assert admin_view['totalVolumesUsed'] == 1
    # cinder drops a member's project_id: its own limits come back.
    resp = vcloud.get('/limits?project_id=other', version='3.39', user=demo)
    assert resp.json['limits']['absolute']['totalVolumesUsed'] == 1
    # Before 3.39 an admin's project_id is dropped too.
    assert vcloud.get('/limits?project_id=%s' % demo['project_id'],
                      version='3.38').json['limits']['absolute'][
        'totalVolumesUsed'] == 0
