"""os-server-groups across microversions: 2.13 project and user, 2.15 soft
policies, 2.64 policy and rules, 2.75 strict list query."""
import pytest

BASE = '/compute/v2.1/os-server-groups'


def _create(api, version, **group):
    group.setdefault('name', 'g')
    return api.post(BASE, {'server_group': group}, version=version)


def test_project_and_user_from_213(compute_v):
    old = _create(compute_v, '2.12', policies=['affinity']).json
    assert set(old['server_group']) == {'id', 'name', 'policies', 'members',
                                        'metadata'}
    new = _create(compute_v, '2.13', policies=['affinity']).json
    assert {'project_id', 'user_id'} <= set(new['server_group'])
    shown = compute_v.get(BASE + '/' + old['server_group']['id'],
                          version='2.13').json['server_group']
    assert shown['project_id'] == new['server_group']['project_id']


def test_soft_policies_from_215(compute_v):
    assert _create(compute_v, '2.14',
                   policies=['soft-affinity']).status_int == 400
    resp = _create(compute_v, '2.15', policies=['soft-anti-affinity'])
    assert resp.json['server_group']['policies'] == ['soft-anti-affinity']


def test_policy_and_rules_from_264(compute_v):
    assert _create(compute_v, '2.64',
                   policies=['affinity']).status_int == 400
    assert _create(compute_v, '2.63',
                   policy='affinity').status_int == 400
    resp = _create(compute_v, '2.64', policy='anti-affinity',
                   rules={'max_server_per_host': '2'})
    assert resp.status_int == 200, resp.text
    group = resp.json['server_group']
    assert group['policy'] == 'anti-affinity'
    assert group['rules'] == {'max_server_per_host': 2}
    assert 'policies' not in group and 'metadata' not in group
    plain = _create(compute_v, '2.64', policy='soft-affinity').json
    assert plain['server_group']['rules'] == {}
    # The same group through older eyes.
    old = compute_v.get(BASE + '/' + group['id'], version='2.63').json
    assert old['server_group']['policies'] == ['anti-affinity']
    listed = compute_v.get(BASE, version='2.64').json['server_groups']
    assert {g['policy'] for g in listed} == {'anti-affinity',
                                             'soft-affinity'}


@pytest.mark.parametrize('group', [
    {'policy': 'affinity', 'rules': {'max_server_per_host': 2}},
    {'policy': 'anti-affinity', 'rules': {'max_server_per_host': 0}},
    {'policy': 'anti-affinity', 'rules': {'other': 1}},
    {'policy': 'nope'},
])
def test_bad_264_bodies(compute_v, group):
    resp = _create(compute_v, '2.64', **group)
    assert resp.status_int == 400


def test_unknown_query_parameters_400_from_275(compute_v):
    assert compute_v.get(BASE + '?foo=1', version='2.74').status_int == 200
    resp = compute_v.get(BASE + '?foo=1', version='2.75')
    assert resp.status_int == 400
    assert compute_v.get(BASE + '?all_projects=True&limit=1',
                         version='2.75').status_int == 200
