"""Server sub-resources and admin actions in-process: ips, os-server-password,
diagnostics (pre-2.48 and 2.48 views), topology (2.78), os-resetState,
injectNetworkInfo and createBackup (body, answer per microversion, image
properties, the cast), each checked against tempest's schemas."""
import datetime
import uuid

import pytest

from support import compute_api
from support import schemas

from stratus.common import rpc
from stratus.compute import diagnostics
from stratus.compute import states
from stratus.compute.virt import fake
from stratus.db.api import images
from stratus.db.api import instances

SERVERS = '/compute/v2.1/servers'


class ComputeStandIn:
    """What the API casts and calls: casts recorded, diagnostics answered
    by a FakeDriver holding the server's guest."""

    def __init__(self):
        self.sent = []
        self.driver = fake.FakeDriver()

    def get_diagnostics(self, ctxt, instance):
        return diagnostics.legacy(self.driver, instance)

    def get_instance_diagnostics(self, ctxt, instance):
        return diagnostics.standard(self.driver, instance)

    def __getattr__(self, method):
        def record(ctxt, *args, **kwargs):
            self.sent.append((method, args, kwargs))
        return record


@pytest.fixture
def cloud(monkeypatch, admin):
    admin.compute = ComputeStandIn()
    compute_api.build(monkeypatch, admin, (2, 100), casts=admin.compute,
                      image_properties={'os_distro': 'cirros'}, vcpus=2)
    yield admin
    rpc.init()


def _mv(version, token=None):
    headers = {'OpenStack-API-Version': 'compute %s' % version}
    if token:
        headers['X-Auth-Token'] = token
    return headers


def _server(cloud, vm_state='active', token=None, power=states.RUNNING):
    body = {'name': 'vm', 'imageRef': cloud.image['id'], 'flavorRef': '1'}
    resp = cloud.post(SERVERS, {'server': body}, headers=_mv('2.1', token))
    assert resp.status_int == 202, resp.text
    sid = resp.json['server']['id']
    instance = instances.update(sid, {
        'vm_state': vm_state, 'task_state': None, 'host': 'compute1',
        'node': 'compute1', 'power_state': power,
        'launched_at': datetime.datetime.utcnow()})
    instance = dict(instance, flavor={'vcpus': 2, 'memory_mb': 64,
                                      'root_gb': 1})
    cloud.compute.driver.spawn(None, instance, {'id': cloud.image['id']})
    return sid


def _action(cloud, sid, body, version='2.1', token=None):
    return cloud.post(SERVERS + '/%s/action' % sid, body,
                      headers=_mv(version, token))


# --- ips ---------------------------------------------------------------------
def test_ips_of_a_server_without_ports(cloud):
    sid = _server(cloud)
    resp = cloud.get(SERVERS + '/%s/ips' % sid)
    body = schemas.check(schemas.compute('servers', '2.1').list_addresses,
                         resp)
    assert body == {'addresses': {}}


def test_ips_of_an_unknown_network_is_404(cloud):
    sid = _server(cloud)
    resp = cloud.get(SERVERS + '/%s/ips/private' % sid)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Instance is not a member of specified network'


def test_ips_of_an_unknown_server_is_404(cloud):
    resp = cloud.get(SERVERS + '/%s/ips' % uuid.uuid4())
    schemas.check_fault(resp, 404, 'itemNotFound')


# --- os-server-password ------------------------------------------------------
def test_password_is_empty_until_set_and_delete_clears_it(cloud):
    sid = _server(cloud)
    path = SERVERS + '/%s/os-server-password' % sid
    show = schemas.compute('servers', '2.1').show_password
    assert schemas.check(show, cloud.get(path)) == {'password': ''}
    secret = 'x' * 300
    system = dict(instances.get(sid)['system_metadata'],
                  password_0=secret[:255], password_1=secret[255:])
    instances.update(sid, {'system_metadata': system})
    assert schemas.check(show, cloud.get(path)) == {'password': secret}
    resp = cloud.delete(path)
    schemas.check(schemas.compute('servers', '2.1')
                  .server_actions_delete_password, resp)
    assert schemas.check(show, cloud.get(path)) == {'password': ''}


def test_password_of_an_unknown_server_is_404(cloud):
    resp = cloud.get(SERVERS + '/%s/os-server-password' % uuid.uuid4())
    schemas.check_fault(resp, 404, 'itemNotFound')


