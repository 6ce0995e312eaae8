"""Volumes of servers where the database is (stratus-api, and the
conductor for deleted servers): attach and detach requests (mapping row,
volume reserved or detaching, cast to the compute), delete_on_termination
updates, and what a deleted server's volumes become.

A server without a host (SHELVED_OFFLOADED) has no guest to plug into:
its attach and detach only change records, as nova's do; the volume stays
reserved until the unshelve spawn connects it.
"""
from stratus.common import exception
from stratus.common import log
from stratus.common import primitives
from stratus.compute import states
from stratus.db.api import action_events
from stratus.db.api import block_devices
from stratus.db.api import volume_attachments
from stratus.db import session

LOG = log.getLogger(__name__)
_APIS = {}


def volume_api():
    """The block storage VolumeAPI (one per process, made on first use)."""
    if 'volume' not in _APIS:
        from stratus.volume import api
        _APIS['volume'] = api.VolumeAPI()
    return _APIS['volume']


def snapshot_api():
    if 'snapshot' not in _APIS:
        from stratus.volume import snapshot_api as snapshots
        _APIS['snapshot'] = snapshots.SnapshotAPI()
    return _APIS['snapshot']


def attach_api():
    if 'attach' not in _APIS:
        from stratus.volume import attach_api as attach
        _APIS['attach'] = attach.AttachAPI(volume_api())
    return _APIS['attach']


def check_available(volume):
    if volume['status'] == 'available' or (
            volume['multiattach'] and volume['status'] == 'in-use'):
        return
    raise exception.InvalidVolume(
        reason="volume '%s' status must be 'available'. Currently in '%s'"
               % (volume['id'], volume['status']))


def root_is_volume(instance):
    """A server booted from a volume has no image (nova's rule)."""
    return not instance['image_ref']


class ServerVolumesAPI:
    """The os-volume_attachments operations; `compute` is the ComputeAPI
    (its get, lock check and RPC client)."""

    def __init__(self, compute):
        self.compute = compute

    def _instance(self, ctxt, server_id, action):
        instance = self.compute.get(ctxt, server_id)
        self.compute._check_lock(ctxt, instance)
        states.check(instance, action)
        return instance

    @staticmethod
    def _has_guest(instance):
        return bool(instance['host']) and \
            instance['vm_state'] != states.SHELVED_OFFLOADED

    def list(self, ctxt, server_id):
        instance = self.compute.get(ctxt, server_id)
        return [b for b in block_devices.for_instance(instance['uuid'])
                if b['volume_id']]

    def get(self, ctxt, server_id, volume_id):
        instance = self.compute.get(ctxt, server_id)
        return block_devices.get_by_volume(instance['uuid'], volume_id)

    def attach(self, ctxt, server_id, volume_id, device=None, tag=None,
               delete_on_termination=False):
        """Reserve a device and the volume, then have the compute plug it
        in. Returns the new mapping (its device name)."""
        instance = self._instance(ctxt, server_id, 'attach_volume')
        volume = volume_api().get(ctxt, volume_id)
        check_available(volume)
        bdm = block_devices.reserve_device(instance['uuid'], {
            'source_type': 'volume', 'destination_type': 'volume',
            'volume_id': volume['id'], 'tag': tag,
            'delete_on_termination': bool(delete_on_termination)},
            device_name=device, root_is_volume=root_is_volume(instance))
        try:
            attachment = attach_api().attachment_create(
                ctxt, volume['id'], instance['uuid'])
        except Exception:
            block_devices.destroy(bdm['uuid'])
            raise
        bdm = block_devices.update(bdm['uuid'],
                                   {'attachment_id': attachment['id']})
        action_events.action_start(instance['uuid'], 'attach_volume',
                                   ctxt.request_id, ctxt.user_id,
                                   ctxt.project_id)
        if self._has_guest(instance):
            try:
                self.compute.compute_rpc.attach_volume(
                    ctxt, primitives.to_primitive(instance),
                    primitives.to_primitive(bdm))
            except exception.BusUnavailable:
                # 503: the volume is not attached, nor reserved for it.
                release(ctxt, bdm, delete_volume=False)
                raise
        LOG.info('Attaching volume %s at %s', volume['id'],
                 bdm['device_name'], instance=instance)
        return bdm

    def detach(self, ctxt, server_id, volume_id):
        instance = self._instance(ctxt, server_id, 'detach_volume')
        volume = volume_api().get(ctxt, volume_id)
        bdm = block_devices.get_by_volume(instance['uuid'], volume['id'])
        if bdm['boot_index'] == 0:
            raise exception.Invalid('Cannot detach a root device volume')
        action_events.action_start(instance['uuid'], 'detach_volume',
                                   ctxt.request_id, ctxt.user_id,
                                   ctxt.project_id)
        if not self._has_guest(instance):
            release(ctxt, bdm, delete_volume=False)
            return
        attach_api().begin_detaching(ctxt, volume['id'])
        try:
            self.compute.compute_rpc.detach_volume(
                ctxt, primitives.to_primitive(instance),
                primitives.to_primitive(bdm))
        except exception.BusUnavailable:
            attach_api().roll_detaching(ctxt, volume['id'])   # 503
            raise
        LOG.info('Detaching volume %s from %s', volume['id'],
                 bdm['device_name'], instance=instance)

    def update(self, ctxt, server_id, volume_id, changes):
        """2.85: only delete_on_termination may change; the other fields
        must repeat what the attachment has (400 otherwise)."""
        instance = self.compute.get(ctxt, server_id)
        self.compute._check_lock(ctxt, instance)
        bdm = block_devices.get_by_volume(instance['uuid'], volume_id)
        current = {'id': volume_id, 'serverId': instance['uuid'],
                   'device': bdm['device_name'], 'tag': bdm['tag']}
        for key, value in current.items():
            if key in changes and changes[key] != value:
                raise exception.Invalid('The %s property is not mutable'
                                        % key)
        if 'delete_on_termination' in changes:
            bdm = block_devices.update(bdm['uuid'], {
                'delete_on_termination': changes['delete_on_termination']})
        return bdm

    def swap(self, ctxt, instance, old_volume, new_volume):
        """Cinder's half of a volume migration (nova's swap_volume): the
        server's mapping moves from `old_volume` to `new_volume`; the
        compute copies the guest's disk and calls the migration's
        completion. Checks in nova's order; 400s as InvalidVolume."""
        self.compute._check_lock(ctxt, instance)
        if instance['vm_state'] not in states.ALLOWED['swap_volume'] or \
                instance['task_state'] is not None:
            attr = 'task_state' if instance['vm_state'] in \
                states.ALLOWED['swap_volume'] else 'vm_state'
            raise exception.InstanceInvalidState(
                action='swap_volume', instance_uuid=instance['uuid'],
                attr=attr, state=instance[attr])
        with session.reader() as s:
            old_attachments = volume_attachments.for_volume(
                s, old_volume['id'])
        if not any(a['instance_uuid'] == instance['uuid']
                   for a in old_attachments):
            raise exception.InvalidVolume(
                reason='Old volume is attached to a different instance.')
        if new_volume['attach_status'] == 'attached':
            raise exception.InvalidVolume(
                reason='New volume must be detached in order to swap.')
        if int(new_volume['size']) < int(old_volume['size']):
            raise exception.InvalidVolume(
                reason='New volume must be the same size or larger.')
        attach = attach_api()
        attach.begin_detaching(ctxt, old_volume['id'])
        try:
            if len([a for a in old_attachments
                    if a['attach_mode'] != 'ro']) > 1:
                raise exception.MultiattachSwapVolumeNotSupported()
            bdm = block_devices.get_by_volume(instance['uuid'],
                                              old_volume['id'])
            new_attachment = attach.attachment_create(
                ctxt, new_volume['id'], instance['uuid'])
        except Exception:
            attach.roll_detaching(ctxt, old_volume['id'])
            raise
        action_events.action_start(instance['uuid'], 'swap_volume',
                                   ctxt.request_id, ctxt.user_id,
                                   ctxt.project_id)
        try:
            self.compute.compute_rpc.swap_volume(
                ctxt, primitives.to_primitive(instance),
                primitives.to_primitive(bdm), old_volume['id'],
                new_volume['id'], new_attachment['id'])
        except Exception:
            attach.roll_detaching(ctxt, old_volume['id'])
            attach.attachment_delete(ctxt, new_attachment['id'])
            raise
        LOG.info('Swapping volume %s for %s', old_volume['id'],
                 new_volume['id'], instance=instance)


