"""os-quota-sets at 2.1 and the quota functions the servers code calls."""
import uuid

import pytest

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import quotas

BASE = '/compute/v2.1/os-quota-sets/'
KEYS = {'id', 'instances', 'cores', 'ram', 'key_pairs', 'metadata_items',
        'injected_files', 'injected_file_content_bytes',
        'injected_file_path_bytes', 'server_groups', 'server_group_members',
        'fixed_ips', 'floating_ips', 'security_groups',
        'security_group_rules'}


def _instance(project_id, vcpus=1, ram=512, deleted=False):
    server = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id=project_id, user_id='u',
            display_name='vm', flavor='{}', vcpus=vcpus, memory_mb=ram,
            root_gb=1, vm_state='active', deleted=deleted))
    return server


def test_show_defaults_of_a_project(admin, demo):
    body = admin.get(BASE + demo['project_id']).json['quota_set']
    assert set(body) == KEYS
    assert body['id'] == demo['project_id']
    assert (body['instances'], body['cores'], body['ram']) == (10, 20, 51200)
    assert body['key_pairs'] == 100 and body['metadata_items'] == 128
    assert body['injected_file_path_bytes'] == 255
    assert body['server_groups'] == body['server_group_members'] == 10
    assert body['floating_ips'] == body['security_groups'] == -1


def test_update_then_show_then_delete(admin, demo):
    url = BASE + demo['project_id']
    resp = admin.put(url, {'quota_set': {'instances': 5, 'cores': '10',
                                         'ram': 2048, 'floating_ips': 3}})
    assert resp.status_int == 200, resp.text
    body = resp.json['quota_set']
    assert 'id' not in body and set(body) == KEYS - {'id'}
    assert (body['instances'], body['cores'], body['ram']) == (5, 10, 2048)
    assert body['floating_ips'] == -1          # nova-network's: ignored
    assert admin.get(url).json['quota_set']['instances'] == 5
    defaults = admin.get(url + '/defaults').json['quota_set']
    assert defaults['instances'] == 10 and defaults['id'] == demo[
        'project_id']
    assert admin.delete(url).status_int == 202
    assert admin.get(url).json['quota_set']['instances'] == 10


def test_detail_shows_usage(admin, demo):
    _instance(demo['project_id'], vcpus=2, ram=1024)
    _instance(demo['project_id'], vcpus=4, ram=512)
    _instance(demo['project_id'], deleted=True)
    body = admin.get(BASE + demo['project_id'] + '/detail').json['quota_set']
    assert set(body) == KEYS
    assert body['instances'] == {'in_use': 2, 'limit': 10, 'reserved': 0}
    assert body['cores']['in_use'] == 6 and body['ram']['in_use'] == 1536
    assert body['key_pairs'] == {'in_use': 0, 'limit': 100, 'reserved': 0}
    assert body['fixed_ips'] == {'in_use': 0, 'limit': -1, 'reserved': 0}


def test_limit_below_usage_needs_force(admin, demo):
    _instance(demo['project_id'])
    _instance(demo['project_id'])
    url = BASE + demo['project_id']
    resp = admin.put(url, {'quota_set': {'instances': 1}})
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == (
        'Quota limit 1 for instances must be greater than or equal to '
        'already used and reserved 2.')
    resp = admin.put(url, {'quota_set': {'instances': 1, 'force': 'True'}})
    assert resp.status_int == 200
    assert admin.put(url, {'quota_set': {'instances': -1}}).status_int == 200


@pytest.mark.parametrize('quota_set', [
    {'instances': -2}, {'instances': '-5'}, {'instances': 'many'},
    {'instances': 1.5}, {'bogus': 1}, {'force': 'maybe'},
    {'instances': 2147483648},
])
def test_bad_updates_are_400(admin, demo, quota_set):
    resp = admin.put(BASE + demo['project_id'], {'quota_set': quota_set})
    assert resp.status_int == 400


def test_unknown_project_is_400(admin):
    resp = admin.get(BASE + 'no-such-project')
    assert resp.status_int == 400
    assert resp.json['badRequest']['message'] == \
        'Project ID no-such-project is not a valid project.'
    resp = admin.put(BASE + 'no-such-project', {'quota_set': {
        'instances': 1}})
    assert resp.status_int == 400


