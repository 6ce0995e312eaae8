"""The compute resources around servers through the real `openstack` CLI:
keypairs, hypervisors, availability zones, quotas, limits, server groups,
migrations and server events."""
import base64
import hashlib
import json
import os
import shutil
import subprocess
import uuid

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from stratus.api.compute import versions


def _md5(public_line):
    digest = hashlib.md5(base64.b64decode(public_line.split()[1])).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, 32, 2))


def _fails(result, *needles):
    """A clean CLI failure: non-zero, no traceback, one of the needles."""
    assert result.returncode != 0, result.stdout
    assert 'Traceback' not in result.stderr, result.stderr
    assert any(n in result.stderr for n in needles), result.stderr


# --- keypairs ---------------------------------------------------------------

def test_keypair_create_prints_a_usable_private_key(cloud, tmp_path):
    pem = cloud.cli('keypair', 'create', 'fk1').stdout
    assert 'PRIVATE KEY-----' in pem
    try:
        shown = cloud.cli_json('keypair', 'show', 'fk1')
        assert shown['name'] == 'fk1' and shown['type'] == 'ssh'
        if shutil.which('ssh-keygen'):
            path = tmp_path / 'fk1.pem'
            path.write_text(pem)
            os.chmod(path, 0o600)
            public = subprocess.run(['ssh-keygen', '-y', '-f', str(path)],
                                    capture_output=True, text=True,
                                    check=True).stdout
            assert shown['fingerprint'] == _md5(public)
    finally:
        cloud.cli('keypair', 'delete', 'fk1')


def test_keypair_import_list_show_delete(cloud, tmp_path):
    public = ed25519.Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode() + ' me@host\n'
    path = tmp_path / 'fk2.pub'
    path.write_text(public)
    created = cloud.cli_json('keypair', 'create', '--public-key', str(path),
                             'fk2')
    assert created['fingerprint'] == _md5(public)
    listed = {k['Name']: k for k in cloud.cli_json('keypair', 'list')}
    assert listed['fk2']['Fingerprint'] == _md5(public)
    _fails(cloud.cli('keypair', 'create', '--public-key', str(path), 'fk2',
                     check=False), "Key pair 'fk2' already exists.")
    # Key pairs belong to their user.
    assert 'fk2' not in {k['Name'] for k in cloud.cli_json(
        'keypair', 'list', user='demo')}
    cloud.cli('keypair', 'delete', 'fk2')
    assert 'fk2' not in {k['Name'] for k in cloud.cli_json('keypair',
                                                           'list')}
    _fails(cloud.cli('keypair', 'show', 'fk2', check=False), 'fk2')


def test_keypair_import_rejects_garbage(cloud, tmp_path):
    path = tmp_path / 'bad.pub'
    path.write_text('ssh-rsa not-a-key\n')
    _fails(cloud.cli('keypair', 'create', '--public-key', str(path), 'bad',
                     check=False), 'Keypair data is invalid')


# --- hypervisors ------------------------------------------------------------

def test_hypervisor_list_and_stats(cloud):
    # The usage columns are gone from 2.88 (SDK's default once served).
    pin = ('--os-compute-api-version', '2.87') \
        if versions.MAX >= (2, 88) else ()
    rows = cloud.cli_json(*pin + ('hypervisor', 'list', '--long'))
    # Until the computes report their nodes the list may be empty.
    assert {r['Hypervisor Hostname'] for r in rows} <= {'compute1',
                                                        'compute2'}
    stats = cloud.cli_json('hypervisor', 'stats', 'show')
    assert stats['count'] == len(rows)
    assert stats['vcpus'] == sum(r['vCPUs'] for r in rows)
    assert stats['memory_mb_used'] == sum(r['Memory MB Used'] for r in rows)
    _fails(cloud.cli('hypervisor', 'list', user='demo', check=False), '403')


def test_hypervisor_show(cloud):
    rows = cloud.cli_json('hypervisor', 'list')
    shown = cloud.cli_json('hypervisor', 'show', rows[0]['Hypervisor '
                                                         'Hostname'])
    assert shown['id'] == rows[0]['ID']
    assert shown['service_host'] == rows[0]['Hypervisor Hostname']


# --- availability zones -----------------------------------------------------

def test_availability_zone_list(cloud):
    zones = {z['Zone Name']: z['Zone Status'] for z in cloud.cli_json(
        'availability', 'zone', 'list', '--compute')}
    assert zones == {'internal': 'available', 'nova': 'available'}
    # A member cannot read /detail; the client falls back to the list.
    assert cloud.cli_json('availability', 'zone', 'list', '--compute',
                          user='demo') == [
        {'Zone Name': 'nova', 'Zone Status': 'available'}]
    rows = cloud.cli_json('availability', 'zone', 'list', '--compute',
                          '--long')
    services = {(r['Zone Name'], r['Host Name'], r['Service Name'])
                for r in rows}
    assert {('nova', 'compute1', 'nova-compute'),
            ('nova', 'compute2', 'nova-compute')} <= services
    assert {s for z, h, s in services if z == 'internal'} == {
        'nova-conductor', 'nova-scheduler'}


