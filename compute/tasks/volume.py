"""Tasks that plug volumes into guests and unplug them: this host's
connector to the volume service (through the conductor: the compute has no
database), the driver's attach/detach, the mapping and attachment records.
Each revert undoes what its execute did."""
from taskflow.types import failure as tf_failure

from stratus.common import flow_engine
from stratus.common import log
from stratus.compute.tasks import instance as instance_tasks

LOG = log.getLogger(__name__)
ctx = instance_tasks.request_context


def connector_for(driver, instance, bdm):
    """What the volume service exports to: this host's facts plus where
    the volume goes in the guest."""
    return dict(driver.get_volume_connector(instance),
                mountpoint=bdm['device_name'])


def _failed(result):
    return isinstance(result, tf_failure.Failure)


# --- attach ------------------------------------------------------------------
class AttachFailedOnRevertTask(instance_tasks.InstanceTask):
    """First task of an attach: on failure the attachment is deleted (the
    volume is available again), the mapping goes, the fault is recorded;
    the server's state is untouched (attach never changed it)."""

    def execute(self, ctxt, instance, bdm):
        pass

    def revert(self, ctxt, instance, bdm, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(flow_failures,
                                               host=instance.get('host'))
        LOG.error('Attaching volume %s failed: %s', bdm['volume_id'],
                  fault['message'], instance=instance)
        try:
            self.conductor.volume_attachment_delete(ctx(ctxt),
                                                    bdm['attachment_id'])
        finally:
            self.conductor.bdm_destroy(ctx(ctxt), bdm['uuid'])
            self.update(ctxt, instance, {}, fault=fault)


class ConnectVolumeTask(flow_engine.StratusTask):
    """The volume service exports the volume to this host's connector and
    answers how to reach it (attachment_update: volume attaching). Revert:
    nothing here; deleting the attachment (first task) disconnects."""
    default_provides = 'connection_info'

    def __init__(self, driver, conductor):
        super().__init__()
        self.driver = driver
        self.conductor = conductor

    def execute(self, ctxt, instance, bdm):
        connector = connector_for(self.driver, instance, bdm)
        return self.conductor.volume_attachment_update(
            ctx(ctxt), bdm['attachment_id'], connector)


class AttachVolumeTask(flow_engine.StratusTask):
    """Plug the volume into the guest. Revert: unplug it."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance, bdm, connection_info):
        LOG.info('Attaching volume %s (%s) at %s', bdm['volume_id'],
                 connection_info.get('driver_volume_type'),
                 bdm['device_name'], instance=instance)
        self.driver.attach_volume(instance, connection_info,
                                  bdm['device_name'])

    def revert(self, instance, bdm, connection_info, result, **kwargs):
        if _failed(result):
            return
        LOG.warning('Detaching volume %s again', bdm['volume_id'],
                    instance=instance)
        self.driver.detach_volume(instance, connection_info,
                                  bdm['device_name'])


class SaveAttachmentTask(flow_engine.StratusTask):
    """The mapping keeps the connection info (to detach, or to rebuild the
    guest later); the attachment is complete: volume in-use. Last step."""

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, bdm, connection_info):
        self.conductor.bdm_update(ctx(ctxt), bdm['uuid'],
                                  {'connection_info': connection_info})
        self.conductor.volume_attachment_complete(ctx(ctxt),
                                                  bdm['attachment_id'])


# --- detach ------------------------------------------------------------------
class DetachFailedOnRevertTask(instance_tasks.InstanceTask):
    """First task of a detach: on failure the volume goes back from
    detaching to in-use and the fault is recorded."""

    def execute(self, ctxt, instance, bdm):
        pass

    def revert(self, ctxt, instance, bdm, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(flow_failures,
                                               host=instance.get('host'))
        LOG.error('Detaching volume %s failed: %s', bdm['volume_id'],
                  fault['message'], instance=instance)
        try:
            self.conductor.volume_roll_detaching(ctx(ctxt), bdm['volume_id'])
        finally:
            self.update(ctxt, instance, {}, fault=fault)


class DetachVolumeTask(flow_engine.StratusTask):
    """Unplug the volume from the guest (one already gone is fine).
    Revert: plug it in again."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance, bdm):
        LOG.info('Detaching volume %s from %s', bdm['volume_id'],
                 bdm['device_name'], instance=instance)
        self.driver.detach_volume(instance, bdm['connection_info'] or {},
                                  bdm['device_name'])

    def revert(self, instance, bdm, result, **kwargs):
        if _failed(result) or not bdm['connection_info']:
            return
        LOG.warning('Attaching volume %s again', bdm['volume_id'],
                    instance=instance)
        self.driver.attach_volume(instance, bdm['connection_info'],
                                  bdm['device_name'])


class DestroyBDMTask(flow_engine.StratusTask):
    """The mapping goes (before the attachment, so that every step but the
    last can be undone). Revert: the same mapping again."""

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, bdm):
        self.conductor.bdm_destroy(ctx(ctxt), bdm['uuid'])

    def revert(self, ctxt, bdm, result, **kwargs):
        if not _failed(result):
            self.conductor.bdm_create(ctx(ctxt), bdm)


