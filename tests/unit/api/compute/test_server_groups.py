"""os-server-groups at 2.1: create, list, show, delete; policies; quota;
project scoping."""
import uuid

import pytest

from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session

BASE = '/compute/v2.1/os-server-groups'


def _group(client, name='g1', policy='anti-affinity', headers=None):
    return client.post(BASE, {'server_group': {'name': name,
                                               'policies': [policy]}},
                       headers=headers)


def test_create_answers_the_21_shape(admin):
    resp = _group(admin)
    assert resp.status_int == 200, resp.text
    group = resp.json['server_group']
    assert set(group) == {'id', 'name', 'policies', 'members', 'metadata'}
    assert group['policies'] == ['anti-affinity']
    assert group['members'] == [] and group['metadata'] == {}
    uuid.UUID(group['id'])


@pytest.mark.parametrize('body', [
    {'name': 'g', 'policies': ['soft-affinity']},      # 2.15
    {'name': 'g', 'policies': ['affinity', 'anti-affinity']},
    {'name': 'g', 'policies': []},
    {'name': 'g', 'policies': ['affinity', 'affinity']},
    {'name': 'g', 'policies': ['other']},
    {'name': 'g', 'policy': 'affinity'},               # 2.64
    {'name': 'g', 'policies': ['affinity'], 'rules': {}},
    {'name': '', 'policies': ['affinity']},
    {'name': ' g', 'policies': ['affinity']},
    {'policies': ['affinity']},
])
def test_bad_bodies_are_400(admin, body):
    assert admin.post(BASE, {'server_group': body}).status_int == 400


def test_list_show_delete(admin):
    group = _group(admin).json['server_group']
    _group(admin, 'g2', 'affinity')
    listed = admin.get(BASE).json['server_groups']
    assert [g['name'] for g in listed] == ['g1', 'g2']
    assert admin.get(BASE + '?limit=1&offset=1').json[
        'server_groups'][0]['name'] == 'g2'
    assert admin.get(BASE + '?limit=x').status_int == 400
    shown = admin.get(BASE + '/' + group['id']).json['server_group']
    assert shown == group
    assert admin.delete(BASE + '/' + group['id']).status_int == 204
    resp = admin.get(BASE + '/' + group['id'])
    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == \
        'Instance group %s could not be found.' % group['id']


def test_members_hide_deleted_servers(admin):
    group = _group(admin).json['server_group']
    with session.writer() as s:
        row = s.query(models.ServerGroup).filter_by(uuid=group['id']).one()
        for deleted in (False, True):
            instance = models.Instance(
                uuid=str(uuid.uuid4()), project_id='p', user_id='u',
                display_name='vm', flavor='{}', vcpus=1, memory_mb=1,
                root_gb=1, vm_state='active', deleted=deleted)
            s.add(instance)
            s.flush()
            s.add(models.ServerGroupMember(group_id=row.id,
                                           instance_uuid=instance.uuid))
            if not deleted:
                live = instance.uuid
    shown = admin.get(BASE + '/' + group['id']).json['server_group']
    assert shown['members'] == [live]
    assert admin.delete(BASE + '/' + group['id']).status_int == 204


def test_projects_see_only_their_groups(admin, demo):
    as_demo = {'X-Auth-Token': demo['token']}
    mine = _group(admin, 'admins').json['server_group']
    theirs = _group(admin, 'demos', headers=as_demo).json['server_group']
    assert [g['name'] for g in admin.get(BASE, headers=as_demo).json[
        'server_groups']] == ['demos']
    assert [g['name'] for g in admin.get(BASE).json['server_groups']] == [
        'admins']
    everyone = admin.get(BASE + '?all_projects=True').json['server_groups']
    assert {g['name'] for g in everyone} == {'admins', 'demos'}
    assert [g['name'] for g in admin.get(
        BASE + '?all_projects=True', headers=as_demo).json[
        'server_groups']] == ['demos']
    assert admin.get(BASE + '/' + mine['id'], headers=as_demo
                     ).status_int == 404
    assert admin.delete(BASE + '/' + mine['id'], headers=as_demo
                        ).status_int == 404
    assert admin.get(BASE + '/' + theirs['id']).status_int == 200


def test_quota(admin):
    CONF.set_override('server_groups', 1, 'quota')
    try:
        assert _group(admin).status_int == 200
        resp = _group(admin, 'g2')
        assert resp.status_int == 403
        assert resp.json['forbidden']['message'] == \
            'Quota exceeded, too many server groups.'
    finally:
        CONF.clear_override('server_groups', 'quota')


def test_reader_cannot_create(admin, demo):
    project = demo['project_id']
    role = admin.get('/identity/v3/roles?name=reader').json['roles']
    if not role:
        pytest.skip('no reader role bootstrapped')
    user = admin.post('/identity/v3/users', {'user': {
        'name': 'r', 'password': 'pw-r', 'default_project_id': project}}
    ).json['user']
    admin.put('/identity/v3/projects/%s/users/%s/roles/%s' % (
        project, user['id'], role[0]['id']))
    from support.identity import token_for
    headers = {'X-Auth-Token': token_for(admin, 'r', 'pw-r', 'demo')}
    assert admin.get(BASE, headers=headers).status_int == 200
    assert _group(admin, headers=headers).status_int == 403