def create_mappings(ctxt, instance_uuid, rows):
    """A new server's volume mappings (from the create request); existing
    volumes are reserved for it now, new ones are made by the conductor's
    build flow."""
    for values in rows:
        bdm = block_devices.create(dict(values, instance_uuid=instance_uuid))
        if bdm['source_type'] == 'volume':
            attachment = attach_api().attachment_create(
                ctxt, bdm['volume_id'], instance_uuid)
            block_devices.update(bdm['uuid'],
                                 {'attachment_id': attachment['id']})


def release(ctxt, bdm, delete_volume):
    """Drop one mapping: its attachment goes (the volume is available
    again), then the volume itself when `delete_volume`; the row last.
    Returns the volume id if the volume was meant to go but could not."""
    admin = ctxt.elevated()
    if bdm['attachment_id']:
        try:
            attach_api().attachment_delete(admin, bdm['attachment_id'])
        except exception.VolumeAttachmentNotFound:
            pass
    left = None
    if delete_volume and bdm['volume_id']:
        try:
            volume_api().delete(admin, bdm['volume_id'])
        except exception.VolumeNotFound:
            pass
        except exception.StratusException as exc:
            LOG.warning('Volume %s of a deleted server stays: %s',
                        bdm['volume_id'], exc)
            left = bdm['volume_id']
    block_devices.destroy(bdm['uuid'])
    return left


def release_all(ctxt, instance_uuid):
    """Every volume of a deleted server: detached, and deleted when its
    mapping says delete_on_termination. One failure does not stop the
    others (nova's rule: the server goes anyway); the ids of volumes that
    stayed are returned."""
    left = []
    for bdm in block_devices.for_instance(instance_uuid):
        try:
            volume = release(ctxt, bdm, bdm['delete_on_termination'])
        except Exception as exc:
            LOG.warning('Could not release volume %s of deleted server '
                        '%s: %s', bdm['volume_id'], instance_uuid, exc)
            volume = bdm['volume_id']
        if volume:
            left.append(volume)
    block_devices.destroy_for_instance(instance_uuid)
    return left


def migration_completion(ctxt, old_volume_id, new_volume_id, error):
    """The compute's last word on a swap (through the conductor): when
    the old volume is migrating, the block storage's migration completion
    (cinder's os-migrate_volume_completion, which nova calls); returns the
    id the mapping keeps (the old one: the volume row took the copy)."""
    from stratus.volume import migrate_api
    admin = ctxt.elevated()
    old = volume_api().get(admin, old_volume_id)
    if old['migration_status'] != 'migrating':
        return new_volume_id
    new = volume_api().get(admin, new_volume_id)
    return migrate_api.MigrateAPI(volume_api()).migrate_volume_completion(
        admin, old, new, error)