def test_member_reads_own_project_only_and_cannot_write(admin, demo):
    as_demo = {'X-Auth-Token': demo['token']}
    own = BASE + demo['project_id']
    assert admin.get(own, headers=as_demo).status_int == 200
    assert admin.get(own + '/detail', headers=as_demo).status_int == 200
    admin_project = admin.get('/identity/v3/projects?name=admin').json[
        'projects'][0]['id']
    assert admin.get(BASE + admin_project, headers=as_demo
                     ).status_int == 403
    assert admin.get(BASE + admin_project + '/defaults', headers=as_demo
                     ).status_int == 200
    assert admin.put(own, {'quota_set': {'instances': 50}},
                     headers=as_demo).status_int == 403
    assert admin.delete(own, headers=as_demo).status_int == 403


def test_per_user_quota_writes_are_refused(admin, demo):
    url = BASE + demo['project_id'] + '?user_id=' + demo['user_id']
    assert admin.put(url, {'quota_set': {'instances': 1}}).status_int == 400


# --- the functions the servers code calls in its own transaction -----------

def test_check_counts_usage_in_the_open_session(db):
    _instance('p1', vcpus=8, ram=4096)
    with session.writer() as s:
        quotas.check(s, 'p1', {'instances': 9, 'cores': 12})
        with pytest.raises(exception.QuotaExceeded) as err:
            quotas.check(s, 'p1', {'instances': 1, 'cores': 13, 'ram': 1})
    assert err.value.code == 403
    assert err.value.message == (
        'Quota exceeded for cores: Requested 13, but already used 8 of 20 '
        'cores')


def test_check_names_every_resource_over(db):
    with session.writer() as s:
        s.add(models.Quota(project_id='p1', resource='instances',
                           hard_limit=0))
    with session.writer() as s:
        with pytest.raises(exception.QuotaExceeded) as err:
            quotas.check(s, 'p1', {'instances': 1, 'ram': 60000})
    assert err.value.message == (
        'Quota exceeded for instances, ram: Requested 1, 60000, but already '
        'used 0, 0 of 0, 51200 instances, ram')


def test_unlimited_and_request_sized_resources(db):
    CONF.set_override('cores', -1, 'quota')
    try:
        with session.writer() as s:
            quotas.check(s, 'p1', {'cores': 10 ** 6})
            quotas.check(s, 'p1', {'metadata_items': 128})
            with pytest.raises(exception.QuotaExceeded):
                quotas.check(s, 'p1', {'metadata_items': 129})
            with pytest.raises(ValueError):
                quotas.check(s, 'p1', {'gpus': 1})
    finally:
        CONF.clear_override('cores', 'quota')


def test_limits_and_usage_read_overrides_and_rows(db):
    quotas.update('p1', {'ram': 1024})
    _instance('p1', vcpus=2, ram=256)
    with session.reader() as s:
        assert quotas.limits(s, 'p1')['ram'] == 1024
        assert quotas.limits(s, 'p2')['ram'] == 51200
        assert quotas.usage(s, 'p1') == {'instances': 1, 'cores': 2,
                                         'ram': 256, 'server_groups': 0}
    quotas.delete('p1')
    assert quotas.get('p1')[0] == quotas.defaults()


def _group_with_members(*instance_uuids):
    with session.writer() as s:
        group = models.ServerGroup(uuid=str(uuid.uuid4()), name='g',
                                   project_id='p1', user_id='u1',
                                   policy='affinity')
        s.add(group)
        s.flush()
        for instance_uuid in instance_uuids:
            s.add(models.ServerGroupMember(group_id=group.id,
                                           instance_uuid=instance_uuid))
        return group.id


def test_check_key_pairs_per_user_and_members_per_group(db):
    CONF.set_override('key_pairs', 1, 'quota')
    CONF.set_override('server_group_members', 1, 'quota')
    try:
        with session.writer() as s:
            s.add(models.KeyPair(name='k', user_id='u1', fingerprint='f',
                                 public_key='p'))
        live = _instance('p1')
        # A member whose server no longer exists does not count.
        gone_only = _group_with_members('gone')
        full = _group_with_members('gone', live)
        with session.writer() as s:
            quotas.check(s, 'p1', {'key_pairs': 1}, user_id='u2')
            with pytest.raises(exception.QuotaExceeded):
                quotas.check(s, 'p1', {'key_pairs': 1}, user_id='u1')
            quotas.check(s, 'p1', {'server_group_members': 1},
                         group_id=gone_only)
            with pytest.raises(exception.QuotaExceeded):
                quotas.check(s, 'p1', {'server_group_members': 1},
                             group_id=full)
    finally:
        CONF.clear_override('key_pairs', 'quota')
        CONF.clear_override('server_group_members', 'quota')
