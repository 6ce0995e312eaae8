"""evacuate, changePassword and trigger_crash_dump through
POST /servers/{id}/action, as nova answers them: bodies per microversion,
the server (404), the policy (403), the state (409) and each action's own
refusals; success answers checked against tempest's schemas."""
import datetime
import uuid

import pytest

from support import compute_api
from support import schemas

from stratus.common import exception
from stratus.common import rpc
from stratus.db.api import instances
from stratus.db.api import migrations as db_migrations
from stratus.db.api import services

SERVERS = '/compute/v2.1/servers'
# tempest's servers client checks these actions with its 2.1 schemas at
# every microversion.
V21 = schemas.compute('servers', '2.1')


Recorder = compute_api.RecordingComputeRPC


@pytest.fixture
def cloud(monkeypatch, admin):
    compute_api.build(monkeypatch, admin, conductor=Recorder())
    for host in ('compute1', 'compute2'):
        services.report(None, {'host': host, 'binary': 'stratus-compute',
                               'topic': 'compute',
                               'availability_zone': 'nova'})
    yield admin
    rpc.init()


def _mv(version, token=None):
    headers = {'OpenStack-API-Version': 'compute %s' % version}
    if token:
        headers['X-Auth-Token'] = token
    return headers


def _server(cloud, vm_state='active', token=None, host='compute1'):
    body = {'name': 'vm', 'imageRef': cloud.image['id'], 'flavorRef': '1'}
    resp = cloud.post(SERVERS, {'server': body}, headers=_mv('2.1', token))
    assert resp.status_int == 202, resp.text
    sid = resp.json['server']['id']
    instances.update(sid, {'vm_state': vm_state, 'task_state': None,
                           'host': host, 'node': host,
                           'launched_at': datetime.datetime.utcnow()})
    cloud.conductor.sent.clear()
    return sid


def _down(host='compute1'):
    row, = services.service_list(binary='stratus-compute', host=host)
    services.service_update(row['id'], {'forced_down': True})


def _act(cloud, sid, body, version='2.1', token=None):
    return cloud.post(SERVERS + '/%s/action' % sid, body,
                      headers=_mv(version, token))


def _actions(cloud, sid):
    return [a['action'] for a in cloud.get(
        SERVERS + '/%s/os-instance-actions' % sid,
        headers=_mv('2.1')).json['instanceActions']]


# --- evacuate ----------------------------------------------------------------
def test_evacuate_below_214_answers_the_password(cloud):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {'onSharedStorage': False,
                                          'adminPass': 'Secret1'}})
    body = schemas.check(
        schemas.compute('servers', '2.1').evacuate_server_with_admin_pass,
        resp)
    assert body == {'adminPass': 'Secret1'}
    server = instances.get(sid)
    assert (server['vm_state'], server['task_state']) == ('active',
                                                          'rebuilding')
    migration, = db_migrations.migration_list(instance_uuid=sid)
    assert (migration['migration_type'], migration['status'],
            migration['source_compute'], migration['dest_compute']) == (
        'evacuation', 'accepted', 'compute1', None)
    (method, args, kwargs), = cloud.conductor.sent
    assert method == 'evacuate_instance'
    assert args == (sid, migration['uuid'])
    assert kwargs == {'host': None, 'password': 'Secret1',
                      'on_shared_storage': False, 'target_state': None,
                      'force': False}
    assert 'evacuate' in _actions(cloud, sid)


def test_evacuate_generates_a_password_below_214(cloud):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {'onSharedStorage': 'false',
                                          'host': 'compute2'}})
    body = schemas.check(
        schemas.compute('servers', '2.1').evacuate_server_with_admin_pass,
        resp)
    assert len(body['adminPass']) == 12
    migration, = db_migrations.migration_list(instance_uuid=sid)
    assert migration['dest_compute'] == 'compute2'
    # nova: a host before 2.29 is forced (no scheduler filters).
    (_, _, kwargs), = cloud.conductor.sent
    assert (kwargs['host'], kwargs['force']) == ('compute2', True)