# --- quotas and limits ------------------------------------------------------

def _limits(rows):
    return {r['Resource']: r['Limit'] for r in rows}


def test_quota_show_and_set(cloud):
    defaults = _limits(cloud.cli_json('quota', 'show', '--compute',
                                      '--default'))
    assert (defaults['instances'], defaults['cores'], defaults['ram']) == (
        10, 20, 51200)
    cloud.cli('quota', 'set', '--instances', '5', '--cores', '10', '--ram',
              '2048', 'demo')
    try:
        shown = _limits(cloud.cli_json('quota', 'show', '--compute',
                                       'demo'))
        assert (shown['instances'], shown['cores'], shown['ram']) == (
            5, 10, 2048)
        own = _limits(cloud.cli_json('quota', 'show', '--compute',
                                     user='demo'))
        assert own['instances'] == 5
        usage = {r['Resource']: r for r in cloud.cli_json(
            'quota', 'show', '--compute', '--usage', 'demo')}
        assert usage['instances']['In Use'] == 0
        _fails(cloud.cli('quota', 'set', '--instances', '50', 'demo',
                         user='demo', check=False), '403')
        _fails(cloud.cli('quota', 'show', '--compute', 'admin', user='demo',
                         check=False), '403', 'admin')
    finally:
        cloud.cli('quota', 'delete', '--compute', 'demo')
    assert _limits(cloud.cli_json('quota', 'show', '--compute', 'demo'))[
        'instances'] == 10


def test_limits_show_absolute(cloud):
    result = cloud.cli('limits', 'show', '--absolute', '-f', 'json',
                       user='demo', check=False)
    if result.returncode != 0 and '/volume/v3/limits' in result.stderr:
        # The CLI merges the volume API's limits, which it lacks so far;
        # check what the compute API answered through the same client.
        out = cloud.cli('--debug', 'limits', 'show', '--absolute',
                        user='demo', check=False).stderr
        assert '/compute/v2.1/limits' in out
        assert '"maxTotalInstances": 10' in out, out[-3000:]
        pytest.xfail('limits show also needs GET /volume/v3/limits')
    assert result.returncode == 0, result.stderr
    limits = {r['Name']: r['Value'] for r in json.loads(result.stdout)}
    # OSC prints the merged compute and volume limits in snake case.
    assert limits['max_total_instances'] == 10
    assert limits['total_instances_used'] == 0
    assert limits['max_total_volumes'] == 10


# --- server groups ----------------------------------------------------------

def test_server_group_crud(cloud):
    # The 2.1 shape (a policies list); 2.64 is in the microversions file.
    group = cloud.cli_json('--os-compute-api-version', '2.1', 'server',
                           'group', 'create', '--policy', 'anti-affinity',
                           'fg1')
    try:
        assert group['policies'] == ['anti-affinity']
        assert group['members'] == []
        listed = {g['Name']: g for g in cloud.cli_json('server', 'group',
                                                       'list')}
        assert listed['fg1']['ID'] == group['id']
        shown = cloud.cli_json('server', 'group', 'show', 'fg1')
        assert shown['id'] == group['id']
        # Another project's group is not found.
        _fails(cloud.cli('server', 'group', 'show', group['id'],
                         user='demo', check=False), group['id'])
        assert 'fg1' in {g['Name'] for g in cloud.cli_json(
            'server', 'group', 'list', '--all-projects')}
    finally:
        cloud.cli('server', 'group', 'delete', 'fg1')
    assert 'fg1' not in {g['Name'] for g in cloud.cli_json(
        'server', 'group', 'list')}


def test_server_group_soft_policies_need_215(cloud):
    # Below 2.15 the CLI refuses; pin 2.14 once the cloud serves it.
    pin = ('--os-compute-api-version', '2.14') \
        if versions.MAX >= (2, 14) else ()
    _fails(cloud.cli(*pin + ('server', 'group', 'create', '--policy',
                             'soft-affinity', 'fg2'), check=False), '2.15')


# --- migrations and server events -------------------------------------------

def test_server_migration_list(cloud):
    rows = cloud.cli_json('server', 'migration', 'list')
    assert isinstance(rows, list)
    _fails(cloud.cli('server', 'migration', 'list', user='demo',
                     check=False), '403')


@pytest.mark.parametrize('server', ['no-such-server', str(uuid.uuid4())])
def test_server_event_list_of_a_missing_server(cloud, server):
    _fails(cloud.cli('server', 'event', 'list', server, check=False),
           'No Server found', 'could not be found')
