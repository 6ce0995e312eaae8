"""`openstack volume revert` (3.40) against real daemons: the volume_revert
flow runs in stratus-volume and both rows come back available; the CLI
prints cinder's refusal for a snapshot that is not the latest."""
import pytest

from support import cloud as cloud_support
from support import schemas
from support import volume_waits as wait


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


def _snapshot(cloud, rest, volume):
    snap = cloud.cli_json('volume', 'snapshot', 'create', '--volume', volume,
                          wait.name('s'))
    wait.snapshot(rest, snap['id'], 'available')
    return snap['id']


def test_revert_to_latest_snapshot(cloud, rest):
    name, volume_id = wait.create_volume(cloud, rest, '--size', '1')
    older = _snapshot(cloud, rest, name)
    latest = _snapshot(cloud, rest, name)
    result = cloud.cli('--os-volume-api-version', '3.40', 'volume', 'revert',
                       older, check=False)
    assert result.returncode != 0
    assert ('Specified snapshot %s is None or not the latest one of volume '
            '%s.' % (older, volume_id)) in result.stderr
    cloud.cli('--os-volume-api-version', '3.40', 'volume', 'revert', latest)
    wait.volume(rest, volume_id, 'available')
    log = cloud.log('stratus-volume.log')
    assert 'volume_revert' in log or 'reverted to snapshot %s' % latest \
        in log
    shown = rest.get('/volume/v3/snapshots/%s' % latest,
                     headers={'OpenStack-API-Version': 'volume 3.0'})
    assert schemas.check(schemas.volume('snapshots').show_snapshot,
                         shown)['snapshot']['status'] == 'available'
    # Raw request: 202 and no body.
    resp = rest.request('POST', '/volume/v3/volumes/%s/action' % volume_id,
                        json={'revert': {'snapshot_id': latest}},
                        headers={'OpenStack-API-Version': 'volume 3.40'})
    assert resp.status_code == 202 and not resp.content
    wait.volume(rest, volume_id, 'available')
    for snap in (older, latest):
        cloud.cli('volume', 'snapshot', 'delete', snap)
        wait.snapshot(rest, snap, 'DELETED')
    cloud.cli('volume', 'delete', name)
    wait.volume(rest, volume_id, 'DELETED')
