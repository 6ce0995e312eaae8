"""POST /os-server-external-events (nova's ServerExternalEventsController
and ComputeAPI.external_instance_event): the service role only; names
gated by microversion (2.51 volume-extended, 2.76 power-update, 2.82
accelerator-request-bound, 2.93 volume-reimaged); per-event codes 200,
400 (tag missing), 404 (no server), 422 (no host), 207 when any failed;
volume-extended and power-update open an instance action; the accepted
events go to the server's compute in one cast."""
import uuid

import pytest

from support import compute_api
from support import schemas
from support.identity import V3, token_for

from stratus.common import rpc
from stratus.db.api import block_devices
from stratus.db.api import volumes as db_volumes

EVENTS = '/compute/v2.1/os-server-external-events'
SERVERS = compute_api.SERVERS
SERVICE_PASSWORD = 'service-secret'
EVENT_KEYS = {'name', 'server_uuid', 'status', 'code'}
_mv = compute_api.mv


@pytest.fixture
def cloud(monkeypatch, admin):
    compute_api.build(monkeypatch, admin)
    admin.admin_token = admin.token
    # A user with the service role alone, as neutron's and cinder's
    # service users hold it.
    project = admin.get(V3 + '/auth/tokens', headers={
        'X-Subject-Token': admin.token}).json['token']['project']['id']
    role = admin.post(V3 + '/roles', {'role': {'name': 'service'}})
    assert role.status_int == 201, role.text
    user = admin.post(V3 + '/users', {'user': {
        'name': 'nova-events', 'password': SERVICE_PASSWORD,
        'default_project_id': project}}).json['user']
    assert admin.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        project, user['id'], role.json['role']['id'])).status_int == 204
    admin.service_token = token_for(admin, 'nova-events', SERVICE_PASSWORD,
                                    'admin')
    admin.token = admin.service_token
    yield admin
    rpc.init()


def _server(cloud, host='compute1', **values):
    return compute_api.boot(cloud, cloud.admin_token, host=host, **values)


def _post(cloud, events, version='2.1', token=None):
    return cloud.post(EVENTS, {'events': events},
                      headers=_mv(version, token))


def _actions(cloud, sid):
    return [a['action'] for a in cloud.get(
        SERVERS + '/%s/os-instance-actions' % sid, headers={
            'X-Auth-Token': cloud.admin_token}).json['instanceActions']]


def _check_events(resp, status):
    assert resp.status_int == status, resp.text
    for event in resp.json['events']:
        assert set(event) - {'tag'} == EVENT_KEYS, event
    return resp.json['events']


def test_network_event_accepted_and_cast(cloud):
    sid = _server(cloud)
    resp = _post(cloud, [{'name': 'network-changed', 'server_uuid': sid}])
    body = schemas.check(
        schemas.compute('server_external_events', '2.1').create, resp)
    assert body['events'] == [{'name': 'network-changed',
                               'server_uuid': sid, 'status': 'completed',
                               'code': 200}]
    method, args, kwargs = cloud.casts.sent[-1]
    assert method == 'external_instance_event'
    assert args[0] == 'compute1'
    assert [i['uuid'] for i in args[1]] == [sid]
    assert args[2][0]['name'] == 'network-changed'
    # Network events open no instance action.
    assert _actions(cloud, sid) == ['create']


def test_status_and_tag_echoed(cloud):
    sid = _server(cloud)
    resp = _post(cloud, [{'name': 'network-vif-plugged', 'server_uuid': sid,
                          'status': 'in-progress', 'tag': 'port-1'}])
    body = schemas.check(
        schemas.compute('server_external_events', '2.1').create, resp)
    # nova answers an accepted event as completed whatever was sent.
    assert body['events'][0] == {'name': 'network-vif-plugged',
                                 'server_uuid': sid, 'status': 'completed',
                                 'tag': 'port-1', 'code': 200}
    assert cloud.casts.sent[-1][1][2][0]['status'] == 'in-progress'


def test_mixed_results_are_207(cloud):
    sid = _server(cloud)
    unhosted = _server(cloud, host=None)
    missing = str(uuid.uuid4())
    resp = _post(cloud, [
        {'name': 'network-changed', 'server_uuid': sid},
        {'name': 'network-changed', 'server_uuid': missing},
        {'name': 'network-changed', 'server_uuid': unhosted},
        {'name': 'volume-extended', 'server_uuid': sid}], version='2.51')
    events = _check_events(resp, 207)
    assert [(e['code'], e['status']) for e in events] == [
        (200, 'completed'), (404, 'failed'), (422, 'failed'),
        (400, 'failed')]
    # Only the accepted one is delivered.
    assert len(cloud.casts.sent[-1][1][2]) == 1


