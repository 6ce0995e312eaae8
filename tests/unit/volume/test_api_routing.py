"""Methods no cinder route has answer 404, as cinder's router does: never
405, and never a 500 for a collection addressed like a member."""
import pytest

from support import schemas


@pytest.mark.parametrize('method,path', [
    ('PUT', '/volumes'), ('DELETE', '/volumes'), ('PATCH', '/volumes/x'),
    ('DELETE', '/snapshots'), ('DELETE', '/limits'),
    ('POST', '/os-availability-zone'), ('DELETE', '/groups/abc'),
    ('PUT', '/types'),
])
def test_unrouted_methods_are_404(vcloud, method, path):
    body = {} if method in ('PUT', 'PATCH', 'POST') else None
    resp = vcloud.request(method, path, body)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'