# --- os-resetState -----------------------------------------------------------
@pytest.mark.parametrize('state', ['active', 'error'])
def test_reset_state_sets_vm_state_and_clears_task_state(cloud, state):
    sid = _server(cloud, vm_state='stopped')
    instances.update(sid, {'task_state': states.REBOOTING})
    resp = _action(cloud, sid, {'os-resetState': {'state': state}})
    schemas.check(schemas.compute('servers', '2.1')
                  .server_actions_common_schema, resp)
    row = instances.get(sid)
    assert (row['vm_state'], row['task_state']) == (state, None)
    actions = cloud.get(SERVERS + '/%s/os-instance-actions' % sid).json
    assert actions['instanceActions'][0]['action'] == 'resetState'


@pytest.mark.parametrize('value', [{'state': 'stopped'}, {}, None,
                                   {'state': 'active', 'x': 1}])
def test_reset_state_bad_bodies_are_400(cloud, value):
    sid = _server(cloud)
    resp = _action(cloud, sid, {'os-resetState': value})
    schemas.check_fault(resp, 400, 'badRequest')


def test_reset_state_is_admin_only(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    resp = _action(cloud, sid, {'os-resetState': {'state': 'error'}},
                   token=demo['token'])
    schemas.check_fault(resp, 403, 'forbidden')
    assert instances.get(sid)['vm_state'] == 'active'


def test_reset_state_of_an_unknown_server_is_404(cloud):
    resp = _action(cloud, str(uuid.uuid4()),
                   {'os-resetState': {'state': 'error'}})
    schemas.check_fault(resp, 404, 'itemNotFound')


# --- injectNetworkInfo -------------------------------------------------------
def test_inject_network_info_casts_to_the_compute(cloud):
    sid = _server(cloud)
    resp = _action(cloud, sid, {'injectNetworkInfo': None})
    schemas.check(schemas.compute('servers', '2.1')
                  .server_actions_common_schema, resp)
    [(method, (instance,), _)] = [s for s in cloud.compute.sent
                                  if s[0] == 'inject_network_info']
    assert instance['uuid'] == sid


def test_inject_network_info_is_admin_only(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    resp = _action(cloud, sid, {'injectNetworkInfo': None},
                   token=demo['token'])
    schemas.check_fault(resp, 403, 'forbidden')


def test_inject_network_info_of_a_locked_server_is_409(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    instances.update(sid, {'locked': True, 'locked_by': 'owner'})
    # The admin is not refused by a lock (nova's lock check).
    resp = _action(cloud, sid, {'injectNetworkInfo': None})
    assert resp.status_int == 202


# --- diagnostics -------------------------------------------------------------
def test_diagnostics_before_248_are_the_drivers_dict(cloud):
    sid = _server(cloud)
    resp = cloud.get(SERVERS + '/%s/diagnostics' % sid, headers=_mv('2.47'))
    body = schemas.check(schemas.compute('servers', '2.47')
                         .show_server_diagnostics, resp)
    assert body['cpu0_time'] and body['cpu1_time'] and \
        body['memory'] == 64 * 1024


@pytest.mark.parametrize('version', ['2.48', '2.100'])
def test_diagnostics_from_248_are_standardized(cloud, version):
    sid = _server(cloud)
    resp = cloud.get(SERVERS + '/%s/diagnostics' % sid,
                     headers=_mv(version))
    body = schemas.check(schemas.compute('servers', version)
                         .show_server_diagnostics, resp)
    assert body['num_cpus'] == 2 and len(body['cpu_details']) == 2
    assert body['state'] == 'running' and body['memory_details'][
        'maximum'] == 64


def test_diagnostics_are_admin_only(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    resp = cloud.get(SERVERS + '/%s/diagnostics' % sid,
                     headers={'X-Auth-Token': demo['token']})
    schemas.check_fault(resp, 403, 'forbidden')


def test_diagnostics_of_a_stopped_server_is_409(cloud):
    sid = _server(cloud, vm_state='stopped', power=states.SHUTDOWN)
    resp = cloud.get(SERVERS + '/%s/diagnostics' % sid)
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'get_diagnostics' instance %s while it is in power state "
        "shutdown" % sid)


def test_diagnostics_of_a_server_without_host_is_409(cloud):
    sid = _server(cloud)
    instances.update(sid, {'host': None})
    resp = cloud.get(SERVERS + '/%s/diagnostics' % sid)
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == \
        'Instance %s is not ready' % sid


def test_diagnostics_of_a_driver_without_them_is_501(cloud, monkeypatch):
    sid = _server(cloud)
    monkeypatch.setattr(cloud.compute, 'get_instance_diagnostics',
                        lambda ctxt, instance: None)
    resp = cloud.get(SERVERS + '/%s/diagnostics' % sid, headers=_mv('2.48'))
    assert schemas.check_fault(resp, 501, 'notImplemented') == \
        'Feature not supported.'


# --- topology ----------------------------------------------------------------
def test_topology_of_a_server_without_numa(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    for token in (None, demo['token']):
        resp = cloud.get(SERVERS + '/%s/topology' % sid,
                         headers=_mv('2.78', token))
        assert resp.status_int == 200, resp.text
        assert resp.json == {'nodes': [], 'pagesize_kb': None}


def test_topology_before_278_is_404(cloud):
    sid = _server(cloud)
    resp = cloud.get(SERVERS + '/%s/topology' % sid, headers=_mv('2.77'))
    schemas.check_fault(resp, 404, 'itemNotFound')


# --- createBackup --------------------------------------------------------------
def _backup(cloud, sid, version='2.1', token=None, **extra):
    body = dict({'name': 'nightly', 'backup_type': 'daily',
                 'rotation': 2}, **extra)
    return _action(cloud, sid, {'createBackup': body}, version, token)


def test_backup_before_245_answers_a_location(cloud):
    sid = _server(cloud)
    resp = _backup(cloud, sid, metadata={'purpose': 'test'})
    schemas.check(schemas.compute('servers', '2.1').create_backup, resp)
    location = resp.headers['Location']
    assert '/compute/v2.1/images/' in location
    image = images.get(location.rsplit('/', 1)[1])
    props = image['properties']
    assert (props['image_type'], props['backup_type'],
            props['instance_uuid'], props['purpose']) == (
        'backup', 'daily', sid, 'test')
    assert image['name'] == 'nightly' and image['status'] == 'queued'
    [(_, (instance, image_id, backup_type, rotation), _)] = [
        s for s in cloud.compute.sent if s[0] == 'backup_instance']
    assert (instance['task_state'], image_id, backup_type, rotation) == (
        'image_backup', image['id'], 'daily', 2)
    actions = cloud.get(SERVERS + '/%s/os-instance-actions' % sid).json
    assert actions['instanceActions'][0]['action'] == 'createBackup'


def test_backup_with_rotation_zero_has_no_location(cloud):
    sid = _server(cloud)
    resp = _backup(cloud, sid, rotation='0')
    schemas.check(schemas.compute('servers', '2.1').create_backup, resp)
    assert 'Location' not in resp.headers


@pytest.mark.parametrize('version', ['2.45', '2.100'])
def test_backup_from_245_answers_the_image_id(cloud, version):
    sid = _server(cloud)
    resp = _backup(cloud, sid, version)
    body = schemas.check(schemas.compute('servers', version).create_backup,
                         resp)
    assert 'Location' not in resp.headers
    assert images.get(body['image_id'])['properties']['image_type'] == \
        'backup'


@pytest.mark.parametrize('extra', [{'rotation': -1}, {'rotation': 'x'},
                                   {'name': ''}, {'bogus': 1},
                                   {'backup_type': 1}])
def test_backup_bad_bodies_are_400(cloud, extra):
    sid = _server(cloud)
    schemas.check_fault(_backup(cloud, sid, **extra), 400, 'badRequest')


def test_backup_in_a_wrong_state_is_409(cloud):
    sid = _server(cloud, vm_state='error')
    resp = _backup(cloud, sid)
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'createBackup' instance %s while it is in vm_state error"
        % sid)
    assert not [s for s in cloud.compute.sent if s[0] == 'backup_instance']


def test_backup_of_a_volume_backed_server_is_400(cloud):
    sid = _server(cloud)
    instances.update(sid, {'image_ref': ''})
    resp = _backup(cloud, sid)
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Backup is not supported for volume-backed instances.'


def test_backup_by_the_owner(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    resp = _backup(cloud, sid, '2.45', token=demo['token'])
    assert resp.status_int == 202, resp.text


def test_backup_of_a_locked_server_is_not_refused(cloud, demo):
    sid = _server(cloud, token=demo['token'])
    instances.update(sid, {'locked': True, 'locked_by': 'admin'})
    resp = _backup(cloud, sid, '2.45', token=demo['token'])
    assert resp.status_int == 202, resp.text


@pytest.mark.parametrize('version,status', [('2.38', 403), ('2.39', 202)])
def test_backup_metadata_quota_until_239(cloud, version, status):
    from stratus.common.conf import CONF
    sid = _server(cloud)
    metadata = {'k%d' % i: 'v' for i in range(129)}
    # The image service's own property limit is not what is tested here.
    CONF.set_override('image_property_quota', -1, 'image')
    try:
        resp = _backup(cloud, sid, version, metadata=metadata)
    finally:
        CONF.clear_override('image_property_quota', 'image')
    assert resp.status_int == status, resp.text
    if status == 403:
        assert schemas.check_fault(resp, 403, 'forbidden') == \
            'Image metadata limit exceeded'
