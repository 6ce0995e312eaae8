"""Migration and on-demand retype of an attached (in-use) volume, with a
fake compute that does what nova's swap does (the new volume attached to
the server, the guest's bytes copied, the old attachment deleted, then
the migration's completion): the volume ends in-use with migration_status
success on the destination, under its own id, its attachment to the same
server; a refused swap or a failed one ends in migration_status error with
the copy gone. And the copy to a destination on another host, through
the destination's connection."""
import uuid

import pytest

from support import schemas

from stratus.common import context
from stratus.common import exception
from stratus.db.api import volume_attachments
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.volume import attach_api
from stratus.volume import host_names
from stratus.volume import migrate
from stratus.volume import migrate_api
from stratus.volume import migrate_copy

SHOW = schemas.volume('volumes', '3.71').show_volume
SCHEMA = schemas.volume('volumes')
DATA = b'\x07attached' * 512
CONNECTOR = {'host': 'node1', 'hostname': 'node1', 'ip': '127.0.0.1',
             'initiator': None, 'platform': 'x86_64', 'os_type': 'linux',
             'multipath': False, 'mountpoint': '/dev/vdb'}


class FakeCompute:
    """Stands in for compute.api.ComputeAPI in the volume process: the
    swap runs at once, as nova's compute would run it, or fails as
    told ('refuse': the API says no; 'fail': the compute's copy fails)."""
    mode = 'swap'
    swaps = []

    def __init__(self):
        from stratus.api.volume import volumes
        self.volume_api = volumes.VOLUMES
        self.attach = attach_api.AttachAPI(volumes.VOLUMES)

    def _record(self, volume_id):
        volume = db_volumes.get(volume_id)
        driver = self.cloud.managers[host_names.extract(
            volume['host'], 'backend')].driver
        return driver.volumes[volume['name_id'] or volume['id']]

    def get(self, ctxt, uuid_):
        return {'uuid': uuid_}

    def swap_volume(self, ctxt, instance, old_volume, new_volume):
        FakeCompute.swaps.append((instance['uuid'], old_volume['id'],
                                  new_volume['id']))
        if self.mode == 'refuse':
            raise exception.InstanceInvalidState(
                action='swap_volume', instance_uuid=instance['uuid'],
                attr='vm_state', state='stopped')
        self.attach.begin_detaching(ctxt, old_volume['id'])
        new_attachment = self.attach.attachment_create(
            ctxt, new_volume['id'], instance['uuid'])
        migrate_calls = migrate_api.MigrateAPI(self.volume_api)
        if self.mode == 'fail':
            self.attach.attachment_delete(ctxt, new_attachment['id'])
            migrate_calls.migrate_volume_completion(
                ctxt, db_volumes.get(old_volume['id']),
                db_volumes.get(new_volume['id']), True)
            return
        self.attach.attachment_update(ctxt, new_attachment['id'], CONNECTOR)
        # The guest's bytes, as libvirt's blockCopy moves them.
        # (No REST here: this runs inside the API request.)
        self._record(new_volume['id'])['data'] = \
            self._record(old_volume['id'])['data']
        self.attach.attachment_complete(ctxt, new_attachment['id'])
        [old_attachment] = [
            a for a in _attachments(old_volume['id'])
            if a['instance_uuid'] == instance['uuid']]
        self.attach.attachment_delete(ctxt, old_attachment['id'])
        saved = migrate_calls.migrate_volume_completion(
            ctxt, db_volumes.get(old_volume['id']),
            db_volumes.get(new_volume['id']), False)
        assert saved == old_volume['id']


@pytest.fixture
def cloud(vcloud, monkeypatch):
    for manager in vcloud.managers.values():
        manager._volume_rpc = vcloud.volume_rpc
    vcloud.create_type('one', volume_backend_name='lvmdriver-1')
    vcloud.create_type('two', volume_backend_name='lvmdriver-2')
    from stratus.compute import api as compute_api
    monkeypatch.setattr(compute_api, 'ComputeAPI', FakeCompute)
    monkeypatch.setattr(FakeCompute, 'cloud', vcloud, raising=False)
    monkeypatch.setattr(FakeCompute, 'mode', 'swap')
    monkeypatch.setattr(FakeCompute, 'swaps', [])
    return vcloud


