"""os-aggregates in-process: create, show, list, update, delete,
add_host, remove_host, set_metadata and the 2.81 image cache, with nova's
checks (unique names, zones, known computes, empty before delete), shapes
checked against tempest's schemas; zones from aggregates in
os-availability-zone."""
import pytest

from support import schemas

from stratus.db.api import services

BASE = '/compute/v2.1/os-aggregates'


def _schema(version='2.41'):
    return schemas.compute('aggregates', version)


@pytest.fixture
def hosts(compute_v):
    for host in ('node1', 'node2'):
        services.report(None, {'binary': 'stratus-compute', 'host': host,
                               'topic': 'compute',
                               'availability_zone': 'nova'})
    return compute_v


def _create(api, name='agg1', zone=None, version='2.41'):
    body = {'name': name}
    if zone is not None:
        body['availability_zone'] = zone
    return api.post(BASE, {'aggregate': body}, version=version)


def _action(api, aggregate_id, body, version='2.41'):
    return api.post('%s/%s/action' % (BASE, aggregate_id), body,
                    version=version)


def test_create_show_list_update_delete(hosts):
    resp = _create(hosts, zone='london')
    created = schemas.check(_schema().create_aggregate, resp)
    created = created['aggregate']
    assert set(created) == {'availability_zone', 'created_at', 'deleted',
                            'deleted_at', 'id', 'name', 'updated_at', 'uuid'}
    assert (created['name'], created['availability_zone']) == (
        'agg1', 'london')
    aid = created['id']
    shown = schemas.check(_schema().get_aggregate, hosts.get(
        '%s/%d' % (BASE, aid), version='2.41'))['aggregate']
    assert shown['hosts'] == [] and shown['metadata'] == {
        'availability_zone': 'london'}
    assert 'uuid' not in hosts.get('%s/%d' % (BASE, aid),
                                   version='2.40').json['aggregate']
    listed = schemas.check(_schema().list_aggregates,
                           hosts.get(BASE, version='2.41'))
    assert [a['id'] for a in listed['aggregates']] == [aid]
    resp = hosts.put('%s/%d' % (BASE, aid), {'aggregate': {'name': 'agg2'}},
                     version='2.41')
    updated = schemas.check(_schema().update_aggregate, resp)['aggregate']
    assert updated['name'] == 'agg2' and updated['updated_at']
    resp = hosts.delete('%s/%d' % (BASE, aid), version='2.41')
    schemas.check(_schema().delete_aggregate, resp)
    assert resp.body == b''
    schemas.check_fault(hosts.get('%s/%d' % (BASE, aid)), 404,
                        'itemNotFound')


def test_names_are_unique_and_ids_integers(hosts):
    _create(hosts)
    msg = schemas.check_fault(_create(hosts), 409, 'conflictingRequest')
    assert msg == 'Aggregate agg1 already exists.'
    other = _create(hosts, 'agg2').json['aggregate']['id']
    resp = hosts.put('%s/%d' % (BASE, other),
                     {'aggregate': {'name': 'agg1'}})
    schemas.check_fault(resp, 409, 'conflictingRequest')
    msg = schemas.check_fault(hosts.get(BASE + '/abc'), 400, 'badRequest')
    assert msg == 'Invalid input received: id must be an integer'
    msg = schemas.check_fault(hosts.get(BASE + '/999'), 404, 'itemNotFound')
    assert msg == 'Aggregate 999 could not be found.'


@pytest.mark.parametrize('body', [
    {'aggregate': {}}, {'aggregate': {'name': ''}},
    {'aggregate': {'name': 'a', 'availability_zone': 'x:y'}},
    {'aggregate': {'name': 'a', 'bogus': 1}}, {'name': 'a'},
])
def test_create_bodies(hosts, body):
    schemas.check_fault(hosts.post(BASE, body), 400, 'badRequest')


def test_members_may_not(hosts, demo):
    member = {'X-Auth-Token': demo['token']}
    schemas.check_fault(hosts.get(BASE, headers=member), 403, 'forbidden')
    schemas.check_fault(hosts.post(BASE, {'aggregate': {'name': 'a'}},
                                   headers=member), 403, 'forbidden')


