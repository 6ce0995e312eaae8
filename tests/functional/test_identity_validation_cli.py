"""keystone 30's request validation wording, seen through the unchanged
`openstack` CLI (it prints the status and keystone's message)."""
import uuid

import requests


def test_endpoint_with_a_bad_url_is_refused_in_keystone_words(cloud):
    name = 'wording-%s' % uuid.uuid4().hex[:8]
    service = cloud.cli_json('service', 'create', '--name', name, name)
    try:
        result = cloud.cli('endpoint', 'create', '--region', 'RegionOne',
                           service['id'], 'public', 'no-scheme', check=False)
        assert result.returncode != 0
        assert ("Invalid input for field/attribute url. Value: no-scheme. "
                "'no-scheme' does not match '^[a-zA-Z0-9+.-]+:.+'"
                in result.stderr)
        assert 'BadRequestException: 400' in result.stderr
        assert 'Traceback' not in result.stderr
    finally:
        cloud.cli('service', 'delete', service['id'])


def test_blank_project_name_is_refused_before_policy(cloud):
    # keystone checks the body before policy: the member sees the 400.
    for user in ('admin', 'demo'):
        result = cloud.cli('project', 'create', ' ', user=user, check=False)
        assert result.returncode != 0
        assert ("Invalid input for field/attribute name. Value:  . ' ' does "
                "not match '[\\\\S]+'" in result.stderr), result.stderr
        assert 'BadRequestException: 400' in result.stderr


def test_query_and_json_hook_over_http(cloud):
    resp = requests.get(cloud.url + '/identity/v3/regions?foo=1',
                        headers={'X-Auth-Token': cloud.token()})
    assert resp.status_code == 400
    assert resp.json()['error']['message'] == (
        "Additional properties are not allowed ('foo' was unexpected)")
    resp = requests.post(cloud.url + '/identity/v3/domains', data='nope',
                         headers={'X-Auth-Token': cloud.token(),
                                  'Content-Type': 'application/json'})
    assert resp.status_code == 400
    assert resp.json()['error']['message'].startswith(
        'Expecting to find valid JSON in request body.')
