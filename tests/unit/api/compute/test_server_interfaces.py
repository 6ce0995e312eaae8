"""POST and DELETE /servers/{id}/os-interface as nova answers over a
neutron without networks or ports: nova's body checks, then lock and
state (409) before any lookup, then neutron's not-found answers; a detach
is accepted (nova casts it) and its compute step fails."""
import pytest

from support import schemas
from support.server_cloud import SERVERS, action, cloud, create  # noqa
from support.server_cloud import mv, set_state

NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6'
PORT = 'ce531f90-199f-48c0-816c-13e38010b442'


def _server(client, vm_state='active', headers=None):
    server_id = create(client, headers=headers).json['server']['id']
    set_state(server_id, vm_state)
    return server_id


def _attach(client, server_id, attachment, version='2.1', headers=None):
    return client.post('%s/%s/os-interface' % (SERVERS, server_id),
                       {'interfaceAttachment': attachment},
                       headers=dict(mv(version), **(headers or {})))


def _detach(client, server_id, port=PORT, version='2.1', headers=None):
    return client.delete('%s/%s/os-interface/%s' % (SERVERS, server_id,
                                                     port),
                         headers=dict(mv(version), **(headers or {})))


def _actions(client, server_id):
    return client.get('%s/%s/os-instance-actions' % (
        SERVERS, server_id)).json['instanceActions']


@pytest.mark.parametrize('version', ('2.1', '2.49', '2.100'))
def test_attach_with_no_network_available(cloud, version):
    server_id = _server(cloud)
    project = cloud.get('%s/%s' % (SERVERS, server_id)).json['server'][
        'tenant_id']
    resp = _attach(cloud, server_id, {}, version)
    assert (schemas.check_fault(resp, 400, 'badRequest') ==
            "No specific network was requested and none are available for "
            "project '%s'." % project)
    (last, *_) = _actions(cloud, server_id)
    assert last['action'] == 'attach_interface'
    event = cloud.get('%s/%s/os-instance-actions/%s' % (
        SERVERS, server_id, last['request_id'])).json['instanceAction']
    assert event['message'] == 'Error'


def test_attach_lookups(cloud):
    server_id = _server(cloud)
    resp = _attach(cloud, server_id, {'net_id': NET})
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Network %s could not be found.' % NET)
    resp = _attach(cloud, server_id, {'net_id': NET, 'fixed_ips': [
        {'ip_address': '10.0.0.5'}]})
    assert schemas.check_fault(resp, 404, 'itemNotFound')
    resp = _attach(cloud, server_id, {'port_id': PORT})
    assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
            'Port id %s could not be found.' % PORT)


@pytest.mark.parametrize('attachment,message', [
    ({'net_id': NET, 'port_id': PORT},
     'Must not input both network_id and port_id'),
    ({'fixed_ips': [{'ip_address': '10.0.0.5'}]},
     'Must input network_id when request IP address')])
def test_attach_body_conflicts(cloud, attachment, message):
    server_id = _server(cloud)
    resp = _attach(cloud, server_id, attachment)
    assert schemas.check_fault(resp, 400, 'badRequest') == message


@pytest.mark.parametrize('attachment,version', [
    ({'net_id': 'net1'}, '2.1'),
    ({'port_id': 'p1'}, '2.1'),
    ({'net_id': NET, 'fixed_ips': [{'ip_address': '10.0.0.999'}]}, '2.1'),
    ({'net_id': NET, 'fixed_ips': []}, '2.1'),
    ({'net_id': NET, 'tag': 'a'}, '2.48'),
    ({'net_id': NET, 'tag': 'a/b'}, '2.49'),
    ({'other': 1}, '2.1')])
def test_attach_body_schema(cloud, attachment, version):
    server_id = _server(cloud)
    resp = _attach(cloud, server_id, attachment, version)
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'Invalid input for field/attribute')


def test_tag_from_2_49(cloud):
    server_id = _server(cloud)
    resp = _attach(cloud, server_id, {'net_id': NET, 'tag': 'nic1'}, '2.49')
    assert schemas.check_fault(resp, 404, 'itemNotFound')


@pytest.mark.parametrize('vm_state', ('building', 'suspended', 'error',
                                      'shelved_offloaded'))
def test_state_is_checked_before_lookups(cloud, vm_state):
    server_id = _server(cloud, vm_state)
    expected = ("Cannot '%%s' instance %s while it is in vm_state %s"
                % (server_id, vm_state))
    resp = _attach(cloud, server_id, {'port_id': PORT})
    assert (schemas.check_fault(resp, 409, 'conflictingRequest') ==
            expected % 'attach_interface')
    resp = _detach(cloud, server_id)
    assert (schemas.check_fault(resp, 409, 'conflictingRequest') ==
            expected % 'detach_interface')


@pytest.mark.parametrize('vm_state', ('active', 'paused', 'stopped'))
def test_detach_is_accepted(cloud, vm_state):
    server_id = _server(cloud, vm_state)
    resp = _detach(cloud, server_id)
    schemas.check(schemas.compute('interfaces', '2.1').delete_interface,
                  resp)
    assert _actions(cloud, server_id)[0]['action'] == 'detach_interface'


def test_lock_is_checked_first(cloud, demo):
    member = {'X-Auth-Token': demo['token']}
    server_id = _server(cloud, headers=member)
    assert action(cloud, server_id, {'lock': None}).status_int == 202
    resp = _attach(cloud, server_id, {'port_id': PORT}, headers=member)
    assert (schemas.check_fault(resp, 409, 'conflictingRequest') ==
            'Instance %s is locked' % server_id)
    resp = _detach(cloud, server_id, headers=member)
    assert (schemas.check_fault(resp, 409, 'conflictingRequest') ==
            'Instance %s is locked' % server_id)


def test_unknown_server(cloud):
    missing = '11111111-2222-3333-4444-555555555555'
    for resp in (_attach(cloud, missing, {}), _detach(cloud, missing)):
        assert (schemas.check_fault(resp, 404, 'itemNotFound') ==
                'Instance %s could not be found.' % missing)
