"""Resource filters (3.33), clusters (3.7), workers cleanup (3.24) and
project default types (3.62), as cinder answers them."""
import uuid

from support import schemas

FILTERS_BACKUP = ['name', 'status', 'volume_id']


def test_resource_filters(vcloud, demo):
    resp = vcloud.get('/resource_filters', version='3.33', user=demo)
    assert resp.status_int == 200
    body = resp.json
    assert set(body) == {'resource_filters'}
    by_resource = {f['resource']: f['filters']
                   for f in body['resource_filters']}
    assert set(by_resource) == {'volume', 'backup', 'snapshot', 'group',
                                'group_snapshot', 'attachment', 'message',
                                'pool', 'volume_type'}
    assert by_resource['backup'] == FILTERS_BACKUP
    for item in body['resource_filters']:
        assert set(item) == {'resource', 'filters'}
    assert vcloud.get('/resource_filters?resource=backup').json == {
        'resource_filters': [{'resource': 'backup',
                              'filters': FILTERS_BACKUP}]}
    assert vcloud.get('/resource_filters?resource=nope').json == {
        'resource_filters': []}
    resp = vcloud.get('/resource_filters', version='3.32')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'


def test_clusters(vcloud, demo):
    for path in ('/clusters', '/clusters/detail'):
        resp = vcloud.get(path, version='3.7')
        assert resp.status_int == 200 and resp.json == {'clusters': []}
        assert vcloud.get(path + '?is_up=true&binary=cinder-volume',
                          version='3.7').json == {'clusters': []}
        resp = vcloud.get(path, version='3.6')
        schemas.check_fault(resp, 404, 'itemNotFound')
        schemas.check_fault(vcloud.get(path, user=demo), 403, 'forbidden')
    resp = vcloud.get('/clusters?frozen=true', version='3.25')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Invalid input received: Invalid filter keys: frozen'
    assert vcloud.get('/clusters?frozen=true').json == {'clusters': []}
    resp = vcloud.get('/clusters/mycluster')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        "Cluster {'binary': 'cinder-volume', 'name': 'mycluster'} could "
        "not be found.")
    resp = vcloud.put('/clusters/disable', {'name': 'c1',
                                            'disabled_reason': 'x'})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        "Cluster {'binary': 'cinder-volume', 'name': 'c1'} could not be "
        "found.")
    resp = vcloud.put('/clusters/enable', {'name': 'c1',
                                           'binary': 'cinder-backup'})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        "Cluster {'binary': 'cinder-backup', 'name': 'c1'} could not be "
        "found.")
    resp = vcloud.put('/clusters/enable', {'binary': 'cinder-volume'})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.put('/clusters/enable', {'name': 'c1'}, user=demo)
    schemas.check_fault(resp, 403, 'forbidden')


def test_get_pools(vcloud, demo):
    vcloud.create_volume(size=5)
    names = vcloud.get('/scheduler-stats/get_pools').json
    assert names == {'pools': [{'name': 'host1@lvmdriver-1#lvmdriver-1'},
                               {'name': 'host1@lvmdriver-2#lvmdriver-2'}]}
    detail = vcloud.get('/scheduler-stats/get_pools?detail=True').json
    caps = detail['pools'][0]['capabilities']
    assert caps['volume_backend_name'] == 'lvmdriver-1'
    assert caps['total_capacity_gb'] == 1000
    assert caps['storage_protocol'] == 'local'
    assert caps['thick_provisioning_support'] is True
    assert set(caps) >= {'free_capacity_gb', 'allocated_capacity_gb',
                         'provisioned_capacity_gb', 'reserved_percentage',
                         'max_over_subscription_ratio', 'timestamp',
                         'total_volumes', 'pool_name', 'driver_version',
                         'vendor_name', 'multiattach'}
    assert sum(p['capabilities']['total_volumes']
               for p in detail['pools']) == 1
    sdk_style = vcloud.get('/scheduler-stats/get_pools?detail=True?x=1')
    assert 'capabilities' in sdk_style.json['pools'][0]
    assert vcloud.get('/scheduler-stats/get_pools',
                      user=demo).status_int == 403
    # 3.28-3.30 compare any other key with the pool's capabilities
    # (cinder has no backend_name capability, so that one matches none).
    filtered = vcloud.get('/scheduler-stats/get_pools?volume_backend_name='
                          'lvmdriver-2', version='3.28').json
    assert [p['name'] for p in filtered['pools']] == [
        'host1@lvmdriver-2#lvmdriver-2']
    assert vcloud.get('/scheduler-stats/get_pools?backend_name=lvmdriver-2',
                      version='3.28').json == {'pools': []}
    vcloud.create_type('t2', volume_backend_name='lvmdriver-2')
    by_type = vcloud.get('/scheduler-stats/get_pools?volume_type=t2',
                         version='3.35').json
    assert [p['name'] for p in by_type['pools']] == [
        'host1@lvmdriver-2#lvmdriver-2']


def test_availability_zones(vcloud, demo):
    vcloud.add_backend('lvmdriver-3', zone='az2')
    body = vcloud.get('/os-availability-zone', user=demo).json
    # cinder lists the zones in the order of their services.
    assert body == {'availabilityZoneInfo': [
        {'zoneName': 'nova', 'zoneState': {'available': True}},
        {'zoneName': 'az2', 'zoneState': {'available': True}}]}
    volume = vcloud.create_volume(availability_zone='az2')
    assert volume['os-vol-host-attr:host'] == \
        'host1@lvmdriver-3#lvmdriver-3'


