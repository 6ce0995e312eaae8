"""Pools, availability zones, messages and the service list at the
microversions the SDK sends."""


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


def test_messages(vcloud, demo):
    vcloud.create_type('nowhere', volume_backend_name='nope')
    volume = vcloud.create_volume(volume_type='nowhere', user=demo)
    assert vcloud.get('/messages', version='3.2',
                      user=demo).status_int == 404
    messages = vcloud.get('/messages', version='3.3', user=demo).json[
        'messages']
    assert len(messages) == 1
    message = messages[0]
    assert set(message) == {'id', 'event_id', 'user_message',
                            'message_level', 'resource_type',
                            'resource_uuid', 'created_at',
                            'guaranteed_until', 'request_id', 'links'}
    assert message['resource_uuid'] == volume['id']
    assert message['message_level'] == 'ERROR'
    url = '/messages/%s' % message['id']
    assert vcloud.get(url, user=demo).json['message'] == message
    assert vcloud.delete(url, user=demo).status_int == 204
    assert vcloud.get(url, user=demo).status_int == 404


def test_services_per_version(vcloud):
    at_30 = vcloud.get('/os-services', version='3.0').json['services']
    assert 'cluster' not in at_30[0]
    at_332 = vcloud.get('/os-services', version='3.32').json['services']
    assert all(s['cluster'] is None for s in at_332)
    assert 'backend_state' not in at_332[0]
    at_349 = vcloud.get('/os-services?binary=stratus-volume',
                        version='3.49').json['services']
    assert {s['backend_state'] for s in at_349} == {'up'}
