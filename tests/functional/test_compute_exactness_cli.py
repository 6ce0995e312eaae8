"""nova's exactness on real daemons: the order of checks of a server
action and nova's validation wording (raw REST), the legacy console
action through the real CLI at 2.5, a method nova does not route on a
removed family, and the service-only assisted volume snapshots."""
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas

SERVERS = '/compute/v2.1/servers'


@pytest.fixture(scope='module')
def server(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('exact') / 'disk.raw'
    path.write_bytes(b'\1' * 8192)
    image = cloud.cli_json('image', 'create', '--file', str(path),
                           '--disk-format', 'raw', '--container-format',
                           'bare', 'exact-image')
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], '--wait', 'exact-vm')
    yield created
    cloud.cli('server', 'delete', '--wait', created['id'], check=False)
    cloud.cli('image', 'delete', image['id'], check=False)


def test_action_body_before_the_server(cloud):
    rest = cloud_support.Rest(cloud)
    missing = str(uuid.uuid4())
    resp = rest.request('POST', SERVERS + '/%s/action' % missing,
                        json={'reboot': {'type': 'sideways'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input for field/attribute type. Value: sideways. "
        "'sideways' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', "
        "'soft']")
    resp = rest.request('POST', SERVERS + '/%s/action' % missing,
                        json={'reboot': {'type': 'HARD'}})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Instance %s could not be found.' % missing)
    resp = rest.request('POST', SERVERS + '/%s/action' % missing,
                        json={'nothing': None})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'There is no such action: nothing'


def test_create_wording(cloud):
    rest = cloud_support.Rest(cloud)
    resp = rest.request('POST', SERVERS, json={'server': {
        'name': ' vm', 'flavorRef': '1'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "An invalid 'name' value was provided. The name must be: printable "
        "characters. Can not start or end with whitespace.")
    resp = rest.request('POST', SERVERS, json={'server': {
        'name': 'vm', 'flavorRef': '1', 'min_count': '0'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input for field/attribute min_count. Value: 0. 0 is less '
        'than the minimum of 1')


def test_legacy_vnc_console_with_the_cli(cloud, server):
    result = cloud.cli('--os-compute-api-version', '2.5', 'console', 'url',
                       'show', '--novnc', server['id'], check=False)
    assert result.returncode != 0
    assert 'Unavailable console type novnc.' in result.stderr, \
        result.stderr


def test_unrouted_method_of_a_removed_family(cloud):
    rest = cloud_support.Rest(cloud)
    resp = rest.request('PUT', '/compute/v2.1/os-agents')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'
    resp = rest.request('DELETE', '/compute/v2.1/os-agents/1')
    assert resp.status_code == 410


def test_assisted_volume_snapshots_need_the_service_role(cloud):
    rest = cloud_support.Rest(cloud)
    resp = rest.request('POST', '/compute/v2.1/os-assisted-volume-snapshots',
                        json={'snapshot': {'volume_id': 'v', 'create_info': {
                            'snapshot_id': 's', 'type': 'qcow2',
                            'new_file': 'f'}}})
    assert schemas.check_fault(resp, 403, 'forbidden') == (
        "Policy doesn't allow os_compute_api:os-assisted-volume-snapshots:"
        "create to be performed.")
