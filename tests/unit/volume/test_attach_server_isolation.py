"""A member cannot reserve or attach a volume for another project's server
(attachments 3.27+, os-attach): 404 as if the server did not exist; its own
servers, ids that name no server (cinder's non-nova consumers) and an
admin's requests are accepted as before."""
import uuid

import pytest

from support import schemas

from stratus.db.api import instances

SHOW = schemas.volume('volumes', '3.71').show_volume


def _server(project_id):
    return instances.create([{
        'project_id': project_id, 'user_id': 'u', 'display_name': 'vm',
        'vm_state': 'active', 'power_state': 1, 'vcpus': 1,
        'memory_mb': 64, 'root_gb': 1, 'image_ref': 'img',
        'flavor': {'name': 'f'}}])[0]['uuid']


def _reserve(vcloud, volume_id, server, user=None):
    return vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume_id, 'instance_uuid': server}},
        version='3.27', user=user)


def _status(vcloud, volume_id, user=None):
    resp = vcloud.get('/volumes/%s' % volume_id, user=user)
    return schemas.check(SHOW, resp)['volume']['status']


def _refused(resp, server):
    assert resp.status_int == 404, resp.text
    assert resp.json == {'itemNotFound': {
        'code': 404,
        'message': 'Instance %s could not be found.' % server}}


def test_another_projects_server_is_refused(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    server = _server('someone-else')
    _refused(_reserve(vcloud, volume['id'], server, user=demo), server)
    assert _status(vcloud, volume['id'], user=demo) == 'available'
    assert vcloud.get('/attachments', user=demo).json['attachments'] == []


def test_legacy_attach_refuses_it_too(vcloud, demo):
    volume = vcloud.create_volume(user=demo)
    server = _server('someone-else')
    resp = vcloud.action(volume['id'], {'os-attach': {
        'instance_uuid': server, 'mountpoint': '/dev/vdb'}}, user=demo)
    _refused(resp, server)
    assert _status(vcloud, volume['id'], user=demo) == 'available'


@pytest.mark.parametrize('whose', ['own', 'no server'])
def test_own_server_or_no_server_is_reserved(vcloud, demo, whose):
    volume = vcloud.create_volume(user=demo)
    server = _server(demo['project_id']) if whose == 'own' \
        else str(uuid.uuid4())
    resp = _reserve(vcloud, volume['id'], server, user=demo)
    assert resp.status_int == 200, resp.text
    assert resp.json['attachment']['instance'] == server
    assert _status(vcloud, volume['id'], user=demo) == 'reserved'


def test_admin_may_name_any_server(vcloud):
    volume = vcloud.create_volume()
    server = _server('someone-else')
    resp = _reserve(vcloud, volume['id'], server)
    assert resp.status_int == 200, resp.text
    assert resp.json['attachment']['status'] == 'reserved'
