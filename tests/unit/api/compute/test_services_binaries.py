"""os-services of the compute API names nova's binaries (nova-compute,
nova-scheduler, nova-conductor) in lists, filters, update bodies and the
availability zone detail; the daemons' own stratus-* names are not API
names."""
import pytest

from support import schemas

from stratus.db.api import services

BASE = '/compute/v2.1/os-services'


@pytest.fixture
def daemons(compute_v):
    for binary, host, zone in (('stratus-conductor', 'ctl', 'internal'),
                               ('stratus-scheduler', 'ctl', 'internal'),
                               ('stratus-compute', 'node1', 'nova'),
                               ('stratus-volume', 'ctl@lvm', 'nova')):
        services.report(None, {'binary': binary, 'host': host,
                               'topic': binary.split('-')[1],
                               'availability_zone': zone})
    return compute_v


def _list(api, query='', version='2.11'):
    return schemas.check(schemas.compute('services', version).list_services,
                         api.get(BASE + query, version=version))['services']


def test_list_and_filter_by_nova_names(daemons):
    assert [s['binary'] for s in _list(daemons)] == [
        'nova-conductor', 'nova-scheduler', 'nova-compute']
    assert [s['host'] for s in _list(daemons, '?binary=nova-compute')] == [
        'node1']
    assert [s['binary'] for s in _list(
        daemons, '?binary=nova-scheduler', '2.53')] == ['nova-scheduler']
    assert _list(daemons, '?binary=stratus-compute') == []
    assert _list(daemons, '?binary=cinder-volume') == []


def test_updates_take_nova_names(daemons):
    v211 = schemas.compute('services', '2.11')
    body = {'host': 'node1', 'binary': 'nova-compute'}
    resp = daemons.put(BASE + '/disable', body, version='2.11')
    assert schemas.check(v211.enable_disable_service, resp) == {
        'service': dict(body, status='disabled')}
    assert _list(daemons, '?binary=nova-compute')[0]['status'] == 'disabled'
    resp = daemons.put(BASE + '/enable', body, version='2.11')
    schemas.check(v211.enable_disable_service, resp)
    msg = schemas.check_fault(daemons.put(BASE + '/disable', dict(
        body, binary='nova-scheduler', host='ctl'), version='2.11'), 400,
        'badRequest')
    assert msg == ('Updating a nova-scheduler service is not supported. '
                   'Only nova-compute services can be updated.')
    msg = schemas.check_fault(daemons.put(BASE + '/disable', dict(
        body, binary='stratus-compute'), version='2.11'), 400, 'badRequest')
    assert msg.startswith('Updating a stratus-compute service')
    msg = schemas.check_fault(daemons.put(BASE + '/disable', dict(
        body, host='nohost'), version='2.11'), 404, 'itemNotFound')
    assert msg == 'Could not find binary nova-compute on host nohost.'
    sched = _list(daemons, '?binary=nova-scheduler', '2.53')[0]
    msg = schemas.check_fault(daemons.put(BASE + '/' + sched['id'], {
        'status': 'disabled'}, version='2.53'), 400, 'badRequest')
    assert msg.startswith('Updating a nova-scheduler service')
    compute = _list(daemons, '?binary=nova-compute', '2.53')[0]
    resp = daemons.put(BASE + '/' + compute['id'], {'status': 'disabled'},
                       version='2.53')
    body = schemas.check(schemas.compute('services', '2.53').update_service,
                         resp)
    assert body['service']['binary'] == 'nova-compute'


def test_zone_detail_names_nova_binaries(daemons):
    zones = daemons.get('/compute/v2.1/os-availability-zone/detail',
                        version='2.1').json['availabilityZoneInfo']
    hosts = {}
    for zone in zones:
        hosts.update(zone['hosts'] or {})
    assert set(hosts['ctl']) == {'nova-conductor', 'nova-scheduler'}
    assert set(hosts['node1']) == {'nova-compute'}
