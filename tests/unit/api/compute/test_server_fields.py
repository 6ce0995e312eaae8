"""accessIPv4/accessIPv6 (validated, stored, shown, filterable by admins),
reservation_id (multi-create's return_reservation_id, the list filter)
and the `networks` of a create, checked as nova checks them in a cloud
with no networking service."""
import uuid

import pytest

from support import schemas
from support.server_cloud import SERVERS, action, cloud, create  # noqa
from support.server_cloud import mv, set_state


def _show(cloud, sid, version='2.1'):
    resp = cloud.get(SERVERS + '/' + sid, headers=mv(version))
    schemas.check(schemas.compute('servers', version).get_server, resp)
    return resp.json['server']


@pytest.mark.parametrize('version', ['2.1', '2.47', '2.100'])
def test_access_ips_are_stored_and_shown(cloud, version):
    resp = create(cloud, version, accessIPv4='192.0.2.1',
                  accessIPv6='2001:db8::1')
    # tempest checks every create with its 2.1 schema.
    schemas.check(schemas.compute('servers', '2.1')
                  .create_server_with_admin_pass, resp)
    sid = resp.json['server']['id']
    shown = _show(cloud, sid, version)
    assert (shown['accessIPv4'], shown['accessIPv6']) == (
        '192.0.2.1', '2001:db8::1')
    resp = cloud.put(SERVERS + '/' + sid, {'server': {
        'accessIPv4': '192.0.2.2'}}, headers=mv(version))
    schemas.check(schemas.compute('servers', version).update_server, resp)
    assert resp.json['server']['accessIPv4'] == '192.0.2.2'
    assert resp.json['server']['accessIPv6'] == '2001:db8::1'
    set_state(sid, 'active', host='h1')
    resp = action(cloud, sid, {'rebuild': {
        'imageRef': cloud.image['id'], 'accessIPv6': '2001:db8::2'}},
        version)
    schemas.check(schemas.compute('servers', version)
                  .rebuild_server_with_admin_pass, resp)
    assert resp.json['server']['accessIPv6'] == '2001:db8::2'
    assert _show(cloud, sid, version)['accessIPv6'] == '2001:db8::2'


def test_servers_without_access_ips_show_empty_strings(cloud):
    sid = create(cloud).json['server']['id']
    shown = _show(cloud, sid)
    assert (shown['accessIPv4'], shown['accessIPv6']) == ('', '')


@pytest.mark.parametrize('field,value', [
    ('accessIPv4', '1.1.1.1.1.1'), ('accessIPv4', '2001:db8::1'),
    ('accessIPv4', ''), ('accessIPv6', '1.2.3.4'), ('accessIPv6', 'x::y'),
    ('accessIPv4', 1234)])
def test_bad_access_ips_are_400_everywhere(cloud, field, value):
    schemas.check_fault(create(cloud, **{field: value}), 400, 'badRequest')
    sid = create(cloud).json['server']['id']
    resp = cloud.put(SERVERS + '/' + sid, {'server': {field: value}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = action(cloud, sid, {'rebuild': {'imageRef': cloud.image['id'],
                                           field: value}})
    schemas.check_fault(resp, 400, 'badRequest')


def test_access_ip_filters_are_for_admins(cloud, demo):
    one = create(cloud, accessIPv4='192.0.2.10').json['server']['id']
    create(cloud, accessIPv4='198.51.100.1', accessIPv6='2001:db8::9')
    found = cloud.get(SERVERS + '?access_ip_v4=192.0.2')
    schemas.check(schemas.compute('servers', '2.1').list_servers, found)
    assert [s['id'] for s in found.json['servers']] == [one]
    found = cloud.get(SERVERS + '/detail?access_ip_v6=2001:db8::9',
                      headers=mv('2.75'))
    assert len(found.json['servers']) == 1
    # A member's admin-only filter is dropped, as nova drops it.
    member = {'X-Auth-Token': demo['token']}
    mine = create(cloud, headers=member).json['server']['id']
    found = cloud.get(SERVERS + '?access_ip_v4=192.0.2', headers=member)
    assert [s['id'] for s in found.json['servers']] == [mine]


def test_reservation_id_is_returned_and_filters(cloud):
    resp = create(cloud, min_count=2, max_count=2,
                  return_reservation_id=True)
    assert resp.status_int == 202
    assert set(resp.json) == {'reservation_id'}
    rid = resp.json['reservation_id']
    create(cloud)
    found = cloud.get(SERVERS + '/detail?reservation_id=' + rid,
                      headers=mv('2.3'))
    schemas.check(schemas.compute('servers', '2.3').list_servers_detail,
                  found)
    assert len(found.json['servers']) == 2
    assert {s['OS-EXT-SRV-ATTR:reservation_id']
            for s in found.json['servers']} == {rid}
    found = cloud.get(SERVERS + '?reservation_id=' + rid, headers=mv('2.75'))
    assert len(found.json['servers']) == 2


NET = str(uuid.uuid4())
PORT = str(uuid.uuid4())


@pytest.mark.parametrize('version,networks,message', [
    ('2.1', [{'uuid': 'not-a-uuid'}], 'Bad networks format: network uuid '
     'is not in proper format (not-a-uuid)'),
    ('2.1', [{}], "Bad network format: missing 'uuid'"),
    ('2.1', [{'port': PORT, 'fixed_ip': '10.0.0.1'}],
     "Specified Fixed IP '10.0.0.1' cannot be used with port '%s': the two "
     "cannot be specified together." % PORT),
    ('2.1', [{'port': PORT}, {'port': PORT}],
     "Port ID '%s' was specified twice: you cannot attach a port multiple "
     "times." % PORT),
    ('2.1', [{'uuid': NET}], 'Network %s could not be found.' % NET),
    ('2.1', [{'port': PORT}], 'Port id %s could not be found.' % PORT),
    ('2.37', [{'uuid': NET, 'fixed_ip': '10.0.0.2'}],
     'Network %s could not be found.' % NET),
])
def test_networks_are_checked_as_nova(cloud, version, networks, message):
    resp = create(cloud, version, networks=networks)
    assert schemas.check_fault(resp, 400, 'badRequest') == message


@pytest.mark.parametrize('version,networks', [
    ('2.1', [{'uuid': NET, 'fixed_ip': '10.0.0.999'}]),
    ('2.1', [{'port': 'not-a-uuid'}]),
    ('2.1', 'auto'),                       # a string only from 2.37
    ('2.37', [{'uuid': 'not-a-uuid'}]),
    ('2.37', 'some'),
    ('2.37', None),
])
def test_network_formats_are_400(cloud, version, networks):
    schemas.check_fault(create(cloud, version, networks=networks), 400,
                        'badRequest')


@pytest.mark.parametrize('version,networks', [
    ('2.1', []), ('2.37', 'auto'), ('2.37', 'none'), ('2.37', [])])
def test_networks_nova_accepts(cloud, version, networks):
    resp = create(cloud, version, networks=networks)
    # tempest checks every create with its 2.1 schema.
    schemas.check(schemas.compute('servers', '2.1')
                  .create_server_with_admin_pass, resp)


@pytest.mark.parametrize('value,status,returned', [
    (True, 202, True), ('yes', 202, True), (False, 202, False),
    ('false', 202, True),           # nova tests the raw value's truth
    ('maybe', 400, None)])
def test_return_reservation_id_values(cloud, value, status, returned):
    resp = create(cloud, return_reservation_id=value)
    assert resp.status_int == status
    if status == 202:
        assert ('reservation_id' in resp.json) == returned