def test_evacuate_on_shared_storage_refuses_a_password(cloud):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {'onSharedStorage': True,
                                          'adminPass': 'x'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        "admin password can't be changed on existing disk"


@pytest.mark.parametrize('version,body', [
    ('2.1', {}),                                  # onSharedStorage needed
    ('2.13', {'onSharedStorage': 'maybe'}),
    ('2.14', {'onSharedStorage': False}),          # removed at 2.14
    ('2.28', {'force': True, 'host': 'compute2'}),  # not yet
    ('2.68', {'force': False}),                    # removed at 2.68
    ('2.14', {'host': 'bad host'}),
    ('2.14', {'adminPass': 1}),
])
def test_evacuate_bodies_nova_refuses(cloud, version, body):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': body}, version)
    schemas.check_fault(resp, 400, 'badRequest')
    assert cloud.conductor.sent == []


@pytest.mark.parametrize('version', ['2.14', '2.29', '2.67', '2.68',
                                     '2.94'])
def test_evacuate_from_214_answers_no_body(cloud, version):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {}}, version)
    schemas.check(V21.evacuate_server, resp)
    assert resp.body == b''
    (_, _, kwargs), = cloud.conductor.sent
    assert kwargs['target_state'] is None and kwargs['force'] is False
    assert kwargs['on_shared_storage'] is None
    assert len(kwargs['password']) == 12


def test_evacuate_from_295_lands_stopped(cloud):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {'host': 'compute2'}}, '2.95')
    schemas.check(V21.evacuate_server, resp)
    (_, _, kwargs), = cloud.conductor.sent
    assert (kwargs['target_state'], kwargs['host']) == ('stopped',
                                                        'compute2')


def test_evacuate_force_without_host(cloud):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {'force': True}}, '2.29')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        "Can't force to a non-provided destination"


def test_evacuate_forced_to_a_host(cloud):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {'force': 'true',
                                          'host': 'compute2'}}, '2.29')
    schemas.check(V21.evacuate_server, resp)
    (_, _, kwargs), = cloud.conductor.sent
    assert (kwargs['host'], kwargs['force']) == ('compute2', True)


@pytest.mark.parametrize('version,body', [
    ('2.29', {'host': 'compute2'}), ('2.67', {'host': 'compute2',
                                              'force': False}),
    ('2.68', {'host': 'compute2'})])
def test_evacuate_to_a_host_through_the_scheduler(cloud, version, body):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': body}, version)
    schemas.check(V21.evacuate_server, resp)
    (_, _, kwargs), = cloud.conductor.sent
    assert (kwargs['host'], kwargs['force']) == ('compute2', False)


def test_evacuate_unknown_host(cloud):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {'host': 'nohost'}}, '2.14')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Compute host nohost not found.'


def test_evacuate_to_its_own_host(cloud):
    sid = _server(cloud)
    _down()
    resp = _act(cloud, sid, {'evacuate': {'host': 'compute1'}}, '2.14')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        "The target host can't be the same one."


def test_evacuate_while_the_host_is_up(cloud):
    sid = _server(cloud)
    resp = _act(cloud, sid, {'evacuate': {}}, '2.14')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Compute service of compute1 is still in use.'
    assert instances.get(sid)['task_state'] is None
    assert db_migrations.migration_list(instance_uuid=sid) == []


@pytest.mark.parametrize('vm_state', ['stopped', 'error'])
def test_evacuate_from_stopped_and_error(cloud, vm_state):
    sid = _server(cloud, vm_state)
    _down()
    resp = _act(cloud, sid, {'evacuate': {}}, '2.14')
    schemas.check(V21.evacuate_server, resp)


@pytest.mark.parametrize('vm_state', ['paused', 'suspended', 'rescued',
                                      'shelved_offloaded'])
def test_evacuate_refused_in_other_states(cloud, vm_state):
    sid = _server(cloud, vm_state)
    _down()
    resp = _act(cloud, sid, {'evacuate': {}}, '2.14')
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'evacuate' instance %s while it is in vm_state %s" % (
            sid, vm_state))


def test_evacuate_of_a_locked_server_goes_on(cloud):
    # nova's evacuate checks no lock.
    sid = _server(cloud)
    instances.update(sid, {'locked': True, 'locked_by': 'owner'})
    _down()
    resp = _act(cloud, sid, {'evacuate': {}}, '2.14')
    assert resp.status_int == 200


