"""Consistency groups and their snapshots (cinder's deprecated API over
generic groups) with the real openstack CLI against real daemons (fake
volume driver), and raw REST answers with the API reference's key sets
(tempest publishes no schema for these calls).

Where the installed openstacksdk sends a body cinder's schemas refuse
(delete: {"consistency_group": ...}; create from a source: a null id;
a cgsnapshot without a description: a null one), the CLI fails here as
it fails against cinder, with cinder's 400, and the test goes on with
the REST call a working client sends."""
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas
from support import volume_waits as wait

CG_KEYS = {'id', 'status', 'availability_zone', 'created_at', 'name',
           'description', 'volume_types'}
CGSNAP_KEYS = {'id', 'consistencygroup_id', 'status', 'created_at', 'name',
               'description'}
V3 = '/volume/v3'


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)



def _headers(version='3.71'):
    return {'OpenStack-API-Version': 'volume %s' % version}



def _fails(cloud, *args, message):
    result = cloud.cli(*args, check=False)
    assert result.returncode != 0, result.stdout
    assert message in result.stderr, result.stderr


@pytest.fixture(scope='module')
def vtype(cloud):
    name = wait.name('cgvt')
    # One backend: a volume joins a group only on the group's backend.
    cloud.cli('volume', 'type', 'create', '--property',
              'volume_backend_name=lvmdriver-1', name)
    return name, cloud.cli_json('volume', 'type', 'show', name)['id']


def _cg(cloud, rest, vtype, name=None):
    name = name or wait.name('cg')
    created = cloud.cli_json('consistency', 'group', 'create',
                             '--volume-type', vtype, '--description', 'd',
                             name)
    assert created['name'] == name
    wait.status(rest, '/consistencygroups/%s' % created['id'], 'consistencygroup',
          'available')
    return name, created['id']


def _volume(cloud, rest, cg, vtype):
    name = wait.name('cgv')
    volume = cloud.cli_json('volume', 'create', '--size', '1', '--type',
                            vtype, '--consistency-group', cg, name)
    wait.status(rest, '/volumes/%s' % volume['id'], 'volume', 'available')
    return name, volume['id']


def _volume_cg(rest, volume_id):
    return rest.get(V3 + '/volumes/%s' % volume_id, headers=_headers(
        '3.0')).json()['volume']['consistencygroup_id']


