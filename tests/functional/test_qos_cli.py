"""QoS specs with the real openstack CLI against real daemons: create,
list, show, set, unset, associate with volume types, disassociate one or
all, delete (forced when in use), members refused; raw REST answers
checked against tempest's schemas; a volume of a front-end QoS type hands
the specs to the connecting host."""
import time
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas

SCHEMA = schemas.volume('qos')
TYPES = schemas.volume('volume_types')
V3 = '/volume/v3'


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _type_qos(rest, type_id):
    resp = rest.get(V3 + '/types/%s' % type_id)
    return schemas.check(TYPES.show_volume_type, resp)['volume_type'][
        'qos_specs_id']


def test_qos_lifecycle_cli(cloud, rest):
    name = _name('qos')
    created = cloud.cli_json('volume', 'qos', 'create', '--consumer',
                             'front-end', '--property', 'read_iops_sec=100',
                             '--property', 'write_iops_sec=200', name)
    assert created['name'] == name and created['consumer'] == 'front-end'
    assert created['properties'] == {'read_iops_sec': '100',
                                     'write_iops_sec': '200'}
    listed = cloud.cli_json('volume', 'qos', 'list')
    row = [r for r in listed if r['Name'] == name][0]
    assert (row['ID'], row['Consumer'], row['Associations']) == (
        created['id'], 'front-end', [])
    cloud.cli('volume', 'qos', 'set', '--property', 'read_iops_sec=150',
              '--property', 'total_bytes_sec=4096', name)
    cloud.cli('volume', 'qos', 'unset', '--property', 'write_iops_sec', name)
    shown = cloud.cli_json('volume', 'qos', 'show', name)
    assert shown['properties'] == {'read_iops_sec': '150',
                                   'total_bytes_sec': '4096'}
    # The CLI shows associations only when there are some.
    assert 'associations' not in shown

    type_a, type_b = _name('qt'), _name('qt')
    ids = [cloud.cli_json('volume', 'type', 'create', t)['id']
           for t in (type_a, type_b)]
    for type_name in (type_a, type_b):
        cloud.cli('volume', 'qos', 'associate', name, type_name)
    shown = cloud.cli_json('volume', 'qos', 'show', name)
    assert sorted(shown['associations']) == sorted([type_a, type_b])
    assert [_type_qos(rest, t) for t in ids] == [created['id']] * 2
    # The CLI's type view has no qos field (openstacksdk's Type lacks
    # qos_specs_id); the type still shows and carries it over REST.
    assert cloud.cli_json('volume', 'type', 'show', type_a)['id'] == ids[0]

    # One spec per type: a second one is refused with cinder's 400.
    other = _name('qos')
    cloud.cli_json('volume', 'qos', 'create', other)
    result = cloud.cli('volume', 'qos', 'associate', other, type_a,
                       check=False)
    assert result.returncode != 0
    assert 'is already associated with another qos specs' in \
        result.stderr

    cloud.cli('volume', 'qos', 'disassociate', '--volume-type', type_a,
              name)
    assert cloud.cli_json('volume', 'qos', 'show', name)[
        'associations'] == [type_b]
    assert _type_qos(rest, ids[0]) is None
    # In use: delete without --force fails, with it goes through.
    result = cloud.cli('volume', 'qos', 'delete', name, check=False)
    assert result.returncode != 0
    cloud.cli('volume', 'qos', 'disassociate', '--all', name)
    assert _type_qos(rest, ids[1]) is None
    cloud.cli('volume', 'qos', 'associate', name, type_b)
    cloud.cli('volume', 'qos', 'delete', '--force', name)
    assert _type_qos(rest, ids[1]) is None
    names = [r['Name'] for r in cloud.cli_json('volume', 'qos', 'list')]
    assert name not in names and other in names
    cloud.cli('volume', 'qos', 'delete', other)
    for type_name in (type_a, type_b):
        cloud.cli('volume', 'type', 'delete', type_name)


