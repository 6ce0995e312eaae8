"""os-quota-class-sets in-process: show and update per microversion (2.1,
2.50, 2.57), the 'default' class feeding os-quota-sets defaults and
project limits, admin only; checked against tempest's quota_classes
schemas."""
import pytest

from support import schemas

from stratus.api.compute import versions

CLASSES = '/compute/v2.1/os-quota-class-sets'
_BASE = {'cores', 'instances', 'key_pairs', 'metadata_items', 'ram'}
_FILES = {'injected_files', 'injected_file_content_bytes',
          'injected_file_path_bytes'}
_NETWORK = {'fixed_ips', 'floating_ips', 'security_groups',
            'security_group_rules'}
_GROUPS = {'server_groups', 'server_group_members'}


@pytest.fixture
def cloud(monkeypatch, admin):
    monkeypatch.setattr(versions, 'MAX', (2, 100))
    from stratus.api import app as app_module
    admin.app = app_module.build_app()
    return admin


def _mv(version='2.1', token=None):
    headers = {'OpenStack-API-Version': 'compute %s' % version}
    if token:
        headers['X-Auth-Token'] = token
    return headers


def _schema(version, name):
    return getattr(schemas.compute('quota_classes', version), name)


@pytest.mark.parametrize('version,keys', [
    ('2.1', _BASE | _FILES | _NETWORK),
    ('2.49', _BASE | _FILES | _NETWORK),
    ('2.50', _BASE | _FILES | _GROUPS),
    ('2.57', _BASE | _GROUPS),
    ('2.100', _BASE | _GROUPS),
])
def test_show_per_microversion(cloud, version, keys):
    resp = cloud.get(CLASSES + '/default', headers=_mv(version))
    body = schemas.check(_schema(version, 'get_quota_class_set'), resp)
    body = body['quota_class_set']
    assert set(body) == keys | {'id'} and body['id'] == 'default'
    assert body['cores'] == 20 and body['instances'] == 10


@pytest.mark.parametrize('version', ['2.1', '2.50', '2.57'])
def test_update_answers_without_id(cloud, version):
    resp = cloud.put(CLASSES + '/gold', {'quota_class_set': {
        'cores': 50, 'instances': '40'}}, headers=_mv(version))
    body = schemas.check(_schema(version, 'update_quota_class_set'),
                         resp)['quota_class_set']
    assert 'id' not in body and (body['cores'], body['instances']) == \
        (50, 40)
    shown = cloud.get(CLASSES + '/gold', headers=_mv(version)).json
    assert shown['quota_class_set']['cores'] == 50


def test_default_class_feeds_project_defaults(cloud):
    project = cloud.get('/identity/v3/auth/tokens', headers={
        'X-Subject-Token': cloud.token}).json['token']['project']['id']
    resp = cloud.put(CLASSES + '/default', {'quota_class_set': {
        'cores': 33, 'server_groups': 4}}, headers=_mv('2.50'))
    assert resp.status_int == 200, resp.text
    defaults = cloud.get('/compute/v2.1/os-quota-sets/%s/defaults' %
                         project).json['quota_set']
    assert (defaults['cores'], defaults['server_groups']) == (33, 4)
    limits = cloud.get('/compute/v2.1/os-quota-sets/%s' %
                       project).json['quota_set']
    assert limits['cores'] == 33
    # A named class shows the defaults where it sets nothing.
    gold = cloud.get(CLASSES + '/gold').json['quota_class_set']
    assert gold['cores'] == 33


@pytest.mark.parametrize('version,body', [
    ('2.1', {}),
    ('2.1', {'quota_class_set': {'cores': -2}}),
    ('2.1', {'quota_class_set': {'cores': 'x'}}),
    ('2.1', {'quota_class_set': {'bogus': 1}}),
    ('2.50', {'quota_class_set': {'floating_ips': 1}}),
    ('2.57', {'quota_class_set': {'injected_files': 1}}),
])
def test_update_bad_bodies_are_400(cloud, version, body):
    resp = cloud.put(CLASSES + '/gold', body, headers=_mv(version))
    schemas.check_fault(resp, 400, 'badRequest')


def test_network_quotas_are_accepted_before_250(cloud):
    resp = cloud.put(CLASSES + '/gold', {'quota_class_set': {
        'floating_ips': 5, 'networks': 3}})
    body = schemas.check(_schema('2.1', 'update_quota_class_set'), resp)
    assert body['quota_class_set']['floating_ips'] == -1


def test_quota_classes_are_admin_only(cloud, demo):
    resp = cloud.get(CLASSES + '/default', headers=_mv(token=demo['token']))
    schemas.check_fault(resp, 403, 'forbidden')
    resp = cloud.put(CLASSES + '/default', {'quota_class_set': {'cores': 1}},
                     headers=_mv(token=demo['token']))
    schemas.check_fault(resp, 403, 'forbidden')
