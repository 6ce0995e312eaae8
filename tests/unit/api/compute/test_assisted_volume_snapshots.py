"""/os-assisted-volume-snapshots as nova serves it: the body (or the
delete_info query), the service-role policy, the volume's mapping, the
server's host and task, then the compute fails the snapshot of a block
device volume as nova's libvirt driver does (status 'error' /
'error_deleting' sent to the block storage)."""
import json
import urllib.parse
import uuid

import pytest

from support import schemas
from support.identity import V3, token_for

PATH = '/compute/v2.1/os-assisted-volume-snapshots'
CREATE_KEYS = {'id', 'volumeId'}


@pytest.fixture
def service(compute_v):
    """compute_v, with `service_headers` of a user holding the service
    role alone."""
    project = compute_v.get(V3 + '/auth/tokens', headers={
        'X-Subject-Token': compute_v.token}).json['token']['project']['id']
    role = compute_v.post(V3 + '/roles', {'role': {'name': 'service'}})
    user = compute_v.post(V3 + '/users', {'user': {
        'name': 'cinder', 'password': 'svc-secret',
        'default_project_id': project}}).json['user']
    compute_v.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        project, user['id'], role.json['role']['id']))
    compute_v.service_headers = {
        'X-Auth-Token': token_for(compute_v, 'cinder', 'svc-secret',
                                  'admin')}
    return compute_v


def _server(host='h1', task_state=None, vm_state='active'):
    from stratus.db import models
    from stratus.db import session
    server = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id='p', user_id='u', display_name='vm',
            flavor='{}', vcpus=1, memory_mb=64, root_gb=1,
            vm_state=vm_state, task_state=task_state, host=host))
    return server


def _attached(server=None, volume_id=None):
    from stratus.db.api import block_devices
    volume_id = volume_id or str(uuid.uuid4())
    block_devices.create({
        'uuid': str(uuid.uuid4()), 'instance_uuid': server or _server(),
        'source_type': 'volume', 'destination_type': 'volume',
        'volume_id': volume_id, 'device_name': '/dev/vdb'})
    return volume_id


def _snapshot(volume_id, status):
    from stratus.db import session
    from stratus.db.api import snapshots
    from stratus.db.api import volumes
    volumes.create({'id': volume_id, 'project_id': 'p', 'user_id': 'u',
                    'size': 1, 'status': 'in-use', 'host': None,
                    'availability_zone': 'nova'})
    with session.writer() as s:
        return snapshots.create(s, {
            'id': str(uuid.uuid4()), 'volume_id': volume_id,
            'project_id': 'p', 'user_id': 'u', 'volume_size': 1,
            'status': status})['id']


def _status(snapshot_id):
    from stratus.db.api import snapshots
    return snapshots.get(snapshot_id)['status']


def _create(client, volume_id, snapshot_id=None, headers=None, **info):
    create_info = dict({'snapshot_id': snapshot_id or str(uuid.uuid4()),
                        'type': 'qcow2', 'new_file': 'volume.snap'}, **info)
    return client.request('POST', PATH, {'snapshot': {
        'volume_id': volume_id, 'create_info': create_info}},
        headers=headers if headers is not None else client.service_headers,
        version='2.1')


def _delete(client, snapshot_id, delete_info, version='2.1', extra=''):
    query = urllib.parse.urlencode({'delete_info': json.dumps(delete_info)}
                                   ) if delete_info is not None else ''
    return client.request('DELETE', '%s/%s?%s%s' % (
        PATH, snapshot_id, query, extra), headers=client.service_headers,
        version=version)


def test_create_answers_200_and_the_snapshot_fails(service):
    volume_id = _attached()
    snap = _snapshot(volume_id, 'creating')
    resp = _create(service, volume_id, snap, id=snap)
    assert resp.status_int == 200, resp.text
    assert set(resp.json['snapshot']) == CREATE_KEYS
    assert resp.json == {'snapshot': {'id': snap, 'volumeId': volume_id}}
    assert _status(snap) == 'error'


