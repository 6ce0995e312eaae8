"""The block-storage API as a strict client sees it: tempest's own v3
service clients (tests/support/strict_clients.py) drive real daemons, and
every answer is checked against upstream's published schema for its
microversion. A key cinder does not send, a missing one or a wrong
status fails the call."""
import json
import time

import pytest
from tempest.lib import exceptions as lib_exc

from support import strict_clients
from support.strict_clients import volume_microversion as microversion

# Where tempest's schemas (or cinder's answers) change shape.
VERSIONS = ['3.0', '3.13', '3.48', '3.55', '3.61', '3.63', '3.64', '3.65',
            '3.69', '3.71']


def at_least(version, wanted):
    return tuple(map(int, version.split('.'))) >= tuple(
        map(int, wanted.split('.')))


@pytest.fixture(scope='module')
def admin(cloud):
    return strict_clients.Volume(cloud, 'admin')


@pytest.fixture(scope='module')
def demo(cloud):
    return strict_clients.Volume(cloud, 'demo')


def wait_status(show, key, resource_id, status, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            body = show(resource_id)[key]
        except lib_exc.NotFound:
            if status == 'DELETED':
                return None
            raise
        if body['status'] == status:
            return body
        time.sleep(0.05)
    raise AssertionError('%s %s not %s' % (key, resource_id, status))


def new_volume(clients, **kwargs):
    kwargs.setdefault('size', 1)
    volume = clients.volumes.create_volume(**kwargs)['volume']
    return wait_status(clients.volumes.show_volume, 'volume', volume['id'],
                       'available')


def delete_volume(clients, volume_id):
    clients.volumes.delete_volume(volume_id)
    wait_status(clients.volumes.show_volume, 'volume', volume_id, 'DELETED')


@pytest.mark.parametrize('version', VERSIONS)
def test_volume_lifecycle_at_each_microversion(admin, demo, version):
    with microversion(version):
        for clients in (admin, demo):
            volume = new_volume(clients, name='strict-%s' % version,
                                metadata={'k': 'v'})
            if not at_least(version, '3.61'):
                # tempest's update_volume schema stops at the 3.60 shape
                # (cinder's update answer grows with the create view);
                # tests/unit/volume/test_api_volumes.py checks it after.
                clients.volumes.update_volume(volume['id'], name='renamed')
            clients.volumes.list_volumes()
            clients.volumes.list_volumes(detail=True)
            if at_least(version, '3.12'):
                clients.volumes.show_volume_summary()
            clients.volumes.create_volume_metadata(volume['id'], {'a': 'b'})
            clients.volumes.show_volume_metadata(volume['id'])
            clients.volumes.update_volume_metadata(volume['id'], {'c': 'd'})
            clients.volumes.update_volume_metadata_item(volume['id'], 'c',
                                                        {'c': 'e'})
            clients.volumes.show_volume_metadata_item(volume['id'], 'c')
            clients.volumes.delete_volume_metadata_item(volume['id'], 'c')
            clients.volumes.extend_volume(volume['id'], new_size=2)
            wait_status(clients.volumes.show_volume, 'volume', volume['id'],
                        'available')
            delete_volume(clients, volume['id'])


def test_snapshots(admin, demo):
    for clients in (admin, demo):
        volume = new_volume(clients)
        snap = clients.snapshots.create_snapshot(
            volume_id=volume['id'], name='s1', metadata={'a': 'b'})[
            'snapshot']
        wait_status(clients.snapshots.show_snapshot, 'snapshot', snap['id'],
                    'available')
        clients.snapshots.update_snapshot(snap['id'], name='s2')
        clients.snapshots.list_snapshots()
        clients.snapshots.list_snapshots(detail=True)
        clients.snapshots.create_snapshot_metadata(snap['id'], {'x': 'y'})
        clients.snapshots.show_snapshot_metadata(snap['id'])
        clients.snapshots.update_snapshot_metadata(snap['id'],
                                                   metadata={'x': 'z'})
        clients.snapshots.update_snapshot_metadata_item(
            snap['id'], 'x', meta={'x': 'w'})
        clients.snapshots.show_snapshot_metadata_item(snap['id'], 'x')
        clients.snapshots.delete_snapshot_metadata_item(snap['id'], 'x')
        clients.snapshots.delete_snapshot(snap['id'])
        wait_status(clients.snapshots.show_snapshot, 'snapshot', snap['id'],
                    'DELETED')
        delete_volume(clients, volume['id'])


def test_types_and_access(admin, demo):
    types = admin.types
    created = types.create_volume_type(
        name='strict-type', description='d',
        extra_specs={'volume_backend_name': 'lvmdriver-1'})['volume_type']
    types.show_volume_type(created['id'])
    types.list_volume_types()
    types.update_volume_type(created['id'], description='e')
    types.create_volume_type_extra_specs(created['id'], {'k': 'v'})
    types.list_volume_types_extra_specs(created['id'])
    types.show_volume_type_extra_specs(created['id'], 'k')
    types.update_volume_type_extra_specs(created['id'], 'k', {'k': 'w'})
    types.delete_volume_type_extra_specs(created['id'], 'k')
    demo.types.list_volume_types()
    demo.types.show_volume_type(created['id'])
    private = types.create_volume_type(
        name='strict-private',
        **{'os-volume-type-access:is_public': False})['volume_type']
    types.add_type_access(private['id'], project=demo.provider.credentials
                          .project_id)
    types.list_type_access(private['id'])
    types.remove_type_access(private['id'], project=demo.provider
                             .credentials.project_id)
    types.delete_volume_type(private['id'])
    types.delete_volume_type(created['id'])


def test_qos_specs(admin):
    qos = admin.qos
    spec = qos.create_qos(name='strict-qos', consumer='front-end',
                          read_iops_sec='100')['qos_specs']
    qos.show_qos(spec['id'])
    qos.list_qos()
    qos.set_qos_key(spec['id'], total_bytes_sec='1000')
    qos.unset_qos_key(spec['id'], ['read_iops_sec'])
    vtype = admin.types.create_volume_type(name='strict-qos-type')[
        'volume_type']
    qos.associate_qos(spec['id'], vtype['id'])
    qos.show_association_qos(spec['id'])
    qos.disassociate_qos(spec['id'], vtype['id'])
    qos.associate_qos(spec['id'], vtype['id'])
    qos.disassociate_all_qos(spec['id'])
    qos.delete_qos(spec['id'])
    admin.types.delete_volume_type(vtype['id'])


@pytest.mark.parametrize('version', ['3.0', '3.55', '3.57'])
def test_transfers(admin, demo, version):
    with microversion(version):
        client = admin.transfers_v355 if at_least(version, '3.55') \
            else admin.transfers
        volume = new_volume(admin)
        transfer = client.create_volume_transfer(
            volume_id=volume['id'], name='strict')['transfer']
        client.show_volume_transfer(transfer['id'])
        client.list_volume_transfers()
        client.list_volume_transfers(detail=True)
        receiver = demo.transfers_v355 if at_least(version, '3.55') \
            else demo.transfers
        receiver.accept_volume_transfer(transfer['id'],
                                        auth_key=transfer['auth_key'])
        delete_volume(demo, volume['id'])


def test_admin_views(admin):
    project = admin.provider.credentials.project_id
    admin.limits.show_limits()
    admin.quotas.show_quota_set(project)
    admin.quotas.show_quota_set(project, params={'usage': True})
    admin.quotas.show_default_quota_set(project)
    admin.quotas.update_quota_set(project, volumes=20)
    admin.quotas.delete_quota_set(project)
    admin.zones.list_availability_zones()
    admin.pools.list_pools()
    admin.pools.list_pools(detail=True)
    for version in ('3.0', '3.7', '3.49'):
        with microversion(version):
            admin.services.list_services()
    admin.versions.list_versions()
    with microversion('3.3'):
        admin.messages.list_messages()


def _backend(admin):
    pools = admin.pools.list_pools()['pools']
    return pools[0]['name'].split('#')[0]


def test_admin_families(admin):
    backend = _backend(admin)
    host = backend.split('@')[0]
    admin.capabilities.show_backend_capabilities(backend)
    admin.hosts.list_hosts()
    admin.hosts.show_host(host)
    admin.quota_classes.show_quota_class_set('default')
    admin.quota_classes.update_quota_class_set('default', volumes=10)
    admin.extensions.list_extensions()
    admin.services.disable_service(host=backend, binary='cinder-volume')
    admin.services.disable_log_reason(host=backend, binary='cinder-volume',
                                      disabled_reason='strict')
    admin.services.enable_service(host=backend, binary='cinder-volume')
    admin.services.freeze_host(host=backend)
    admin.services.thaw_host(host=backend)
    vtype = admin.types.create_volume_type(name='strict-encrypted')[
        'volume_type']
    enc = admin.encryption_types
    enc.show_encryption_type(vtype['id'])
    created = enc.create_encryption_type(
        vtype['id'], provider='luks', cipher='aes-xts-plain64',
        key_size=256, control_location='front-end')['encryption']
    enc.show_encryption_type(vtype['id'])
    enc.show_encryption_specs_item(vtype['id'], 'provider')
    enc.update_encryption_type(vtype['id'], created['encryption_id'],
                               key_size=512)
    enc.delete_encryption_type(vtype['id'], created['encryption_id'])
    admin.types.delete_volume_type(vtype['id'])


def test_groups(admin):
    with microversion('3.14'):
        gtype = admin.group_types.create_group_type(
            name='strict-group-type')['group_type']
        admin.group_types.list_group_types()
        admin.group_types.show_group_type(gtype['id'])
        admin.group_types.update_group_type(gtype['id'], description='d')
        admin.group_types.create_or_update_group_type_specs(
            gtype['id'], {'k': 'v'})
        admin.group_types.list_group_type_specs(gtype['id'])
        admin.group_types.show_group_type_specs_item(gtype['id'], 'k')
        admin.group_types.update_group_type_specs_item(gtype['id'], 'k',
                                                       {'k': 'w'})
        admin.group_types.delete_group_type_specs_item(gtype['id'], 'k')
        vtype = admin.types.show_default_volume_type()['volume_type']
        group = admin.groups.create_group(
            group_type=gtype['id'], volume_types=[vtype['id']],
            name='strict-group')['group']
        wait_status(admin.groups.show_group, 'group', group['id'],
                    'available')
        admin.groups.list_groups()
        admin.groups.list_groups(detail=True)
        admin.groups.update_group(group['id'], description='d')
        volume = new_volume(admin, group_id=group['id'],
                            volume_type=vtype['id'])
        snap = admin.group_snapshots.create_group_snapshot(
            group_id=group['id'], name='strict-gs')['group_snapshot']
        wait_status(admin.group_snapshots.show_group_snapshot,
                    'group_snapshot', snap['id'], 'available')
        admin.group_snapshots.list_group_snapshots()
        admin.group_snapshots.list_group_snapshots(detail=True)
        clone = admin.groups.create_group_from_source(
            group_snapshot_id=snap['id'], name='strict-clone')['group']
        wait_status(admin.groups.show_group, 'group', clone['id'],
                    'available')
        for gid in (clone['id'], group['id']):
            if gid == group['id']:
                admin.group_snapshots.delete_group_snapshot(snap['id'])
                wait_status(admin.group_snapshots.show_group_snapshot,
                            'group_snapshot', snap['id'], 'DELETED')
            admin.groups.delete_group(gid, delete_volumes=True)
            wait_status(admin.groups.show_group, 'group', gid, 'DELETED')
        assert volume['group_id'] == group['id']
        admin.group_types.delete_group_type(gtype['id'])


def test_backups_without_a_backup_service(admin):
    admin.backups.list_backups()
    admin.backups.list_backups(detail=True)


def test_volume_actions(admin, demo):
    """Every action tempest's volumes client sends, answered as its
    schemas say (the member's own actions as the member)."""
    volume = new_volume(demo)
    vid = volume['id']
    demo.volumes.set_bootable_volume(vid, bootable=True)
    demo.volumes.update_volume_readonly(vid, readonly=False)
    demo.volumes.update_volume_image_metadata(vid, image_key='v')
    demo.volumes.show_volume_image_metadata(vid)
    demo.volumes.delete_volume_image_metadata(vid, 'image_key')
    demo.volumes.extend_volume(vid, new_size=2)
    wait_status(demo.volumes.show_volume, 'volume', vid, 'available')
    demo.volumes.reserve_volume(vid)
    demo.volumes.unreserve_volume(vid)
    server = '11111111-2222-3333-4444-555555555555'
    demo.volumes.attach_volume(vid, instance_uuid=server,
                               mountpoint='/dev/vdb', mode='rw')
    with microversion('3.71'):
        shown = demo.volumes.show_volume(vid)['volume']
    assert shown['status'] == 'in-use'
    attachment_id = shown['attachments'][0]['attachment_id']
    bogus = '00000000-0000-0000-0000-000000000000'
    with pytest.raises(lib_exc.BadRequest) as refused:
        demo.volumes.detach_volume(vid, attachment_id=bogus)
    # cinder quotes the volume service's exception by its own name.
    assert refused.value.resp_body['message'] == (
        'Error detaching volume - VolumeAttachmentNotFound: Volume '
        'attachment could not be found with filter: attachment_id = %s.'
        % bogus)
    demo.volumes.detach_volume(vid, attachment_id=attachment_id)
    demo.volumes.reserve_volume(vid)
    demo.volumes.terminate_connection(vid, connector={'host': 'h'})
    vtype = admin.types.create_volume_type(name='strict-retype')[
        'volume_type']
    demo.volumes.retype_volume(vid, new_type=vtype['id'],
                               migration_policy='never')
    wait_status(demo.volumes.show_volume, 'volume', vid, 'available')
    admin.volumes.reset_volume_status(vid, status='error')
    admin.volumes.force_detach_volume(vid, connector=None,
                                      attachment_id=None)
    admin.volumes.force_delete_volume(vid)
    wait_status(admin.volumes.show_volume, 'volume', vid, 'DELETED')
    other = new_volume(admin)
    admin.volumes.unmanage_volume(other['id'])
    wait_status(admin.volumes.show_volume, 'volume', other['id'],
                'DELETED')
    admin.types.delete_volume_type(vtype['id'])


@pytest.mark.parametrize('version', ['3.27', '3.44', '3.54', '3.71'])
def test_attachments(demo, version):
    """The attachments calls tempest's client makes (show, delete) on an
    attachment made as a strict client would: cinder's keys, the mode it
    records."""
    volume = new_volume(demo)
    with microversion(version):
        body = {'volume_uuid': volume['id'],
                'instance_uuid': '11111111-2222-3333-4444-555555555555'}
        resp, created = demo.attachments.post(
            'attachments', json.dumps({'attachment': body}))
        assert resp.status == 200
        attachment = json.loads(created)['attachment']
        shown = demo.attachments.show_attachment(attachment['id'])
        assert set(shown['attachment']) == {
            'id', 'status', 'instance', 'volume_id', 'attached_at',
            'detached_at', 'attach_mode', 'connection_info'}
        assert shown['attachment']['attach_mode'] == 'null'
        remaining = demo.attachments.delete_attachment(attachment['id'])
        assert remaining['attachments'] == []
    wait_status(demo.volumes.show_volume, 'volume', volume['id'],
                'available')
    delete_volume(demo, volume['id'])


def test_snapshot_actions(admin):
    volume = new_volume(admin)
    snaps = admin.snapshots
    snap = snaps.create_snapshot(volume_id=volume['id'])['snapshot']
    wait_status(snaps.show_snapshot, 'snapshot', snap['id'], 'available')
    snaps.reset_snapshot_status(snap['id'], 'creating')
    snaps.update_snapshot_status(snap['id'], status='available',
                                 progress='100%')
    snaps.reset_snapshot_status(snap['id'], 'error')
    snaps.force_delete_snapshot(snap['id'])
    wait_status(snaps.show_snapshot, 'snapshot', snap['id'], 'DELETED')
    other = snaps.create_snapshot(volume_id=volume['id'])['snapshot']
    wait_status(snaps.show_snapshot, 'snapshot', other['id'], 'available')
    snaps.unmanage_snapshot(other['id'])
    wait_status(snaps.show_snapshot, 'snapshot', other['id'], 'DELETED')
    delete_volume(admin, volume['id'])


@pytest.mark.parametrize('version', ['3.0', '3.43', '3.51', '3.64'])
def test_backups_at_each_microversion(admin, version):
    """With no backup service a backup ends in error, as cinder's does;
    its views still answer as tempest's schemas say."""
    volume = new_volume(admin)
    with microversion(version):
        backup = admin.backups.create_backup(volume_id=volume['id'],
                                             name='strict-backup')['backup']
        wait_status(admin.backups.show_backup, 'backup', backup['id'],
                    'error')
        admin.backups.list_backups(detail=True)
        if at_least(version, '3.9'):
            admin.backups.update_backup(backup['id'], name='renamed')
        # Both ask the (missing) backup service: cinder's 404.
        for call in (lambda: admin.backups.reset_backup_status(
                         backup['id'], 'error'),
                     lambda: admin.backups.delete_backup(backup['id'])):
            with pytest.raises(lib_exc.NotFound) as missing:
                call()
            assert missing.value.resp_body['message'] == (
                'Service cinder-backup could not be found.')
        with microversion('3.3'):
            messages = admin.messages.list_messages()['messages']
        if messages:
            with microversion('3.3'):
                admin.messages.show_message(messages[0]['id'])
                admin.messages.delete_message(messages[0]['id'])
    delete_volume(admin, volume['id'])
