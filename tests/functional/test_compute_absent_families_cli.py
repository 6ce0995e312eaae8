"""Families nova removed or proxies, on real daemons: the usage report
through tempest's TenantUsagesClient (schema-checked) and the openstack
CLI, and the 410s and proxy answers as raw REST sees them."""
import datetime

import pytest

from support import cloud as cloud_support
from support import schemas
from support import strict_clients
from support.strict_clients import compute_microversion as microversion

GONE = ('This resource is no longer available. No forwarding address is '
        'given.')


@pytest.fixture(scope='module')
def server(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('usage') / 'disk.raw'
    path.write_bytes(b'\1' * 8192)
    image = cloud.cli_json('image', 'create', '--file', str(path),
                           '--disk-format', 'raw', '--container-format',
                           'bare', 'usage-image')
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--wait', 'usage-vm')
    yield created
    cloud.cli('server', 'delete', '--wait', created['id'], check=False)
    cloud.cli('image', 'delete', image['id'], check=False)


def test_usage_report_with_strict_clients_and_cli(cloud, server):
    admin = strict_clients.Compute(cloud, 'admin')
    start = (datetime.datetime.utcnow() - datetime.timedelta(days=1)
             ).strftime('%Y-%m-%dT%H:%M:%S')
    end = (datetime.datetime.utcnow() + datetime.timedelta(hours=1)
           ).strftime('%Y-%m-%dT%H:%M:%S')
    for version in ('2.1', '2.40', '2.104'):
        with microversion(version):
            listed = admin.usages.list_tenant_usages(
                start=start, end=end, detailed=1)
            assert 'tenant_usages' in listed
            shown = admin.usages.show_tenant_usage(
                admin.provider.credentials.project_id, start=start, end=end)
            # The cloud is shared by the session: other tests' servers
            # (deleted ones too) count in the period as well.
            assert server['id'] in [u['instance_id'] for u in
                                    shown['tenant_usage']['server_usages']]
    rows = cloud.cli_json('usage', 'list')
    # The SDK sends detailed=True, which nova (wanting '1') does not take as
    # detailed: the list has no server count, as against nova.
    assert rows and any(row['RAM MB-Hours'] > 0 for row in rows)
    shown = cloud.cli_json('usage', 'show', '--project', 'admin')
    assert server['id'] in [s['instance_id'] for s in shown['Servers']]


def test_removed_and_proxied_families_over_rest(cloud):
    rest = cloud_support.Rest(cloud)
    for path in ('os-agents', 'os-cells/detail', 'os-fping',
                 'os-security-group-default-rules'):
        resp = rest.get('/compute/v2.1/' + path)
        assert schemas.check_fault(resp, 410, 'computeFault') == GONE
    old = {'OpenStack-API-Version': 'compute 2.35'}
    new = {'OpenStack-API-Version': 'compute 2.36'}
    # (os-security-groups holds each project's default group: see
    # test_security_groups_cli.py.)
    for path, key in (('os-networks', 'networks'),
                      ('os-floating-ip-pools', 'floating_ip_pools')):
        resp = rest.get('/compute/v2.1/' + path, headers=dict(old))
        assert resp.status_code == 200 and resp.json() == {key: []}
        resp = rest.get('/compute/v2.1/' + path, headers=dict(new))
        schemas.check_fault(resp, 404, 'itemNotFound')
