"""Shared setup of the group tests: the loopback RPC for the group API,
a group type, volume types and a group made through the REST API."""
import pytest

from support import schemas

GROUPS_SCHEMA = schemas.volume('groups')


@pytest.fixture
def gcloud(vcloud, monkeypatch):
    from stratus.api.volume import groups
    monkeypatch.setattr(groups.GROUPS, 'volume_rpc', vcloud.volume_rpc)
    monkeypatch.setattr(groups.GROUPS, 'scheduler_rpc', vcloud.scheduler_rpc)
    return vcloud


def group_type(cloud, name='gt', **specs):
    resp = cloud.post('/group_types', {'group_type': {
        'name': name, 'group_specs': specs}}, version='3.11')
    assert resp.status_int == 202, resp.text
    return resp.json['group_type']['id']


def create_group(cloud, types=('vt1',), gtype=None, user=None,
                 version='3.13', **extra):
    body = dict({'group_type': gtype or group_type(cloud),
                 'volume_types': list(types), 'name': 'grp'}, **extra)
    resp = cloud.post('/groups', {'group': body}, version=version, user=user)
    schemas.check(GROUPS_SCHEMA.create_group, resp)
    return resp.json['group']['id']


def show(cloud, group_id, version='3.38', user=None, query=''):
    resp = cloud.get('/groups/%s%s' % (group_id, query), version=version,
                     user=user)
    return schemas.check(GROUPS_SCHEMA.show_group, resp)['group']
