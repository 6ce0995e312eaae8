"""Tasks of a volume swap (nova's swap_volume, which cinder asks for when
it migrates an attached volume): connect the new volume, have the driver
copy the guest's disk onto it and switch, then hand the old attachment
back and tell the block storage that the copy is done. Each revert undoes
what its execute did."""
from stratus.common import flow_engine
from stratus.common import log
from stratus.compute.tasks import instance as instance_tasks
from stratus.compute.tasks import volume as volume_tasks

LOG = log.getLogger(__name__)
ctx = instance_tasks.request_context


class SwapFailedOnRevertTask(instance_tasks.InstanceTask):
    """First task: on failure the old volume stays (detaching rolled
    back), the new attachment goes (new volume available), the migration
    is told it failed (cinder then deletes the copy), the fault is
    recorded; the server's state is untouched (swap never changes it).
    Each clean-up step runs even when one before it fails."""

    def execute(self, ctxt, instance, bdm):
        pass

    def revert(self, ctxt, instance, bdm, old_volume_id, new_volume_id,
               new_attachment_id, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(flow_failures,
                                               host=instance.get('host'))
        LOG.error('Swapping volume %s for %s failed: %s', old_volume_id,
                  new_volume_id, fault['message'], instance=instance)
        steps = (
            lambda: self.conductor.volume_roll_detaching(ctx(ctxt),
                                                         old_volume_id),
            lambda: self.conductor.volume_attachment_delete(
                ctx(ctxt), new_attachment_id),
            lambda: self.conductor.volume_migration_completion(
                ctx(ctxt), old_volume_id, new_volume_id, True),
        )
        for step in steps:
            try:
                step()
            except Exception as exc:
                LOG.warning('Clean-up after a failed swap: %s', exc,
                            instance=instance)
        self.update(ctxt, instance, {}, fault=fault)


class ConnectNewVolumeTask(flow_engine.StratusTask):
    """The new volume is exported to this host (its attachment connected:
    volume attaching). Revert: nothing; the first task deletes the
    attachment, which disconnects."""
    default_provides = 'new_connection_info'

    def __init__(self, driver, conductor):
        super().__init__()
        self.driver = driver
        self.conductor = conductor

    def execute(self, ctxt, instance, bdm, new_attachment_id):
        connector = volume_tasks.connector_for(self.driver, instance, bdm)
        return self.conductor.volume_attachment_update(
            ctx(ctxt), new_attachment_id, connector)


class SwapGuestVolumeTask(flow_engine.StratusTask):
    """The driver copies the disk at the mapping's device onto the new
    volume and switches the guest to it. Revert: the same back."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance, bdm, new_connection_info):
        LOG.info('Swapping volume %s at %s for %s', bdm['volume_id'],
                 bdm['device_name'],
                 (new_connection_info.get('data') or {}).get('volume_id'),
                 instance=instance)
        self.driver.swap_volume(instance, bdm['connection_info'] or {},
                                new_connection_info, bdm['device_name'])

    def revert(self, instance, bdm, new_connection_info, result, **kwargs):
        if volume_tasks._failed(result):
            return
        LOG.warning('Swapping back to volume %s', bdm['volume_id'],
                    instance=instance)
        self.driver.swap_volume(instance, new_connection_info,
                                bdm['connection_info'] or {},
                                bdm['device_name'])


class CompleteNewAttachmentTask(flow_engine.StratusTask):
    """The guest uses the new volume: its attachment is complete (in-use).
    Revert: nothing (the first task deletes the attachment)."""

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, new_attachment_id):
        self.conductor.volume_attachment_complete(ctx(ctxt),
                                                  new_attachment_id)


class FinishSwapTask(flow_engine.StratusTask):
    """Last step, as nova ends a swap: the old attachment goes (the old
    volume is disconnected from this host), the migration completes (the
    old volume's row takes the copy, so the mapping keeps the old id),
    and the mapping names what the guest now uses."""

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, instance, bdm, old_volume_id, new_volume_id,
                new_attachment_id, new_connection_info):
        if bdm['attachment_id']:
            self.conductor.volume_attachment_delete(ctx(ctxt),
                                                    bdm['attachment_id'])
        saved = self.conductor.volume_migration_completion(
            ctx(ctxt), old_volume_id, new_volume_id, False)
        # The connection info named the copy's temporary id.
        info = dict(new_connection_info, serial=saved, volume_id=saved)
        if 'data' in info:
            info['data'] = dict(info['data'], volume_id=saved)
        self.conductor.bdm_update(ctx(ctxt), bdm['uuid'], {
            'volume_id': saved, 'attachment_id': new_attachment_id,
            'connection_info': info})
        LOG.info('Volume %s swapped (mapping keeps %s)', old_volume_id,
                 saved, instance=instance)
