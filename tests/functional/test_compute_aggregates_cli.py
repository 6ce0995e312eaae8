"""Host aggregates with the real `openstack` CLI, on a cloud of its own
(two computes, AggregateInstanceExtraSpecsFilter enabled): create, set,
add/remove host, show, list, cache image, delete; a zone made by an
aggregate is listed and chosen by --availability-zone; a flavor's
aggregate_instance_extra_specs pick the aggregate's host; the service
lists name nova's and cinder's binaries."""
import os
import shutil
import tempfile

import pytest

from support import cloud as cloud_support
from support import schemas

FILTERS = ('AvailabilityZoneFilter,ComputeFilter,RamFilter,CoreFilter,'
           'DiskFilter,ImagePropertiesFilter,ServerGroupAntiAffinityFilter,'
           'ServerGroupAffinityFilter,SameHostFilter,DifferentHostFilter,'
           'AggregateInstanceExtraSpecsFilter')


@pytest.fixture(scope='module')
def cloud():
    workdir = tempfile.mkdtemp(prefix='stratus-aggregates-')
    c = cloud_support.Cloud(
        workdir, computes=('compute1', 'compute2'),
        options={('filter_scheduler', 'enabled_filters'): FILTERS})
    try:
        c.start()
    except Exception:
        c.stop()
        raise
    yield c
    c.stop()
    if not os.environ.get('STRATUS_KEEP_LOGS'):
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='module')
def image(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('aggimg') / 'disk.raw'
    path.write_bytes(b'\5' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'agg-image')


def _server(cloud, rest, image, name, *extra):
    created = cloud.cli_json('server', 'create', '--flavor', 'm1.nano',
                             '--image', image['id'], *extra, name)
    return rest.wait_server(created['id'], 'ACTIVE', timeout=60)


def _delete(cloud, rest, server):
    cloud.cli('server', 'delete', server['id'])
    rest.wait_server(server['id'], 'DELETED', timeout=60)


def test_aggregate_commands(cloud, rest):
    created = cloud.cli_json('aggregate', 'create', '--zone', 'london',
                             '--property', 'ssd=true', 'agg-london')
    assert (created['name'], created['availability_zone']) == (
        'agg-london', 'london')
    cloud.cli('aggregate', 'add', 'host', 'agg-london', 'compute2')
    cloud.cli('aggregate', 'set', '--property', 'tier=gold', 'agg-london')
    shown = cloud.cli_json('aggregate', 'show', 'agg-london')
    assert shown['hosts'] == ['compute2']
    assert shown['properties'] == {'ssd': 'true', 'tier': 'gold'}
    listed = cloud.cli_json('aggregate', 'list', '--long')
    assert [a['Name'] for a in listed] == ['agg-london']
    resp = rest.get('/compute/v2.1/os-aggregates', headers={
        'OpenStack-API-Version': 'compute 2.41'})
    schemas.check(schemas.compute('aggregates', '2.41').list_aggregates,
                  resp)
    cloud.cli('aggregate', 'unset', '--property', 'tier', 'agg-london')
    assert cloud.cli_json('aggregate', 'show', 'agg-london')[
        'properties'] == {'ssd': 'true'}
    # A host is in one zone only; names are unique.
    cloud.cli_json('aggregate', 'create', '--zone', 'paris', 'agg-paris')
    result = cloud.cli('aggregate', 'add', 'host', 'agg-paris', 'compute2',
                       check=False)
    assert result.returncode != 0 and 'One or more hosts already in ' \
        "availability zone(s) ['london']" in result.stderr
    result = cloud.cli('aggregate', 'create', 'agg-paris', check=False)
    assert result.returncode != 0 and 'already exists' in result.stderr
    result = cloud.cli('aggregate', 'add', 'host', 'agg-paris', 'nohost',
                       check=False)
    assert 'Compute host nohost could not be found' in result.stderr
    cloud.cli('aggregate', 'set', '--name', 'agg-rome', 'agg-paris')
    cloud.cli('aggregate', 'delete', 'agg-rome')
    assert [a['Name'] for a in cloud.cli_json('aggregate', 'list')] == [
        'agg-london']


def test_zone_from_the_aggregate_is_listed_and_chosen(cloud, rest, image):
    zones = {z['Zone Name']: z['Zone Status'] for z in cloud.cli_json(
        'availability', 'zone', 'list', '--compute')}
    # Admins read the detail: the control services' internal zone too.
    assert zones == {'london': 'available', 'nova': 'available',
                     'internal': 'available'}
    for name in ('in-london-1', 'in-london-2'):
        server = _server(cloud, rest, image, name, '--availability-zone',
                         'london')
        assert server['OS-EXT-SRV-ATTR:host'] == 'compute2'
        assert server['OS-EXT-AZ:availability_zone'] == 'london'
        _delete(cloud, rest, server)
    server = _server(cloud, rest, image, 'in-nova', '--availability-zone',
                     'nova')
    assert server['OS-EXT-SRV-ATTR:host'] == 'compute1'
    # compute1 holds a server: it cannot move into the zone.
    result = cloud.cli('aggregate', 'add', 'host', 'agg-london', 'compute1',
                       check=False)
    assert result.returncode != 0 and "would change from 'None' to " \
        "'london' but the host already has 1 instance(s)" in result.stderr
    _delete(cloud, rest, server)
    result = cloud.cli('server', 'create', '--flavor', 'm1.nano', '--image',
                       image['id'], '--availability-zone', 'atlantis', 'x',
                       check=False)
    assert 'The requested availability zone is not available' in \
        result.stderr


def test_flavor_extra_specs_pick_the_aggregate(cloud, rest, image):
    cloud.cli('flavor', 'create', '--ram', '128', '--disk', '1', '--vcpus',
              '1', '--property', 'aggregate_instance_extra_specs:ssd=true',
              'm1.ssd')
    for name in ('ssd-1', 'ssd-2'):
        created = cloud.cli_json('server', 'create', '--flavor', 'm1.ssd',
                                 '--image', image['id'], name)
        server = rest.wait_server(created['id'], 'ACTIVE', timeout=60)
        assert server['OS-EXT-SRV-ATTR:host'] == 'compute2'
        _delete(cloud, rest, server)


def test_image_cache_and_cleanup(cloud, image):
    cloud.cli('--os-compute-api-version', '2.81', 'aggregate', 'cache',
              'image', 'agg-london', image['id'])
    cloud.cli('aggregate', 'remove', 'host', 'agg-london', 'compute2')
    result = cloud.cli('aggregate', 'remove', 'host', 'agg-london',
                       'compute2', check=False)
    assert 'Cannot remove host compute2 in aggregate' in result.stderr
    cloud.cli('aggregate', 'delete', 'agg-london')
    assert cloud.cli_json('aggregate', 'list') == []
    zones = {z['Zone Name'] for z in cloud.cli_json(
        'availability', 'zone', 'list', '--compute')}
    assert zones == {'nova', 'internal'}


def test_service_lists_name_nova_and_cinder_binaries(cloud):
    rows = cloud.cli_json('compute', 'service', 'list', '--service',
                          'nova-compute')
    assert sorted(r['Host'] for r in rows) == ['compute1', 'compute2']
    binaries = {r['Binary'] for r in cloud.cli_json('compute', 'service',
                                                    'list')}
    assert binaries == {'nova-conductor', 'nova-scheduler', 'nova-compute'}
    cloud.cli('compute', 'service', 'set', '--disable', 'compute1',
              'nova-compute')
    rows = cloud.cli_json('compute', 'service', 'list', '--service',
                          'nova-compute', '--host', 'compute1')
    assert rows[0]['Status'] == 'disabled'
    cloud.cli('compute', 'service', 'set', '--enable', 'compute1',
              'nova-compute')
    volume = cloud.cli_json('volume', 'service', 'list')
    assert {r['Binary'] for r in volume} == {'cinder-scheduler',
                                             'cinder-volume'}
    backend = [r['Host'] for r in volume if r['Binary'] ==
               'cinder-volume'][0]
    cloud.cli('volume', 'service', 'set', '--disable', backend,
              'cinder-volume')
    cloud.cli('volume', 'service', 'set', '--enable', backend,
              'cinder-volume')
    rows = cloud.cli_json('volume', 'service', 'list', '--service',
                          'cinder-volume')
    assert {r['Status'] for r in rows} == {'enabled'}


def test_cli_device_name_and_changes_before(cloud, rest, image):
    volume = cloud.cli_json('volume', 'create', '--size', '1', 'agg-data')
    cloud.wait_for(lambda: cloud.cli_json('volume', 'show', volume['id'])[
        'status'] == 'available', 'the volume', timeout=60, interval=1)
    created = cloud.cli_json(
        'server', 'create', '--flavor', 'm1.nano', '--image', image['id'],
        '--block-device', 'uuid=%s,source_type=volume,destination_type='
        'volume,device_name=vdb,boot_index=-1' % volume['id'], 'with-vdb')
    server = rest.wait_server(created['id'], 'ACTIVE', timeout=60)
    attached = rest.get('/compute/v2.1/servers/%s/os-volume_attachments'
                        % server['id']).json()['volumeAttachments']
    assert [a['device'] for a in attached] == ['/dev/vdb']
    updated = server['updated']
    listed = cloud.cli_json('--os-compute-api-version', '2.66', 'server',
                            'list', '--changes-before', updated)
    assert server['id'] in [s['ID'] for s in listed]
    listed = cloud.cli_json('--os-compute-api-version', '2.66', 'server',
                            'list', '--changes-since', updated)
    assert server['id'] in [s['ID'] for s in listed]
    _delete(cloud, rest, server)
