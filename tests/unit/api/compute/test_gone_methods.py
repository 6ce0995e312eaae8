"""A removed family answers 410 only where nova's route table maps the
method and path; another method or path matches no route in nova: 404.
POST /os-fixed-ips/{id}/action reads the action key first."""
import pytest

from support import schemas

V21 = '/compute/v2.1'
SERVER = V21 + '/servers/%s' % ('0' * 8 + '-0000-0000-0000-' + '0' * 12)
NOT_FOUND = 'The resource could not be found.'

UNROUTED = [
    ('PUT', V21 + '/os-agents'), ('DELETE', V21 + '/os-agents'),
    ('GET', V21 + '/os-agents/1'), ('POST', V21 + '/os-agents/1'),
    ('PUT', V21 + '/os-cells'), ('POST', V21 + '/os-cells/detail'),
    ('GET', V21 + '/os-cells/sync_instances/x'),
    ('GET', V21 + '/os-certificates'), ('DELETE', V21 + '/os-certificates/r'),
    ('DELETE', V21 + '/os-cloudpipe'), ('GET', V21 + '/os-cloudpipe/x'),
    ('GET', V21 + '/os-fixed-ips'), ('DELETE', V21 + '/os-fixed-ips/1'),
    ('GET', V21 + '/os-fixed-ips/1/action'),
    ('POST', V21 + '/os-floating-ip-dns'),
    ('GET', V21 + '/os-floating-ip-dns/example.org'),
    ('POST', V21 + '/os-floating-ip-dns/example.org/entries/a'),
    ('DELETE', V21 + '/os-floating-ips-bulk/x'),
    ('POST', V21 + '/os-fping'), ('DELETE', V21 + '/os-fping/x'),
    ('PUT', V21 + '/os-security-group-default-rules/1'),
    ('DELETE', V21 + '/os-security-group-default-rules'),
    ('PUT', SERVER + '/consoles'), ('PUT', SERVER + '/consoles/1'),
    ('POST', SERVER + '/os-virtual-interfaces'),
    ('GET', SERVER + '/os-virtual-interfaces/1'),
]
ROUTED = [
    ('PUT', V21 + '/os-cells/capacities'),   # matches /os-cells/{id}
    ('DELETE', V21 + '/os-cells/c1'),
    ('PUT', V21 + '/os-floating-ip-dns/example.org'),
    ('DELETE', V21 + '/os-floating-ip-dns/example.org/entries/a'),
    ('POST', V21 + '/os-floating-ips-bulk'),
    ('GET', V21 + '/os-floating-ips-bulk/x'),
    ('POST', V21 + '/os-security-group-default-rules'),
    ('POST', V21 + '/os-cloudpipe'),
]


@pytest.mark.parametrize('method,path', UNROUTED)
def test_a_method_nova_does_not_route_is_404(compute_v, method, path):
    body = {} if method in ('POST', 'PUT') else None
    resp = compute_v.request(method, path, body, version='2.1')
    schemas.check_fault(resp, 404, 'itemNotFound')
    assert resp.json['itemNotFound']['message'] == NOT_FOUND


@pytest.mark.parametrize('method,path', ROUTED)
def test_routed_methods_are_gone(compute_v, method, path):
    body = {} if method in ('POST', 'PUT') else None
    resp = compute_v.request(method, path, body, version='2.1')
    assert resp.status_int == 410, resp.text


@pytest.mark.parametrize('raw,code,message', [
    (b'{"reserve": null}', 410, None),
    (b'{"unreserve": {}}', 410, None),
    (b'{"steal": null}', 400, 'There is no such action: steal'),
    (b'{}', 400, 'Malformed request body'),
    (b'{"reserve": 1, "unreserve": 1}', 400, 'Malformed request body'),
    (b'nonsense', 400, 'Malformed request body'),
])
def test_fixed_ip_action_reads_the_key_first(compute_v, raw, code,
                                             message):
    resp = compute_v.request('POST', V21 + '/os-fixed-ips/10.0.0.2/action',
                             raw=raw, version='2.1')
    assert resp.status_int == code, resp.text
    if message:
        schemas.check_fault(resp, 400, 'badRequest')
        assert resp.json['badRequest']['message'] == message
