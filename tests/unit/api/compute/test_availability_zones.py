"""os-availability-zone at 2.1: zones of the compute services; /detail
(admin) with the internal zone and each host's services."""
from stratus.db.api import services

BASE = '/compute/v2.1/os-availability-zone'


def _service(host, binary, zone):
    return services.report(None, {'host': host, 'binary': binary,
                                  'topic': binary.split('-')[1],
                                  'availability_zone': zone})


def _cloud():
    _service('ctl', 'stratus-conductor', 'internal')
    _service('ctl', 'stratus-scheduler', 'internal')
    _service('node1', 'stratus-compute', 'nova')
    _service('node2', 'stratus-compute', 'nova')
    # The volume API owns storage zones; they never show here.
    _service('ctl@lvm', 'stratus-volume', 'storage')


def test_list_shows_compute_zones_without_hosts(admin, demo):
    _cloud()
    body = admin.get(BASE, headers={'X-Auth-Token': demo['token']}).json
    assert body == {'availabilityZoneInfo': [
        {'zoneName': 'nova', 'zoneState': {'available': True},
         'hosts': None}]}


def test_a_zone_with_only_disabled_services_is_not_available(admin):
    _cloud()
    row = _service('edge1', 'stratus-compute', 'edge')
    services.service_update(row['id'], {'disabled': True})
    body = admin.get(BASE).json['availabilityZoneInfo']
    assert body == [
        {'zoneName': 'nova', 'zoneState': {'available': True},
         'hosts': None},
        {'zoneName': 'edge', 'zoneState': {'available': False},
         'hosts': None}]
    detail = admin.get(BASE + '/detail').json['availabilityZoneInfo']
    assert detail[-1] == {'zoneName': 'edge',
                          'zoneState': {'available': False}, 'hosts': None}


def test_detail_lists_hosts_and_services(admin):
    _cloud()
    row = _service('node2', 'stratus-compute', 'nova')
    services.service_update(row['id'], {'disabled': True})
    body = admin.get(BASE + '/detail').json['availabilityZoneInfo']
    assert [z['zoneName'] for z in body] == ['internal', 'nova']
    internal = body[0]['hosts']
    assert set(internal) == {'ctl'}
    assert set(internal['ctl']) == {'nova-conductor', 'nova-scheduler'}
    state = internal['ctl']['nova-conductor']
    assert state['available'] is True and state['active'] is True
    assert len(state['updated_at']) == len('2026-01-01T00:00:00.000000')
    # Disabled services are left out of an available zone's hosts.
    assert set(body[1]['hosts']) == {'node1'}
    assert set(body[1]['hosts']['node1']) == {'nova-compute'}


def test_detail_is_admin_only(admin, demo):
    resp = admin.get(BASE + '/detail', headers={'X-Auth-Token':
                                                demo['token']})
    assert resp.status_int == 403


def test_no_services_no_zones(admin):
    assert admin.get(BASE).json == {'availabilityZoneInfo': []}
