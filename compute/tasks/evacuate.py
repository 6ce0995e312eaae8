"""Tasks of an evacuation on the destination compute: the server's guest
is re-created here while its own host is down (from its image, or from
its boot volume), its volumes taken over through new attachments, and
it takes this host as its own. Each revert undoes what its execute did."""
from taskflow.types import failure as tf_failure

from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.common import timeutils
from stratus.compute import states
from stratus.compute.tasks import instance as instance_tasks
from stratus.compute.tasks import volume_moves

LOG = log.getLogger(__name__)
ctx = instance_tasks.request_context


def _here(instance, migration):
    return dict(instance, host=migration['dest_compute'],
                node=migration['dest_node'])


class EvacuateFailedOnRevertTask(instance_tasks.InstanceTask):
    """First task: on failure the server goes to ERROR with the fault
    (nova's answer: its guest here is gone, the old one unreachable), the
    migration to 'failed', the claim here released and the source's given
    back to the server (it still names the source as its host)."""

    def execute(self, ctxt, instance, migration):
        pass

    def revert(self, ctxt, instance, migration, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(
            flow_failures, host=migration['dest_compute'])
        LOG.error('Evacuation failed: %s', fault['message'],
                  instance=instance)
        self.update(ctxt, instance, {'vm_state': states.ERROR,
                                     'task_state': None}, fault=fault)
        self.conductor.migration_update(ctx(ctxt), migration['uuid'],
                                        {'status': 'failed'})
        self.conductor.claims_move(ctx(ctxt), migration['uuid'],
                                   instance['uuid'])


class PrepareEvacuationTask(instance_tasks.InstanceTask):
    """The migration is under way here (pre-migrating); the caller's word
    on shared storage (before 2.14) must match this host's (nova's
    InvalidSharedStorage); then rebuild_block_device_mapping."""

    def __init__(self, conductor, driver):
        super().__init__(conductor)
        self.driver = driver

    def execute(self, ctxt, instance, migration, on_shared_storage):
        self.conductor.migration_update(ctx(ctxt), migration['uuid'],
                                        {'status': 'pre-migrating'})
        on_disk = self.driver.instance_on_disk(instance)
        if on_shared_storage is not None and on_shared_storage != on_disk:
            raise exception.InvalidSharedStorage()
        self.update(ctxt, instance,
                    {'task_state': states.REBUILD_BLOCK_DEVICE_MAPPING},
                    expected=[states.REBUILDING])


class TakeOverVolumesTask(flow_engine.StratusTask):
    """Each volume gets a new reserved attachment for the server and the
    dead host's attachment is deleted (nova's evacuate does the same).
    No revert: the host they were connected to is down; the reserved
    attachments keep the volumes for the server."""

    def __init__(self, conductor):
        super().__init__()
        self.conductor = conductor

    def execute(self, ctxt, instance):
        volume_moves.hand_over(self.conductor, ctxt, instance['uuid'])


class SpawnEvacuatedTask(flow_engine.StratusTask):
    """Create the guest here from the image (or the boot volume), the
    volumes plugged in; off when the server is to end up stopped.
    Revert: destroy it."""
    default_provides = 'final_vm_state'

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, ctxt, instance, migration, image, target_state,
                block_devices=()):
        vm_state = instance['vm_state']
        if target_state and vm_state != states.ERROR:
            vm_state = target_state
        vm_state = states.STOPPED if vm_state == states.STOPPED \
            else states.ACTIVE
        LOG.info('Re-creating the guest here (%s)',
                 'from image %s' % image['id'] if image else
                 'from its boot volume', instance=instance)
        self.driver.spawn(ctxt, _here(instance, migration), image,
                          power_on=vm_state != states.STOPPED,
                          block_devices=list(block_devices or ()))
        return vm_state

    def revert(self, instance, migration, result, **kwargs):
        if isinstance(result, tf_failure.Failure):
            return
        LOG.warning('Destroying the guest of a failed evacuation',
                    instance=instance)
        self.driver.destroy(_here(instance, migration))


class SaveEvacuatedTask(instance_tasks.InstanceTask):
    """The migration done; the server's host and node are this one's, its
    state active (or stopped). Last step."""

    def __init__(self, conductor, driver):
        super().__init__(conductor)
        self.driver = driver

    def execute(self, ctxt, instance, migration, final_vm_state,
                action_events=None):
        here = _here(instance, migration)
        self.conductor.migration_update(ctx(ctxt), migration['uuid'],
                                        {'status': 'done'})
        self.update_last(ctxt, instance, {
            'host': here['host'], 'node': here['node'],
            'vm_state': final_vm_state, 'task_state': None,
            'power_state': self.driver.get_power_state(here),
            'launched_at': timeutils.to_iso(timeutils.utcnow())},
            [states.REBUILD_SPAWNING], action_events)
