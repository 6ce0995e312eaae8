"""The compute resources other than servers through the real `openstack`
CLI pinned to microversions between 2.53 and 2.92 (flavors, keypairs,
hypervisors, services, server groups, migrations).

Runs once the advertised maximum is 2.100: until then the CLI refuses
versions above the server's maximum."""
import uuid

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from stratus.api.compute import versions

pytestmark = pytest.mark.skipif(
    versions.MAX < (2, 100),
    reason='the compute API advertises %d.%d; these run at 2.100' %
           versions.MAX)


def _at(version, *args):
    return ('--os-compute-api-version', version) + args


def _is_uuid(text):
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


@pytest.fixture
def flavor(cloud):
    name = 'mv-%s' % uuid.uuid4().hex[:6]
    cloud.cli(*_at('2.55', 'flavor', 'create', '--ram', '64', '--disk', '1',
                   '--vcpus', '1', '--description', 'for microversions',
                   '--property', 'hw:cpu_policy=shared', name))
    yield name
    cloud.cli('flavor', 'delete', name, check=False)


def test_flavor_description_at_255(cloud, flavor):
    shown = cloud.cli_json(*_at('2.55', 'flavor', 'show', flavor))
    assert shown['description'] == 'for microversions'
    cloud.cli(*_at('2.55', 'flavor', 'set', '--description', 'changed',
                   flavor))
    assert cloud.cli_json(*_at('2.55', 'flavor', 'show', flavor))[
        'description'] == 'changed'
    listed = cloud.cli_json(*_at('2.55', 'flavor', 'list', '--long'))
    assert flavor in [f['Name'] for f in listed]


def test_flavor_extra_specs_at_261_and_swap_at_275(cloud, flavor):
    shown = cloud.cli_json(*_at('2.61', 'flavor', 'show', flavor))
    assert shown['properties'] == {'hw:cpu_policy': 'shared'}
    listed = cloud.cli_json(*_at('2.75', 'flavor', 'list', '--long'))
    row = [f for f in listed if f['Name'] == flavor][0]
    assert row['Swap'] == 0
    assert row['Properties'] == {'hw:cpu_policy': 'shared'}


def test_flavor_extra_spec_validation_at_286(cloud, flavor):
    result = cloud.cli(*_at('2.86', 'flavor', 'set', '--property',
                            'hw:cpu_policy=sometimes', flavor), check=False)
    assert result.returncode != 0
    assert 'Traceback' not in result.stderr


def test_keypair_import_at_292(cloud, tmp_path):
    key = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()
    path = tmp_path / 'key.pub'
    path.write_text(key + '\n')
    name = 'me@mv.%s' % uuid.uuid4().hex[:6]
    created = cloud.cli_json(*_at('2.92', 'keypair', 'create',
                                  '--public-key', str(path), name))
    try:
        assert created['name'] == name and created['type'] == 'ssh'
        listed = cloud.cli_json(*_at('2.92', 'keypair', 'list'))
        assert name in [k['Name'] for k in listed]
        assert {k['Type'] for k in listed} <= {'ssh', 'x509'}
    finally:
        cloud.cli(*_at('2.92', 'keypair', 'delete', name), check=False)


def test_hypervisor_list_at_253_and_288(cloud):
    listed = cloud.cli_json(*_at('2.53', 'hypervisor', 'list'))
    assert listed and all(_is_uuid(h['ID']) for h in listed)
    listed = cloud.cli_json(*_at('2.88', 'hypervisor', 'list', '--long'))
    assert {h['Hypervisor Hostname'] for h in listed} >= {'compute1',
                                                          'compute2'}
    # 2.88 has no statistics fields; the (unknown) uptime comes in the
    # show body instead of from the gone /uptime route.
    shown = cloud.cli_json(*_at('2.88', 'hypervisor', 'show', 'compute1'))
    assert 'vcpus' not in shown and 'memory_mb' not in shown
    assert _is_uuid(shown['service_id'])


def test_compute_service_list_at_253(cloud):
    listed = cloud.cli_json(*_at('2.53', 'compute', 'service', 'list'))
    assert listed and all(_is_uuid(s['ID']) for s in listed)
    cloud.cli(*_at('2.53', 'compute', 'service', 'set', '--disable',
                   '--disable-reason', 'mv', 'compute2', 'nova-compute'))
    try:
        rows = cloud.cli_json(*_at('2.53', 'compute', 'service', 'list',
                                   '--long', '--host', 'compute2'))
        assert rows[0]['Status'] == 'disabled'
        assert rows[0]['Disabled Reason'] == 'mv'
    finally:
        cloud.cli(*_at('2.53', 'compute', 'service', 'set', '--enable',
                       'compute2', 'nova-compute'))


def test_server_group_policy_and_rules_at_264(cloud):
    name = 'mv-%s' % uuid.uuid4().hex[:6]
    group = cloud.cli_json(*_at('2.64', 'server', 'group', 'create',
                                '--policy', 'anti-affinity', '--rule',
                                'max_server_per_host=2', name))
    try:
        assert group['policy'] == 'anti-affinity'
        assert group['rules'] == {'max_server_per_host': 2}
    finally:
        cloud.cli('server', 'group', 'delete', name, check=False)


def test_server_migration_list_at_280(cloud):
    listed = cloud.cli_json(*_at('2.80', 'server', 'migration', 'list',
                                 '--user', 'admin', '--project', 'admin'))
    assert isinstance(listed, list)
    for row in listed:
        assert _is_uuid(row['UUID']) and 'User' in row and 'Project' in row