def test_all_unknown_is_207_not_404(cloud):
    # Since nova's fix of bug 1855752 no event found is still 207.
    resp = _post(cloud, [{'name': 'network-changed',
                          'server_uuid': str(uuid.uuid4())}])
    events = _check_events(resp, 207)
    assert events[0]['code'] == 404
    assert cloud.casts.sent == []


@pytest.mark.parametrize('name,first', [
    ('volume-extended', '2.51'), ('power-update', '2.76'),
    ('accelerator-request-bound', '2.82'), ('volume-reimaged', '2.93')])
def test_names_by_microversion(cloud, name, first):
    sid = _server(cloud)
    event = {'name': name, 'server_uuid': sid, 'tag': 'POWER_ON'}
    major, minor = first.split('.')
    before = '%s.%d' % (major, int(minor) - 1)
    schemas.check_fault(_post(cloud, [event], version=before), 400,
                        'badRequest')
    resp = _post(cloud, [event], version=first)
    assert _check_events(resp, 200)[0]['code'] == 200


@pytest.mark.parametrize('body', [
    {}, {'events': []}, {'events': [{'name': 'network-changed'}]},
    {'events': [{'name': 'bogus', 'server_uuid': str(uuid.uuid4())}]},
    {'events': [{'name': 'network-changed', 'server_uuid': 'not-a-uuid'}]},
    {'events': [{'name': 'network-changed', 'server_uuid': str(uuid.uuid4()),
                 'status': 'done'}]},
    {'events': [{'name': 'network-changed', 'server_uuid': str(uuid.uuid4()),
                 'tag': 'x' * 256}]},
    {'events': [{'name': 'network-changed', 'server_uuid': str(uuid.uuid4()),
                 'extra': 1}]},
])
def test_bad_bodies(cloud, body):
    resp = cloud.post(EVENTS, body, headers=_mv('2.93'))
    schemas.check_fault(resp, 400, 'badRequest')


def test_admin_without_service_role_is_forbidden(cloud):
    sid = _server(cloud)
    resp = _post(cloud, [{'name': 'network-changed', 'server_uuid': sid}],
                 token=cloud.admin_token)
    msg = schemas.check_fault(resp, 403, 'forbidden')
    assert 'os_compute_api:os-server-external-events:create' in msg


def test_volume_extended_records_action_and_new_size(cloud):
    sid = _server(cloud)
    vol = db_volumes.create({
        'id': str(uuid.uuid4()), 'project_id': 'p', 'user_id': 'u',
        'size': 3, 'status': 'in-use', 'host': None,
        'availability_zone': 'nova'})['id']
    block_devices.create({
        'uuid': str(uuid.uuid4()), 'instance_uuid': sid, 'volume_id': vol,
        'device_name': '/dev/vdb', 'source_type': 'volume',
        'destination_type': 'volume', 'volume_size': 1,
        'connection_info': {'driver_volume_type': 'local',
                            'data': {'volume_id': vol}}})
    resp = _post(cloud, [{'name': 'volume-extended', 'server_uuid': sid,
                          'tag': vol}], version='2.51')
    assert _check_events(resp, 200)[0] == {
        'name': 'volume-extended', 'server_uuid': sid, 'tag': vol,
        'status': 'completed', 'code': 200}
    assert _actions(cloud, sid)[0] == 'extend_volume'
    event = cloud.casts.sent[-1][1][2][0]
    assert event['data']['volume_size'] == 3
    assert event['data']['bdm']['connection_info']['data'][
        'volume_id'] == vol
    assert block_devices.get_by_volume(sid, vol)['volume_size'] == 3


@pytest.mark.parametrize('tag,action', [('POWER_ON', 'start'),
                                        ('POWER_OFF', 'stop')])
def test_power_update_records_action(cloud, tag, action):
    sid = _server(cloud)
    resp = _post(cloud, [{'name': 'power-update', 'server_uuid': sid,
                          'tag': tag}], version='2.76')
    assert _check_events(resp, 200)[0]['code'] == 200
    assert _actions(cloud, sid)[0] == action
    assert cloud.casts.sent[-1][0] == 'external_instance_event'


def test_power_update_bad_tag_accepted_but_skipped(cloud):
    sid = _server(cloud)
    resp = _post(cloud, [{'name': 'power-update', 'server_uuid': sid,
                          'tag': 'SIDEWAYS'}], version='2.76')
    assert _check_events(resp, 200)[0]['code'] == 200
    assert _actions(cloud, sid) == ['create']
    assert cloud.casts.sent == [] or \
        cloud.casts.sent[-1][0] != 'external_instance_event'