def _view(cloud, volume_id):
    return schemas.check(SHOW, cloud.get('/volumes/%s' % volume_id))[
        'volume']


def _data(cloud, volume):
    name_id = volume['os-vol-mig-status-attr:name_id'] or volume['id']
    return cloud.driver_of(volume).volumes[name_id]['data']


def _attachments(volume_id):
    with session.reader() as s:
        return volume_attachments.for_volume(s, volume_id)


def _attached(cloud, volume_type=None):
    """An in-use volume with data, attached to a server."""
    volume = cloud.create_volume(volume_type=volume_type)
    volume = _view(cloud, volume['id'])
    cloud.driver_of(volume).volumes[volume['id']]['data'] = DATA
    server = str(uuid.uuid4())
    from stratus.api.volume import volumes
    attach = attach_api.AttachAPI(volumes.VOLUMES)
    ctxt = context.get_admin_context()
    attachment = attach.attachment_create(ctxt, volume['id'], server,
                                          connector=CONNECTOR)
    attach.attachment_complete(ctxt, attachment['id'])
    return _view(cloud, volume['id']), server


def _other_backend(volume):
    return 'host1@lvmdriver-%s' % (
        '2' if '@lvmdriver-1' in volume['os-vol-host-attr:host'] else '1')


def _ids_listed(cloud):
    return sorted(v['id'] for v in cloud.get(
        '/volumes?all_tenants=1').json['volumes'])


def test_migrate_an_attached_volume(cloud):
    volume, server = _attached(cloud)
    source_driver = cloud.driver_of(volume)
    resp = cloud.action(volume['id'], {'os-migrate_volume': {
        'host': _other_backend(volume)}})
    assert resp.status_int == 202 and resp.body == b''
    [(swapped_server, old, new)] = FakeCompute.swaps
    assert (swapped_server, old) == (server, volume['id'])
    shown = _view(cloud, volume['id'])
    assert (shown['status'], shown['os-vol-mig-status-attr:migstat'],
            shown['os-vol-host-attr:host'], shown['volume_type']) == (
        'in-use', 'success', '%s#%s' % (
            _other_backend(volume), _other_backend(volume).split('@')[1]),
        '__DEFAULT__')
    assert shown['os-vol-mig-status-attr:name_id'] == new
    assert _data(cloud, shown) == DATA
    assert volume['id'] not in source_driver.volumes
    # The server keeps the same volume id, now the copy's attachment.
    [attachment] = shown['attachments']
    assert (attachment['server_id'], attachment['volume_id']) == (
        server, volume['id'])
    assert [a['attach_status'] for a in _attachments(volume['id'])] == [
        'attached']
    assert _attachments(new) == []
    assert _ids_listed(cloud) == [volume['id']]
    with pytest.raises(exception.VolumeNotFound):
        db_volumes.get(new)


def test_retype_an_attached_volume_on_demand(cloud):
    volume, server = _attached(cloud, 'one')
    resp = cloud.action(volume['id'], {'os-retype': {
        'new_type': 'two', 'migration_policy': 'on-demand'}})
    schemas.check(SCHEMA.retype_volume, resp)
    shown = _view(cloud, volume['id'])
    assert (shown['status'], shown['os-vol-mig-status-attr:migstat'],
            shown['os-vol-host-attr:host'], shown['volume_type']) == (
        'in-use', 'success', 'host1@lvmdriver-2#lvmdriver-2', 'two')
    assert _data(cloud, shown) == DATA
    assert [a['server_id'] for a in shown['attachments']] == [server]
    assert _ids_listed(cloud) == [volume['id']]


@pytest.mark.parametrize('mode', ['refuse', 'fail'])
def test_a_failed_swap_ends_in_error(cloud, mode):
    FakeCompute.mode = mode
    volume, server = _attached(cloud)
    resp = cloud.action(volume['id'], {'os-migrate_volume': {
        'host': _other_backend(volume)}})
    assert resp.status_int == 202
    [(_server, _old, new)] = FakeCompute.swaps
    shown = _view(cloud, volume['id'])
    assert (shown['status'], shown['os-vol-mig-status-attr:migstat'],
            shown['os-vol-host-attr:host']) == (
        'in-use', 'error', volume['os-vol-host-attr:host'])
    assert _data(cloud, shown) == DATA
    assert [a['server_id'] for a in shown['attachments']] == [server]
    # The copy is gone, on the backend and in the database.
    assert new not in cloud.driver(
        _other_backend(volume).split('@')[1]).volumes
    assert _ids_listed(cloud) == [volume['id']]