def test_evacuate_is_for_admins(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    _down()
    resp = _act(cloud, sid, {'evacuate': {}}, '2.14', demo['token'])
    schemas.check_fault(resp, 403, 'forbidden')


def test_evacuate_unknown_server(cloud):
    resp = _act(cloud, str(uuid.uuid4()), {'evacuate': {}}, '2.14')
    schemas.check_fault(resp, 404, 'itemNotFound')


# --- changePassword ----------------------------------------------------------
def test_change_password(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    resp = _act(cloud, sid, {'changePassword': {'adminPass': 'N3w'}},
                token=demo['token'])
    schemas.check(V21.server_actions_common_schema, resp)
    (method, args, kwargs), = cloud.casts.sent
    assert method == 'set_admin_password'
    assert args[0]['uuid'] == sid and args[1] == 'N3w'
    assert instances.get(sid)['task_state'] == 'updating_password'
    assert cloud.get(SERVERS + '/' + sid).json['server']['status'] == \
        'PASSWORD'
    assert 'changePassword' in _actions(cloud, sid)


@pytest.mark.parametrize('body', [{}, {'adminPass': 5},
                                  {'adminPass': 'a', 'x': 1}, None])
def test_change_password_bodies_nova_refuses(cloud, body):
    sid = _server(cloud)
    resp = _act(cloud, sid, {'changePassword': body})
    schemas.check_fault(resp, 400, 'badRequest')


@pytest.mark.parametrize('vm_state', ['stopped', 'paused', 'error'])
def test_change_password_only_when_active(cloud, vm_state):
    sid = _server(cloud, vm_state)
    resp = _act(cloud, sid, {'changePassword': {'adminPass': 'x'}})
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'changePassword' instance %s while it is in vm_state %s"
        % (sid, vm_state))


def test_change_password_of_a_locked_server(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    _act(cloud, sid, {'lock': None})
    resp = _act(cloud, sid, {'changePassword': {'adminPass': 'x'}},
                token=demo['token'])
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == \
        'Instance %s is locked' % sid


@pytest.mark.parametrize('raised,status,name,message', [
    (NotImplementedError('set_admin_password is not implemented'), 501,
     'notImplemented', 'Unable to set password on instance'),
    (exception.SetAdminPasswdNotSupported(), 409, 'conflictingRequest',
     'Set admin password is not supported'),
    (exception.InstanceAgentNotEnabled(), 409, 'conflictingRequest',
     'Guest agent is not enabled for the instance'),
    (exception.InstancePasswordSetFailed(instance='i', reason='r'), 409,
     'conflictingRequest', 'Failed to set admin password on i because r'),
])
def test_change_password_refused_by_the_compute(cloud, raised, status,
                                                name, message):
    sid = _server(cloud)
    cloud.casts.raises['set_admin_password'] = raised
    resp = _act(cloud, sid, {'changePassword': {'adminPass': 'x'}})
    assert schemas.check_fault(resp, status, name) == message


def test_change_password_other_project(cloud, demo):
    sid = _server(cloud)
    resp = _act(cloud, sid, {'changePassword': {'adminPass': 'x'}},
                token=demo['token'])
    schemas.check_fault(resp, 404, 'itemNotFound')


# --- trigger_crash_dump ------------------------------------------------------
def test_trigger_crash_dump(cloud, demo):
    sid = _server(cloud, 'paused', token=demo['token'])
    resp = _act(cloud, sid, {'trigger_crash_dump': None}, '2.17',
                demo['token'])
    schemas.check(V21.server_actions_common_schema, resp)
    (method, args, _), = cloud.casts.sent
    assert method == 'trigger_crash_dump' and args[0]['uuid'] == sid
    assert 'trigger_crash_dump' in _actions(cloud, sid)


def test_trigger_crash_dump_before_217(cloud):
    sid = _server(cloud)
    resp = _act(cloud, sid, {'trigger_crash_dump': None}, '2.16')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'
    assert cloud.casts.sent == []


@pytest.mark.parametrize('value', [{}, True, 'x'])
def test_trigger_crash_dump_takes_only_null(cloud, value):
    sid = _server(cloud)
    resp = _act(cloud, sid, {'trigger_crash_dump': value}, '2.17')
    schemas.check_fault(resp, 400, 'badRequest')


@pytest.mark.parametrize('vm_state', ['stopped', 'suspended',
                                      'shelved_offloaded'])
def test_trigger_crash_dump_state(cloud, vm_state):
    sid = _server(cloud, vm_state)
    resp = _act(cloud, sid, {'trigger_crash_dump': None}, '2.17')
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'trigger_crash_dump' instance %s while it is in vm_state "
        "%s" % (sid, vm_state))


def test_trigger_crash_dump_without_host(cloud):
    sid = _server(cloud)
    instances.update(sid, {'host': None})
    resp = _act(cloud, sid, {'trigger_crash_dump': None}, '2.17')
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == \
        'Instance %s is not ready' % sid


def test_trigger_crash_dump_locked(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    _act(cloud, sid, {'lock': None})
    resp = _act(cloud, sid, {'trigger_crash_dump': None}, '2.17',
                demo['token'])
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == \
        'Instance %s is locked' % sid