def test_qos_rest_answers(cloud, rest):
    name = _name('qos')
    resp = rest.request('POST', V3 + '/qos-specs', json={'qos_specs': {
        'name': name, 'consumer': 'both', 'total_iops_sec': '500'}})
    spec = schemas.check(SCHEMA.show_qos, resp)['qos_specs']
    url = V3 + '/qos-specs/%s' % spec['id']
    schemas.check(SCHEMA.show_qos, rest.get(url))
    schemas.check(SCHEMA.list_qos, rest.get(V3 + '/qos-specs'))
    resp = rest.request('PUT', url, json={'qos_specs': {'a': '1'}})
    assert schemas.check(SCHEMA.set_qos_key, resp) == {
        'qos_specs': {'a': '1'}}
    schemas.check(SCHEMA.unset_qos_key, rest.request(
        'PUT', url + '/delete_keys', json={'keys': ['a']}))
    resp = rest.request('PUT', url + '/delete_keys', json={'keys': ['a']})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'QoS spec %s has no spec with key a.' % spec['id'])
    resp = rest.request('POST', V3 + '/qos-specs', json={'qos_specs': {
        'name': name}})
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == \
        'QoS Specs %s already exists.' % name
    resp = rest.request('POST', V3 + '/qos-specs', json={'qos_specs': {
        'name': _name('qos'), 'consumer': 'nobody'}})
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'Invalid qos specs: Valid consumer of QoS specs are: ')
    type_id = rest.request('POST', V3 + '/types', json={'volume_type': {
        'name': _name('qt')}}).json()['volume_type']['id']
    schemas.check(SCHEMA.associate_qos, rest.get(
        url + '/associate?vol_type_id=%s' % type_id))
    assoc = schemas.check(SCHEMA.show_association_qos,
                          rest.get(url + '/associations'))
    assert [a['id'] for a in assoc['qos_associations']] == [type_id]
    resp = rest.request('DELETE', url)
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Qos specs still in use.'
    schemas.check(SCHEMA.disassociate_qos, rest.get(
        url + '/disassociate?vol_type_id=%s' % type_id))
    schemas.check(SCHEMA.disassociate_all_qos,
                  rest.get(url + '/disassociate_all'))
    # Members are refused.
    demo = cloud_support.Rest(cloud, user='demo')
    for method, path in (('GET', V3 + '/qos-specs'), ('GET', url),
                         ('DELETE', url)):
        schemas.check_fault(demo.request(method, path), 403, 'forbidden')
    schemas.check(SCHEMA.delete_qos, rest.request('DELETE', url))
    assert schemas.check_fault(rest.get(url), 404, 'itemNotFound') == \
        'No such QoS spec %s.' % spec['id']
    rest.request('DELETE', V3 + '/types/%s' % type_id)


def _wait_available(rest, volume_id, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        volume = rest.get(V3 + '/volumes/%s' % volume_id).json()['volume']
        if volume['status'] == 'available':
            return volume
        assert not volume['status'].startswith('error'), volume
        time.sleep(0.05)
    raise AssertionError('volume %s never available' % volume_id)


def test_front_end_qos_reaches_the_connection(cloud, rest):
    """The volume daemon adds the type's front-end specs (per-GB ones
    resolved for the size) to the connection info a host receives."""
    qos = cloud.cli_json('volume', 'qos', 'create', '--consumer', 'both',
                         '--property', 'read_iops_sec_per_gb=10',
                         '--property', 'write_bytes_sec=1024',
                         _name('qos'))
    type_name = _name('qt')
    cloud.cli_json('volume', 'type', 'create', type_name)
    cloud.cli('volume', 'qos', 'associate', qos['id'], type_name)
    volume = cloud.cli_json('volume', 'create', '--size', '2', '--type',
                            type_name, _name('v'))
    _wait_available(rest, volume['id'])
    resp = rest.request('POST', V3 + '/volumes/%s/action' % volume['id'],
                        json={'os-initialize_connection': {'connector': {
                            'host': 'compute1', 'initiator': 'iqn.x'}}})
    assert resp.status_code == 200, resp.text
    assert resp.json()['connection_info']['data']['qos_specs'] == {
        'read_iops_sec': 20, 'write_bytes_sec': '1024'}
    rest.request('POST', V3 + '/volumes/%s/action' % volume['id'],
                 json={'os-terminate_connection': {'connector': {
                     'host': 'compute1', 'initiator': 'iqn.x'}}})
    cloud.cli('volume', 'delete', volume['id'])