def test_workers_cleanup(vcloud, demo):
    # Every service is up: nothing matches the default is_up=false.
    resp = vcloud.post('/workers/cleanup', {}, version='3.24')
    assert resp.status_int == 202
    assert resp.json == {'cleaning': [], 'unavailable': []}
    resp = vcloud.post('/workers/cleanup', {'is_up': True,
                                            'binary': 'cinder-volume'})
    assert resp.status_int == 202
    cleaning = resp.json['cleaning']
    assert sorted(s['host'] for s in cleaning) == [
        'host1@lvmdriver-1', 'host1@lvmdriver-2']
    for service in cleaning:
        assert set(service) == {'id', 'host', 'binary', 'cluster_name'}
        assert service['binary'] == 'cinder-volume'
    assert resp.json['unavailable'] == []
    resp = vcloud.post('/workers/cleanup', {'binary': 'cinder-backup'})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.post('/workers/cleanup', {'resource_type': 'backup'})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Resource type Backup not valid, must be '
        'Volume or Snapshot')
    rid = str(uuid.uuid4())
    resp = vcloud.post('/workers/cleanup', {'resource_id': rid})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input received: ('There is no resource with UUID %s "
        "pending cleanup.', '" + rid + "')")
    schemas.check_fault(vcloud.post('/workers/cleanup', {}, user=demo),
                        403, 'forbidden')
    schemas.check_fault(vcloud.post('/workers/cleanup', {},
                                    version='3.23'), 404, 'itemNotFound')


def test_default_types(vcloud, demo):
    project = demo['project_id']
    gold = vcloud.create_type('gold')
    url = '/default-types/%s' % project
    resp = vcloud.put(url, {'default_type': {'volume_type': 'gold'}},
                      version='3.62')
    assert resp.status_int == 200
    assert resp.json == {'default_type': {'project_id': project,
                                          'volume_type_id': gold}}
    assert vcloud.get(url).json == resp.json
    assert vcloud.get('/default-types').json == {'default_types': [
        {'project_id': project, 'volume_type_id': gold}]}
    # The project's volumes get it when they name no type, and it is the
    # project's /types/default; it cannot be deleted while a default.
    volume = vcloud.create_volume(user=demo)
    assert volume['volume_type'] == 'gold'
    assert vcloud.get('/types/default', user=demo).json[
        'volume_type']['name'] == 'gold'
    resp = vcloud.delete('/types/%s' % gold)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'The volume type %s is a default volume type and cannot be '
        'deleted.' % gold)
    assert vcloud.create_volume()['volume_type'] == '__DEFAULT__'
    # Refusals.
    resp = vcloud.put(url, {'default_type': {'volume_type': 'nope'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Volume type with name nope could not be found.'
    missing = uuid.uuid4().hex
    resp = vcloud.put('/default-types/%s' % missing,
                      {'default_type': {'volume_type': 'gold'}})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Project with id %s not found.' % missing
    for method, path in (('GET', url), ('GET', '/default-types'),
                         ('DELETE', url)):
        resp = vcloud.request(method, path, user=demo)
        assert schemas.check_fault(resp, 403, 'forbidden') == \
            'You are not authorized to perform this operation.'
    resp = vcloud.get(url, version='3.61')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = vcloud.put(url, {'default_type': {'volume_type': 'gold',
                                             'x': 1}})
    schemas.check_fault(resp, 400, 'badRequest')
    # Unset: 204, then not found; unsetting again is silent.
    resp = vcloud.delete(url)
    assert resp.status_int == 204 and not resp.body
    resp = vcloud.get(url)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Default type for project %s not found.' % project
    assert vcloud.delete(url).status_int == 204
    assert vcloud.create_volume(user=demo)['volume_type'] == '__DEFAULT__'


def test_consistency_groups_without_groups(vcloud, demo):
    gid = str(uuid.uuid4())
    for version in ('3.0', '3.71'):
        assert vcloud.get('/consistencygroups', version=version,
                          user=demo).json == {'consistencygroups': []}
        assert vcloud.get('/consistencygroups/detail',
                          version=version).json == {'consistencygroups': []}
        assert vcloud.get('/cgsnapshots', version=version).json == {
            'cgsnapshots': []}
        assert vcloud.get('/cgsnapshots/detail', version=version).json == {
            'cgsnapshots': []}
    resp = vcloud.get('/consistencygroups/%s' % gid)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Group %s could not be found.' % gid
    resp = vcloud.post('/consistencygroups/%s/delete' % gid,
                       {'consistencygroup': {'force': True}})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Group %s could not be found.' % gid
    resp = vcloud.put('/consistencygroups/%s/update' % gid,
                      {'consistencygroup': {'name': 'x'}})
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = vcloud.get('/cgsnapshots/%s' % gid)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'GroupSnapshot %s could not be found.' % gid
    resp = vcloud.delete('/cgsnapshots/%s' % gid)
    schemas.check_fault(resp, 404, 'itemNotFound')