def test_create_without_an_id_answers_null(service):
    volume_id = _attached()
    resp = _create(service, volume_id)
    assert resp.status_int == 200
    assert resp.json == {'snapshot': {'id': None, 'volumeId': volume_id}}


@pytest.mark.parametrize('info,message', [
    ({'type': 'raw'}, "Invalid input for field/attribute type. Value: raw. "
                      "'raw' is not one of ['qcow2']"),
    ({'new_file': ''}, "Invalid input for field/attribute new_file. Value: "
                       ". '' should be non-empty"),
])
def test_create_body_first(service, info, message):
    resp = _create(service, 'anything', headers={}, **info)
    assert schemas.check_fault(resp, 400, 'badRequest') == message


def test_create_needs_the_service_role(service):
    resp = _create(service, _attached(), headers={})
    assert schemas.check_fault(resp, 403, 'forbidden') == (
        "Policy doesn't allow os_compute_api:os-assisted-volume-snapshots:"
        "create to be performed.")


def test_create_of_an_unmapped_volume_is_400(service):
    volume_id = str(uuid.uuid4())
    resp = _create(service, volume_id)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'No volume Block Device Mapping with id %s.' % volume_id)


def test_create_of_a_multiattached_volume_is_400(service):
    volume_id = _attached()
    _attached(volume_id=volume_id)
    resp = _create(service, volume_id)
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Block Device Mapping %s is a multi-attach volume and is not valid '
        'for this operation.' % volume_id)


def test_create_needs_a_host_and_no_task(service):
    server = _server(host=None)
    resp = _create(service, _attached(server))
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Instance %s is not ready' % server)
    server = _server(task_state='rebooting')
    resp = _create(service, _attached(server))
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Instance %s in task_state rebooting. Cannot '
        'do_volume_snapshot_create while the instance is in this state.'
        % server)


def test_delete_answers_204_and_the_snapshot_fails(service):
    volume_id = _attached()
    snap = _snapshot(volume_id, 'deleting')
    resp = _delete(service, snap, {'volume_id': volume_id, 'type': 'qcow2',
                                   'file_to_merge': 'volume.snap'})
    assert resp.status_int == 204, resp.text
    assert not resp.body
    assert _status(snap) == 'error_deleting'


@pytest.mark.parametrize('delete_info,message', [
    (None, "'delete_info'"),
    ({'type': 'qcow2'}, "'volume_id'"),
])
def test_delete_info_is_read_first(service, delete_info, message):
    resp = _delete(service, 's1', delete_info)
    assert schemas.check_fault(resp, 400, 'badRequest') == message


def test_delete_info_must_be_json(service):
    resp = service.request('DELETE', PATH + '/s1?delete_info=nonsense',
                           headers=service.service_headers, version='2.1')
    assert resp.status_int == 400
    assert schemas.check_fault(resp, 400, 'badRequest').startswith(
        'Expecting value')


def test_delete_refuses_other_parameters_from_2_75(service):
    volume_id = _attached()
    info = {'volume_id': volume_id}
    assert _delete(service, 's1', info, '2.74', '&x=1').status_int == 204
    resp = _delete(service, 's1', info, '2.75', '&x=1')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Additional properties are not allowed ('x' was unexpected)")


def test_delete_merge_of_a_stopped_guest_is_400(service):
    server = _server(vm_state='stopped')
    volume_id = _attached(server)
    resp = _delete(service, 's1', {'volume_id': volume_id,
                                   'merge_target_file': 'a'})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Instance %s in vm_state stopped. Cannot volume_snapshot_delete '
        'while the instance is in this state.' % server)


def test_delete_needs_the_service_role(compute_v):
    resp = compute_v.request('DELETE', PATH + '/s1?delete_info={}',
                             version='2.1')
    assert schemas.check_fault(resp, 403, 'forbidden') == (
        "Policy doesn't allow os_compute_api:os-assisted-volume-snapshots:"
        "delete to be performed.")