class DeleteAttachmentTask(flow_engine.StratusTask):
    """The volume service unexports the volume and drops the attachment:
    the volume is available. Last step."""

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, bdm):
        self.conductor.volume_attachment_delete(ctx(ctxt),
                                                bdm['attachment_id'])


# --- block devices of a new guest --------------------------------------------
class ConnectBlockDevicesTask(flow_engine.StratusTask):
    """Before a spawn: each volume of the server is connected to this host
    (its boot volume, and volumes attached while it had no host) and its
    connection info saved on the mapping. Provides what the driver plugs
    in. Revert: nothing; the attachments stay reserved for the server's
    delete to clean up, as nova leaves them."""
    default_provides = 'block_devices'

    def __init__(self, driver, conductor):
        super().__init__()
        self.driver = driver
        self.conductor = conductor

    def execute(self, ctxt, instance):
        devices = []
        for bdm in self.conductor.bdm_list(ctx(ctxt), instance['uuid']):
            if not bdm['attachment_id']:
                continue
            info = self.conductor.volume_attachment_update(
                ctx(ctxt), bdm['attachment_id'],
                connector_for(self.driver, instance, bdm))
            self.conductor.bdm_update(ctx(ctxt), bdm['uuid'],
                                      {'connection_info': info})
            devices.append(block_device(bdm, info))
        if devices:
            LOG.info('Volumes: %s', ', '.join(
                '%s at %s' % (d['volume_id'], d['device_name'])
                for d in devices), instance=instance)
        return devices


class SavedBlockDevicesTask(flow_engine.StratusTask):
    """The volumes the guest has now, as their mappings saved them (no new
    connection: the guest is rebuilt on the same host). Revert: nothing."""
    default_provides = 'block_devices'

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, instance):
        return [block_device(bdm, bdm['connection_info'])
                for bdm in self.conductor.bdm_list(ctx(ctxt),
                                                   instance['uuid'])
                if bdm['connection_info']]


def block_device(bdm, connection_info):
    """What a driver gets of one volume (plain data)."""
    return {'device_name': bdm['device_name'],
            'boot_index': bdm['boot_index'], 'volume_id': bdm['volume_id'],
            'attachment_id': bdm['attachment_id'],
            'connection_info': connection_info}


class CompleteAttachmentsTask(flow_engine.StratusTask):
    """After the spawn: each connected volume is in-use. Revert: nothing
    (see ConnectBlockDevicesTask)."""

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, block_devices):
        for device in block_devices:
            self.conductor.volume_attachment_complete(
                ctx(ctxt), device['attachment_id'])


class ReleaseVolumesTask(flow_engine.StratusTask):
    """After the guest is gone (delete): the server's volumes are detached
    and those with delete_on_termination deleted (best effort: a volume
    that cannot go is logged, the delete goes on)."""

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, instance):
        left = self.conductor.instance_volumes_release(ctx(ctxt),
                                                       instance['uuid'])
        if left:
            LOG.warning('Volumes left behind: %s', ', '.join(left),
                        instance=instance)