def test_hosts_and_metadata(hosts):
    aid = _create(hosts, zone='london').json['aggregate']['id']
    resp = _action(hosts, aid, {'add_host': {'host': 'node1'}})
    body = schemas.check(_schema().aggregate_add_remove_host, resp)
    assert body['aggregate']['hosts'] == ['node1']
    assert body['aggregate']['updated_at'] is None
    msg = schemas.check_fault(
        _action(hosts, aid, {'add_host': {'host': 'node1'}}), 409,
        'conflictingRequest')
    assert msg == 'Aggregate %d already has host node1.' % aid
    msg = schemas.check_fault(
        _action(hosts, aid, {'add_host': {'host': 'nohost'}}), 404,
        'itemNotFound')
    assert msg == 'Compute host nohost could not be found.'
    resp = _action(hosts, aid, {'set_metadata': {'metadata': {
        'ssd': 'true', 'gone': None}}})
    body = schemas.check(_schema().aggregate_set_metadata, resp)
    assert body['aggregate']['metadata'] == {'availability_zone': 'london',
                                             'ssd': 'true'}
    resp = _action(hosts, aid, {'set_metadata': {'metadata': {
        'ssd': None}}})
    assert resp.json['aggregate']['metadata'] == {
        'availability_zone': 'london'}
    msg = schemas.check_fault(hosts.delete('%s/%d' % (BASE, aid)), 400,
                              'badRequest')
    assert msg == ('Cannot remove host from aggregate %d. Reason: Host '
                   'aggregate is not empty.' % aid)
    resp = _action(hosts, aid, {'remove_host': {'host': 'node1'}})
    body = schemas.check(_schema().aggregate_add_remove_host, resp)
    assert body['aggregate']['hosts'] == []
    msg = schemas.check_fault(
        _action(hosts, aid, {'remove_host': {'host': 'node1'}}), 404,
        'itemNotFound')
    assert msg == 'Cannot remove host node1 in aggregate %d' % aid
    msg = schemas.check_fault(_action(hosts, aid, {'bogus': {}}), 400,
                              'badRequest')
    assert msg == 'There is no such action: bogus'


def test_a_host_has_one_zone(hosts):
    london = _create(hosts, 'a1', 'london').json['aggregate']['id']
    paris = _create(hosts, 'a2', 'paris').json['aggregate']['id']
    plain = _create(hosts, 'a3').json['aggregate']['id']
    _action(hosts, london, {'add_host': {'host': 'node1'}})
    msg = schemas.check_fault(
        _action(hosts, paris, {'add_host': {'host': 'node1'}}), 409,
        'conflictingRequest')
    assert msg == ("Cannot add host to aggregate %d. Reason: One or more "
                   "hosts already in availability zone(s) ['london']."
                   % paris)
    _action(hosts, plain, {'add_host': {'host': 'node1'}})
    msg = schemas.check_fault(_action(hosts, plain, {'set_metadata': {
        'metadata': {'availability_zone': 'paris'}}}), 400, 'badRequest')
    assert msg.startswith('Cannot update metadata of aggregate %d. '
                          'Reason: One or more hosts already' % plain)
    msg = schemas.check_fault(hosts.put('%s/%d' % (BASE, london), {
        'aggregate': {'availability_zone': None}}), 400, 'badRequest')
    assert msg == ('Cannot update aggregate %d. Reason: Aggregate a1 does '
                   'not support empty named availability zone.' % london)


def test_a_zone_with_servers_does_not_move(hosts, monkeypatch):
    london = _create(hosts, 'a1', 'london').json['aggregate']['id']
    monkeypatch.setattr(services, "instances_on_host", lambda host: 1)
    msg = schemas.check_fault(
        _action(hosts, london, {'add_host': {'host': 'node1'}}), 409,
        'conflictingRequest')
    assert msg.startswith(
        "Cannot add host to aggregate %d. Reason: The host cannot be added "
        "to the aggregate as the availability zone of the host would "
        "change from 'None' to 'london' but the host already has 1 "
        "instance(s)." % london)
    plain = _create(hosts, 'a2').json['aggregate']['id']
    _action(hosts, plain, {'add_host': {'host': 'node2'}})
    msg = schemas.check_fault(_action(hosts, plain, {'set_metadata': {
        'metadata': {'availability_zone': 'paris'}}}), 400, 'badRequest')
    assert msg == ('Cannot update metadata of aggregate %d. Reason: One or '
                   'more hosts contain instances in this zone.' % plain)


def test_zones_from_aggregates(hosts):
    aid = _create(hosts, 'a1', 'london').json['aggregate']['id']
    _action(hosts, aid, {'add_host': {'host': 'node1'}})
    zones = hosts.get('/compute/v2.1/os-availability-zone/detail',
                      version='2.1').json['availabilityZoneInfo']
    by_name = {z['zoneName']: z for z in zones}
    assert set(by_name['london']['hosts']) == {'node1'}
    assert set(by_name['nova']['hosts']) == {'node2'}


def test_image_cache_from_281(hosts):
    aid = _create(hosts).json['aggregate']['id']
    body = {'cache': [{'id': 'a0f3f5c7-0a7e-4e0a-9f3e-4b4c3f3b7d10'}]}
    path = '%s/%d/images' % (BASE, aid)
    schemas.check_fault(hosts.post(path, body, version='2.80'), 404,
                        'itemNotFound')
    resp = hosts.post(path, body, version='2.81')
    assert resp.status_int == 202 and resp.body == b''
    msg = schemas.check_fault(hosts.post(path, {'cache': body['cache'] * 2},
                                         version='2.81'), 400, 'badRequest')
    assert msg == 'Duplicate images in request'
    schemas.check_fault(hosts.post(path, {'cache': []}, version='2.81'),
                        400, 'badRequest')
    schemas.check_fault(hosts.post('%s/999/images' % BASE, body,
                                   version='2.81'), 404, 'itemNotFound')


def test_strict_query_from_2102(hosts):
    assert hosts.get(BASE + '?x=1', version='2.101').status_int == 200
    msg = schemas.check_fault(hosts.get(BASE + '?x=1', version='2.102'),
                              400, 'badRequest')
    assert msg == "Additional properties are not allowed ('x' was " \
        "unexpected)"
