"""Rebuild of a volume-backed server through the API (nova's rules): the
image in its root volume may be rebuilt from at any microversion; another
image is 400 below 2.93 and re-images the root volume from 2.93 (the
compute is told so); the image's min_disk must fit the root volume and
every volume must be in-use. Answers checked with tempest's schemas."""
import datetime
import uuid

import pytest

from stratus.common import rpc
from stratus.db.api import block_devices
from stratus.db.api import images
from stratus.db.api import instances
from stratus.db.api import volumes as db_volumes
from support import compute_api
from support import schemas

SERVERS = compute_api.SERVERS


@pytest.fixture
def cloud(monkeypatch, admin):
    compute_api.build(monkeypatch, admin, (2, 100))
    admin.images = [images.create(compute_api.image_values(
        name='img%d' % i, min_disk=min_disk), {})
        for i, min_disk in enumerate((0, 0, 5))]
    yield admin
    rpc.init()


def _mv(version):
    return compute_api.mv(version)


def _server(cloud, root_status='in-use', data_status=None):
    """A volume-backed server whose root volume holds images[0]."""
    sid = compute_api.boot(cloud, image=cloud.images[0], image_ref='')
    project = instances.get(sid)['project_id']
    volumes = [('/dev/vda', 0, root_status)]
    if data_status:
        volumes.append(('/dev/vdb', None, data_status))
    for device, boot_index, status in volumes:
        vid = db_volumes.create({
            'id': str(uuid.uuid4()), 'project_id': project, 'user_id': 'u',
            'size': 1, 'status': status, 'host': None,
            'availability_zone': 'nova',
            'image_metadata': {'image_id': cloud.images[0]['id']}})['id']
        block_devices.create({'instance_uuid': sid, 'volume_id': vid,
                              'source_type': 'volume',
                              'destination_type': 'volume',
                              'boot_index': boot_index,
                              'device_name': device})
    return sid


def _rebuild(cloud, sid, image, version):
    return cloud.post(SERVERS + '/%s/action' % sid,
                      {'rebuild': {'imageRef': image['id']}},
                      headers=_mv(version))


@pytest.mark.parametrize('version', ['2.1', '2.92'])
def test_another_image_below_2_93_is_refused(cloud, version):
    sid = _server(cloud)
    image = cloud.images[1]
    resp = _rebuild(cloud, sid, image, version)
    message = schemas.check_fault(resp, 400, 'badRequest')
    assert message == ('Image %s is unacceptable: Unable to rebuild with a '
                       'different image for a volume-backed server.'
                       % image['id'])
    assert instances.get(sid)['task_state'] is None
    assert cloud.casts.sent == []


@pytest.mark.parametrize('version', ['2.1', '2.54', '2.57', '2.71', '2.74',
                                     '2.75', '2.92'])
def test_same_image_below_2_93_rebuilds_without_reimage(cloud, version):
    sid = _server(cloud)
    resp = _rebuild(cloud, sid, cloud.images[0], version)
    schema = schemas.compute('servers', version)
    schemas.check(schema.rebuild_server_with_admin_pass, resp)
    assert resp.json['server']['image'] == ''
    [(method, (instance, image), kwargs)] = cloud.casts.sent
    assert method == 'rebuild_instance'
    assert kwargs == {'reimage_boot_volume': False}
    assert instances.get(sid)['task_state'] == 'rebuilding'


@pytest.mark.parametrize('which', [0, 1])
def test_2_93_reimages_the_root_volume(cloud, which):
    sid = _server(cloud)
    image = cloud.images[which]
    resp = _rebuild(cloud, sid, image, '2.93')
    schema = schemas.compute('servers', '2.93')
    body = schemas.check(schema.rebuild_server_with_admin_pass, resp)
    # nova keeps the empty image of a volume-backed server.
    assert body['server']['image'] == ''
    assert body['server']['id'] == sid
    [(method, (instance, sent), kwargs)] = cloud.casts.sent
    assert sent['id'] == image['id']
    assert kwargs == {'reimage_boot_volume': True}
    saved = instances.get(sid)
    assert saved['image_ref'] == ''


def test_image_larger_than_the_root_volume(cloud):
    sid = _server(cloud)
    resp = _rebuild(cloud, sid, cloud.images[2], '2.93')
    message = schemas.check_fault(resp, 400, 'badRequest')
    assert message == ('Volume is smaller than the minimum size specified '
                       'in image metadata. Volume size is 1073741824 bytes, '
                       'minimum size is 5368709120 bytes.')


def test_every_volume_must_be_in_use(cloud):
    sid = _server(cloud, data_status='available')
    resp = _rebuild(cloud, sid, cloud.images[1], '2.93')
    message = schemas.check_fault(resp, 400, 'badRequest')
    vid = [b['volume_id'] for b in block_devices.for_instance(sid)
           if b['boot_index'] != 0][0]
    assert message == ("Invalid volume: volume '%s' status must be "
                       "'in-use'. Currently in 'available' status" % vid)


