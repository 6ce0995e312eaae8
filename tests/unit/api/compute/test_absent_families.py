"""Families nova removed or proxies answer as nova does, never a silent
404: removed ones 410 Gone at every microversion and method."""
import json

import pytest

from support import schemas

GONE = {'computeFault': {
    'code': 410, 'message': 'This resource is no longer available. No '
                            'forwarding address is given.'}}
VERSIONS = ('2.1', '2.35', '2.36', '2.104')
SERVER = '/compute/v2.1/servers/%s' % ('0' * 8 + '-0000-0000-0000-' + '0' * 12)

GONE_CALLS = [
    ('GET', '/compute/v2.1/os-agents'),
    ('POST', '/compute/v2.1/os-agents'),
    ('PUT', '/compute/v2.1/os-agents/1'),
    ('DELETE', '/compute/v2.1/os-agents/1'),
    ('GET', '/compute/v2.1/os-cells'),
    ('GET', '/compute/v2.1/os-cells/detail'),
    ('GET', '/compute/v2.1/os-cells/cell1/capacities'),
    ('POST', '/compute/v2.1/os-cells/sync_instances'),
    ('POST', '/compute/v2.1/os-certificates'),
    ('GET', '/compute/v2.1/os-certificates/root'),
    ('GET', '/compute/v2.1/os-cloudpipe'),
    ('PUT', '/compute/v2.1/os-cloudpipe/configure-project'),
    ('GET', '/compute/v2.1/os-fixed-ips/10.0.0.2'),
    ('POST', '/compute/v2.1/os-fixed-ips/10.0.0.2/action'),
    ('GET', '/compute/v2.1/os-floating-ip-dns'),
    ('GET', '/compute/v2.1/os-floating-ip-dns/example.org/entries/a'),
    ('GET', '/compute/v2.1/os-floating-ips-bulk'),
    ('PUT', '/compute/v2.1/os-floating-ips-bulk/delete'),
    ('GET', '/compute/v2.1/os-fping'),
    ('GET', '/compute/v2.1/os-fping/abc'),
    ('GET', '/compute/v2.1/os-security-group-default-rules'),
    ('DELETE', '/compute/v2.1/os-security-group-default-rules/1'),
    ('GET', SERVER + '/consoles'),
    ('POST', SERVER + '/consoles'),
    ('GET', SERVER + '/consoles/1'),
    ('DELETE', SERVER + '/consoles/1'),
    ('GET', SERVER + '/os-virtual-interfaces'),
]


@pytest.mark.parametrize('version', VERSIONS)
@pytest.mark.parametrize('method,path', GONE_CALLS)
def test_removed_family_is_gone(compute_v, method, path, version):
    body = {} if method in ('POST', 'PUT') else None
    resp = compute_v.request(method, path, body, version=version)
    assert resp.status_int == 410, (path, resp.status_int, resp.body)
    assert json.loads(resp.body) == GONE
    assert resp.content_type == 'application/json'


def test_gone_still_needs_a_token(compute_v):
    resp = compute_v.request('GET', '/compute/v2.1/os-agents',
                             headers={'X-Auth-Token': 'nonsense'})
    assert resp.status_int == 401