def test_begin_detaching_leaves_a_migrating_volume_alone(cloud):
    volume, _server = _attached(cloud)
    from stratus.api.volume import volumes
    attach = attach_api.AttachAPI(volumes.VOLUMES)
    ctxt = context.get_admin_context()
    db_volumes.update(volume['id'], {'migration_status': 'migrating'})
    attach.begin_detaching(ctxt, volume['id'])
    assert db_volumes.get(volume['id'])['status'] == 'in-use'
    db_volumes.update(volume['id'], {'migration_status': 'success'})
    attach.begin_detaching(ctxt, volume['id'])
    assert db_volumes.get(volume['id'])['status'] == 'detaching'
    with pytest.raises(exception.InvalidVolume):
        attach.begin_detaching(ctxt, volume['id'])


# --- a destination on another host ------------------------------------------
class _RemoteRPC:
    def __init__(self, info):
        self.info = info
        self.calls = []

    def initialize_connection(self, ctxt, volume, connector):
        self.calls.append(('initialize', volume['id'], connector['host']))
        return self.info

    def terminate_connection(self, ctxt, volume, connector, force=False):
        self.calls.append(('terminate', volume['id'], connector['host']))


class _Manager:
    def __init__(self, driver, rpc):
        self.host = 'host1@lvmdriver-1'
        self.driver = driver
        self.volume_rpc = rpc


@pytest.mark.parametrize('info,target', [
    ({'driver_volume_type': 'nbd', 'data': {
        'name': 'volume-x', 'uri': 'nbd://10.0.0.2:10809/volume-x'}},
     'nbd://10.0.0.2:10809/volume-x'),
    ({'driver_volume_type': 'local', 'data': {'device_path': '/dev/vg/x'}},
     '/dev/vg/x'),
])
def test_copy_to_another_host_goes_through_its_connection(
        cloud, monkeypatch, tmp_path, info, target):
    volume = _view(cloud, cloud.create_volume(volume_type='one')['id'])
    driver = cloud.driver_of(volume)
    driver.volumes[volume['id']]['data'] = DATA
    commands = []

    def execute(cmd, **kwargs):
        assert open(cmd[-2], 'rb').read() == DATA
        commands.append(cmd[:-2] + ['<source>', cmd[-1]])
        return '', ''
    monkeypatch.setattr(migrate_copy.processutils, 'execute', execute)
    tmp_path = tmp_path / "conversion"
    cloud.configure(image_conversion_dir=str(tmp_path))
    rpc = _RemoteRPC(info)
    new_volume = {'id': 'new', 'host': 'host2@lvmdriver-9#lvmdriver-9'}
    migrate._copy_data(_Manager(driver, rpc), context.get_admin_context(),
                       db_volumes.get(volume['id']), new_volume)
    assert commands == [['qemu-img', 'convert', '-n', '-f', 'raw', '-O',
                         'raw', '<source>', target]]
    assert rpc.calls == [('initialize', 'new', 'host1'),
                         ('terminate', 'new', 'host1')]
    assert list(tmp_path.iterdir()) == []


def test_copy_to_another_host_refuses_what_it_cannot_write(cloud):
    rpc = _RemoteRPC({'driver_volume_type': 'iscsi', 'data': {}})
    volume = _view(cloud, cloud.create_volume(volume_type='one')['id'])
    with pytest.raises(exception.VolumeMigrationFailed):
        migrate_copy.copy_to_remote(
            _Manager(cloud.driver_of(volume), rpc),
            context.get_admin_context(), db_volumes.get(volume['id']),
            {'id': 'new', 'host': 'host2@x#x'})
    assert rpc.calls == [('initialize', 'new', 'host1'),
                         ('terminate', 'new', 'host1')]