def test_wrong_state_is_409_before_the_image_checks(cloud):
    sid = _server(cloud)
    instances.update(sid, {'task_state': 'rebooting'})
    resp = _rebuild(cloud, sid, cloud.images[1], '2.92')
    message = schemas.check_fault(resp, 409, 'conflictingRequest')
    assert 'task_state rebooting' in message


def test_image_backed_rebuild_is_unchanged(cloud):
    body = {'name': 'vm', 'imageRef': cloud.images[0]['id'],
            'flavorRef': '1'}
    sid = cloud.post(SERVERS, {'server': body},
                     headers=_mv('2.1')).json['server']['id']
    instances.update(sid, {'vm_state': 'active', 'task_state': None,
                           'host': 'compute1', 'node': 'compute1',
                           'launched_at': datetime.datetime.utcnow()})
    resp = _rebuild(cloud, sid, cloud.images[1], '2.93')
    schema = schemas.compute('servers', '2.93')
    body = schemas.check(schema.rebuild_server_with_admin_pass, resp)
    assert body['server']['image']['id'] == cloud.images[1]['id']
    [(_, _, kwargs)] = cloud.casts.sent
    assert kwargs == {'reimage_boot_volume': False}


# --- the computes' RPC version (nova's version check for 2.93) --------------
def _compute(host, version, forced_down=False):
    from stratus.db.api import services
    record = services.report(None, {'binary': 'stratus-compute',
                                    'host': host, 'topic': 'compute',
                                    'version': version})
    if forced_down:
        services.service_update(record['id'], {'forced_down': True})


def _image_backed(cloud):
    body = {'name': 'vm', 'imageRef': cloud.images[0]['id'],
            'flavorRef': '1'}
    sid = cloud.post(SERVERS, {'server': body},
                     headers=_mv('2.1')).json['server']['id']
    instances.update(sid, {'vm_state': 'active', 'task_state': None,
                           'host': 'compute1', 'node': 'compute1',
                           'launched_at': datetime.datetime.utcnow()})
    return sid


def _refused(cloud, resp, sid):
    """nova's NovaException: an unexpected 500, nothing changed."""
    from stratus.api.middleware import faults
    assert schemas.check_fault(resp, 500, 'computeFault') == \
        faults.UNEXPECTED
    saved = instances.get(sid)
    assert (saved['vm_state'], saved['task_state']) == ('active', None)
    assert cloud.casts.sent == []


@pytest.mark.parametrize('backed', ['volume', 'image'])
def test_an_old_compute_refuses_2_93(cloud, backed, caplog):
    _compute('compute1', '1.6')
    _compute('compute2', '1.4')
    sid = _server(cloud) if backed == 'volume' else _image_backed(cloud)
    resp = _rebuild(cloud, sid, cloud.images[1], '2.93')
    _refused(cloud, resp, sid)
    assert 'Compute RPC version does not support reimage_boot_volume ' \
        'parameter.' in caplog.text


def test_an_old_compute_still_rebuilds_below_2_93(cloud):
    _compute('compute1', '1.4')
    sid = _server(cloud)
    resp = _rebuild(cloud, sid, cloud.images[0], '2.92')
    schemas.check(schemas.compute('servers', '2.92')
                  .rebuild_server_with_admin_pass, resp)
    [(_, _, kwargs)] = cloud.casts.sent
    assert kwargs == {'reimage_boot_volume': False}


@pytest.mark.parametrize('computes', [
    [('compute1', '1.5')], [('compute1', '1.6'), ('compute2', '1.10')],
    [('compute1', None)], [('compute1', '1.6'), ('old', '1.4', True)], []])
def test_computes_that_re_image_let_2_93_through(cloud, computes):
    for compute in computes:
        _compute(*compute)
    sid = _server(cloud)
    resp = _rebuild(cloud, sid, cloud.images[1], '2.93')
    schemas.check(schemas.compute('servers', '2.93')
                  .rebuild_server_with_admin_pass, resp)
    [(_, _, kwargs)] = cloud.casts.sent
    assert kwargs == {'reimage_boot_volume': True}


def test_the_upgrade_levels_pin_counts(cloud):
    from stratus.common.conf import CONF
    _compute('compute1', '1.6')
    CONF.set_override('compute', '1.4', 'upgrade_levels')
    try:
        sid = _server(cloud)
        resp = _rebuild(cloud, sid, cloud.images[1], '2.93')
        _refused(cloud, resp, sid)
    finally:
        CONF.clear_override('compute', 'upgrade_levels')


def test_services_report_the_version_they_serve():
    """Each service's record says the RPC version of its manager."""
    from stratus.common import service as service_mod
    from stratus.compute import manager
    from stratus.compute import rpcapi
    member = service_mod.Member('compute', 'compute9',
                                manager.ComputeManager('compute9', None, None),
                                'nova')
    reported = []
    svc = service_mod.Service('stratus-compute', [member],
                              lambda ctxt, values: reported.append(values))
    svc._report_all(None)
    assert reported[0]['version'] == rpcapi.ComputeRPCClient.VERSION
    from stratus.db.api import services
    services.report(None, reported[0])
    [row] = services.service_list(binary='stratus-compute', host='compute9')
    assert row['version'] == rpcapi.ComputeRPCClient.VERSION