def test_consistency_group_cli(cloud, rest, vtype):
    vt_name, vt_id = vtype
    name, cg_id = _cg(cloud, rest, vt_name)
    listed = cloud.cli_json('consistency', 'group', 'list')
    assert {'ID': cg_id, 'Status': 'available', 'Name': name} in listed
    long = [g for g in cloud.cli_json('consistency', 'group', 'list',
                                      '--long') if g['ID'] == cg_id][0]
    assert (long['Availability Zone'], long['Description'],
            long['Volume Types']) == ('nova', 'd', [vt_id])
    shown = cloud.cli_json('consistency', 'group', 'show', name)
    assert (shown['id'], shown['status'], shown['volume_types']) == (
        cg_id, 'available', [vt_id])
    # A volume created in it shows the group as its consistency group.
    v_name, v_id = _volume(cloud, rest, name, vt_name)
    volume = cloud.cli_json('volume', 'show', v_name)
    assert volume['consistencygroup_id'] == cg_id
    # set, remove volume, add volume.
    new = wait.name('cgnew')
    cloud.cli('consistency', 'group', 'set', '--name', new,
              '--description', 'nd', name)
    shown = cloud.cli_json('consistency', 'group', 'show', new)
    assert (shown['name'], shown['description']) == (new, 'nd')
    cloud.cli('consistency', 'group', 'remove', 'volume', new, v_name)
    wait.status(rest, '/consistencygroups/%s' % cg_id, 'consistencygroup',
          'available')
    assert _volume_cg(rest, v_id) is None
    cloud.cli('consistency', 'group', 'add', 'volume', new, v_name)
    wait.status(rest, '/consistencygroups/%s' % cg_id, 'consistencygroup',
          'available')
    assert _volume_cg(rest, v_id) == cg_id
    # The SDK's delete body is not cinder's: 400, the group stays.
    _fails(cloud, 'consistency', 'group', 'delete', '--force', new,
           message="{'consistency_group': {'force': True}} is not valid "
                   "under any of the given schemas")
    resp = rest.request('POST', V3 + '/consistencygroups/%s/delete' % cg_id,
                        headers=_headers(),
                        json={'consistencygroup': {'force': False}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid Group: Group %s still contains volumes. The delete-volumes '
        'flag is required to delete it.' % cg_id)
    resp = rest.request('POST', V3 + '/consistencygroups/%s/delete' % cg_id,
                        headers=_headers(),
                        json={'consistencygroup': {'force': True}})
    assert (resp.status_code, resp.content) == (202, b'')
    wait.status(rest, '/consistencygroups/%s' % cg_id, 'consistencygroup',
          'DELETED')
    wait.status(rest, '/volumes/%s' % v_id, 'volume', 'DELETED')
    _fails(cloud, 'consistency', 'group', 'show', new,
           message='No ConsistencyGroup found for %s' % new)


def test_consistency_group_snapshot_cli(cloud, rest, vtype):
    vt_name, _vt_id = vtype
    name, cg_id = _cg(cloud, rest, vt_name)
    _v_name, v_id = _volume(cloud, rest, name, vt_name)
    snap = wait.name('cgs')
    # No description: the SDK sends a null one, cinder's schema refuses it.
    _fails(cloud, 'consistency', 'group', 'snapshot', 'create',
           '--consistency-group', name, snap,
           message="Invalid input for field/attribute description. Value: "
                   "None. None is not of type 'string'")
    created = cloud.cli_json('consistency', 'group', 'snapshot', 'create',
                             '--consistency-group', name,
                             '--description', 'sd', snap)
    snap_id = created['id']
    wait.status(rest, '/cgsnapshots/%s' % snap_id, 'cgsnapshot', 'available')
    # The SDK filters the list on its side by status and group, None
    # included when not given: name both.
    select = ('--status', 'available', '--consistency-group', name)
    listed = cloud.cli_json('consistency', 'group', 'snapshot', 'list',
                            *select)
    assert listed == [{'ID': snap_id, 'Status': 'available', 'Name': snap}]
    long = cloud.cli_json('consistency', 'group', 'snapshot', 'list',
                          '--long', *select)[0]
    assert (long['ConsistencyGroup ID'], long['Description']) == (
        cg_id, 'sd')
    shown = cloud.cli_json('consistency', 'group', 'snapshot', 'show', snap)
    assert (shown['consistencygroup_id'], shown['status']) == (
        cg_id, 'available')
    members = rest.get(V3 + '/snapshots/detail', headers=_headers()).json()
    assert v_id in [s['volume_id'] for s in members['snapshots']]
    # From the snapshot: the SDK's null source_cgid is refused; REST works.
    _fails(cloud, 'consistency', 'group', 'create', '--snapshot', snap,
           wait.name('cgfs'),
           message="Invalid input for field/attribute source_cgid. Value: "
                   "None. None is not of type 'string'")
    resp = rest.request('POST', V3 + '/consistencygroups/create_from_src',
                        headers=_headers(), json={
                            'consistencygroup-from-src': {
                                'name': 'from-snap',
                                'cgsnapshot_id': snap_id}})
    assert resp.status_code == 202, resp.text
    made = resp.json()['consistencygroup']
    assert set(made) == {'id', 'name'}
    wait.status(rest, '/consistencygroups/%s' % made['id'], 'consistencygroup',
          'available')
    volumes = rest.get(V3 + '/volumes/detail?group_id=%s' % made['id'],
                       headers=_headers()).json()['volumes']
    assert [v['consistencygroup_id'] for v in volumes] == [made['id']]
    # A CG with snapshots is not deleted.
    resp = rest.request('POST', V3 + '/consistencygroups/%s/delete' % cg_id,
                        headers=_headers(),
                        json={'consistencygroup': {'force': True}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Invalid Group: Group has existing snapshots.'
    cloud.cli('consistency', 'group', 'snapshot', 'delete', snap)
    wait.status(rest, '/cgsnapshots/%s' % snap_id, 'cgsnapshot', 'DELETED')
    resp = rest.get(V3 + '/cgsnapshots/%s' % snap_id, headers=_headers())
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'GroupSnapshot %s could not be found.' % snap_id
    for group in (made['id'], cg_id):
        resp = rest.request('DELETE', V3 + '/consistencygroups/%s' % group,
                            headers=_headers(),
                            json={'consistencygroup': {'force': True}})
        assert resp.status_code == 202, resp.text
        wait.status(rest, '/consistencygroups/%s' % group, 'consistencygroup',
              'DELETED')


def test_rest_answers(cloud, rest, vtype):
    vt_name, vt_id = vtype
    _name_, cg_id = _cg(cloud, rest, vt_name)
    for version in ('3.0', '3.71'):
        resp = rest.get(V3 + '/consistencygroups/%s' % cg_id,
                        headers=_headers(version))
        assert resp.status_code == 200
        assert set(resp.json()['consistencygroup']) == CG_KEYS
        detail = rest.get(V3 + '/consistencygroups/detail',
                          headers=_headers(version)).json()
        assert all(set(g) == CG_KEYS for g in detail['consistencygroups'])
        summary = rest.get(V3 + '/consistencygroups',
                           headers=_headers(version)).json()
        assert all(set(g) == {'id', 'name'}
                   for g in summary['consistencygroups'])
    resp = rest.request('POST', V3 + '/cgsnapshots', headers=_headers(),
                        json={'cgsnapshot': {'consistencygroup_id': cg_id,
                                             'name': 'empty'}})
    assert resp.status_code == 202 and set(resp.json()['cgsnapshot']) == {
        'id', 'name'}
    snap_id = resp.json()['cgsnapshot']['id']
    shown = wait.status(rest, '/cgsnapshots/%s' % snap_id, 'cgsnapshot',
                  'available')
    assert set(shown) == CGSNAP_KEYS
    detail = rest.get(V3 + '/cgsnapshots/detail', headers=_headers()).json()
    assert all(set(s) == CGSNAP_KEYS for s in detail['cgsnapshots'])
    missing = str(uuid.uuid4())
    for method, path, body, message in (
            ('GET', '/consistencygroups/%s' % missing, None,
             'Group %s could not be found.' % missing),
            ('PUT', '/consistencygroups/%s/update' % missing,
             {'consistencygroup': {'name': 'x'}},
             'Group %s could not be found.' % missing),
            ('GET', '/cgsnapshots/%s' % missing, None,
             'GroupSnapshot %s could not be found.' % missing)):
        resp = rest.request(method, V3 + path, headers=_headers(),
                            json=body)
        assert schemas.check_fault(resp, 404, 'itemNotFound') == message
    resp = rest.request('POST', V3 + '/consistencygroups',
                        headers=_headers(), json={'consistencygroup': {
                            'volume_types': ''}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'volume_types must be provided to create consistency group None.'
    # Another project sees none of it.
    demo = cloud_support.Rest(cloud, user='demo')
    resp = demo.get(V3 + '/consistencygroups/%s' % cg_id,
                    headers=_headers())
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert cg_id not in [g['id'] for g in demo.get(
        V3 + '/consistencygroups', headers=_headers()).json()[
        'consistencygroups']]
    assert rest.request('DELETE', V3 + '/cgsnapshots/%s' % snap_id,
                        headers=_headers()).status_code == 202
    wait.status(rest, '/cgsnapshots/%s' % snap_id, 'cgsnapshot', 'DELETED')
    resp = rest.request('POST', V3 + '/consistencygroups/%s/delete' % cg_id,
                        headers=_headers(), json={})
    assert resp.status_code == 202
    wait.status(rest, '/consistencygroups/%s' % cg_id, 'consistencygroup',
          'DELETED')
