"""os-quota-sets and /limits across microversions: 2.36 network quotas
gone, 2.39 maxImageMeta gone, 2.57 personality quotas gone, 2.75 strict
query strings."""
import pytest

QUOTAS = '/compute/v2.1/os-quota-sets/'
LIMITS = '/compute/v2.1/limits'
NETWORK = {'fixed_ips', 'floating_ips', 'security_groups',
           'security_group_rules'}
PERSONALITY = {'injected_files', 'injected_file_content_bytes',
               'injected_file_path_bytes'}
BASE_KEYS = {'id', 'instances', 'cores', 'ram', 'key_pairs',
             'metadata_items', 'server_groups', 'server_group_members'}


@pytest.mark.parametrize('version,keys', [
    ('2.35', BASE_KEYS | NETWORK | PERSONALITY),
    ('2.36', BASE_KEYS | PERSONALITY),
    ('2.56', BASE_KEYS | PERSONALITY),
    ('2.57', BASE_KEYS),
])
def test_quota_set_keys(compute_v, demo, version, keys):
    url = QUOTAS + demo['project_id']
    assert set(compute_v.get(url, version=version).json[
        'quota_set']) == keys
    assert set(compute_v.get(url + '/defaults', version=version).json[
        'quota_set']) == keys
    assert set(compute_v.get(url + '/detail', version=version).json[
        'quota_set']) == keys
    updated = compute_v.put(url, {'quota_set': {'cores': 9}},
                            version=version).json['quota_set']
    assert set(updated) == keys - {'id'}


def test_update_rejects_removed_quotas(compute_v, demo):
    url = QUOTAS + demo['project_id']
    assert compute_v.put(url, {'quota_set': {'floating_ips': 3}},
                         version='2.35').status_int == 200
    resp = compute_v.put(url, {'quota_set': {'floating_ips': 3}},
                         version='2.36')
    assert resp.status_int == 400
    assert 'floating_ips' in resp.json['badRequest']['message']
    assert compute_v.put(url, {'quota_set': {'injected_files': 3}},
                         version='2.56').status_int == 200
    assert compute_v.put(url, {'quota_set': {'injected_files': 3}},
                         version='2.57').status_int == 400


def test_quota_queries_are_strict_from_275(compute_v, demo):
    url = QUOTAS + demo['project_id']
    for path in (url, url + '/detail'):
        assert compute_v.get(path + '?foo=1',
                             version='2.74').status_int == 200
        resp = compute_v.get(path + '?foo=1', version='2.75')
        assert resp.status_int == 400
        assert "'foo' was unexpected" in resp.json['badRequest']['message']
    assert compute_v.put(url + '?foo=1', {'quota_set': {'cores': 3}},
                         version='2.75').status_int == 400
    assert compute_v.delete(url + '?foo=1', version='2.75').status_int == 400
    assert compute_v.delete(url, version='2.75').status_int == 202


@pytest.mark.parametrize('version,present,absent', [
    ('2.35', {'maxTotalFloatingIps', 'maxSecurityGroups', 'maxImageMeta',
              'maxPersonality'}, set()),
    ('2.36', {'maxImageMeta', 'maxPersonality', 'maxPersonalitySize'},
     {'maxTotalFloatingIps', 'totalFloatingIpsUsed', 'maxSecurityGroups',
      'maxSecurityGroupRules', 'totalSecurityGroupsUsed'}),
    ('2.39', {'maxPersonality'}, {'maxImageMeta'}),
    ('2.57', {'maxServerMeta', 'maxTotalKeypairs'},
     {'maxPersonality', 'maxPersonalitySize', 'maxImageMeta'}),
])
def test_limits_keys(compute_v, version, present, absent):
    absolute = compute_v.get(LIMITS, version=version).json['limits'][
        'absolute']
    assert present <= set(absolute)
    assert not absent & set(absolute)


def test_limits_query_is_strict_from_275(compute_v):
    assert compute_v.get(LIMITS + '?foo=1', version='2.74').status_int == 200
    assert compute_v.get(LIMITS + '?foo=1', version='2.75').status_int == 400
    assert compute_v.get(LIMITS + '?tenant_id=None',
                         version='2.75').status_int == 200
