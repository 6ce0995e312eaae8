"""Tasks of resize and cold migration on the source and destination
computes. The instance's old_vm_state (system metadata) says whether the
guest runs again where it lands."""
from taskflow.types import failure as tf_failure

from stratus.common import flow_engine
from stratus.common import log
from stratus.compute import states
from stratus.compute.tasks.instance import InstanceTask
from stratus.compute.tasks.instance import request_context

LOG = log.getLogger(__name__)


def was_running(instance):
    return instance['system_metadata'].get('old_vm_state') != states.STOPPED


def flavor_values(flavor):
    return {'flavor': flavor, 'vcpus': flavor['vcpus'],
            'memory_mb': flavor['memory_mb'], 'root_gb': flavor['root_gb'],
            'ephemeral_gb': flavor.get('ephemeral_gb') or 0}


class MigrationStatusTask(InstanceTask):
    def __init__(self, conductor, status):
        super().__init__(conductor, addons=[status])
        self.status = status

    def execute(self, ctxt, migration):
        self.conductor.migration_update(request_context(ctxt),
                                        migration['uuid'],
                                        {'status': self.status})


class ResizeRestoreOnRevertTask(InstanceTask):
    """First task before the guest has moved: on failure the instance
    stays on its source as it was, the destination claim is released and
    the source claim returns to the instance; the migration is error."""

    def execute(self, ctxt, instance, migration):
        pass

    def revert(self, ctxt, instance, migration, flow_failures, **kwargs):
        rctxt = request_context(ctxt)
        fault = flow_engine.fault_from_failure(flow_failures,
                                               host=instance.get('host'))
        self.update(ctxt, instance, {'task_state': None, 'new_flavor': None},
                    fault=fault)
        self.conductor.migration_update(rctxt, migration['uuid'],
                                        {'status': 'error'})
        self.conductor.release_resources(rctxt, instance['uuid'])
        self.conductor.claims_move(rctxt, migration['uuid'],
                                   instance['uuid'])


class CastResizeInstanceTask(flow_engine.StratusTask):
    """Destination ready: ask the source to move the disk, telling it
    where (the driver's migration_target(), as 'dest_target')."""

    def __init__(self, compute_rpc, driver=None):
        super().__init__()
        self.compute_rpc = compute_rpc
        self.driver = driver

    def execute(self, ctxt, instance, migration, new_flavor, image):
        target = self.driver.migration_target() if self.driver else {}
        if target:
            migration = dict(migration, dest_target=target)
        self.compute_rpc.resize_instance(
            request_context(ctxt), migration['source_compute'], instance,
            migration, new_flavor, image)


class MigrateDiskTask(flow_engine.StratusTask):
    """Source: power off and ship the disk. Revert: the guest comes back
    on the source as it was."""
    default_provides = 'disk_info'

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance, migration, new_flavor):
        LOG.info('Moving disk to %s', migration['dest_compute'],
                 instance=instance)
        target = migration.get('dest_target')
        return self.driver.migrate_disk_and_power_off(
            instance, migration['dest_compute'], new_flavor,
            **({'dest_target': target} if target else {}))

    def revert(self, instance, result, **kwargs):
        if not isinstance(result, tf_failure.Failure):
            self.driver.finish_revert_migration(
                instance, power_on=was_running(instance))


class CastFinishResizeTask(flow_engine.StratusTask):
    def __init__(self, compute_rpc):
        super().__init__()
        self.compute_rpc = compute_rpc

    def execute(self, ctxt, instance, migration, disk_info, new_flavor,
                image):
        self.compute_rpc.finish_resize(
            request_context(ctxt), migration['dest_compute'], instance,
            migration, disk_info, new_flavor, image)


class ApplyNewFlavorTask(InstanceTask):
    """Destination: the instance now lives here with the new flavor."""
    default_provides = 'moved_instance'

    def execute(self, ctxt, instance, migration, new_flavor):
        values = dict(flavor_values(new_flavor), host=migration['dest_compute'],
                      node=migration['dest_node'],
                      old_flavor=instance['flavor'], new_flavor=new_flavor,
                      task_state=states.RESIZE_FINISH)
        return self.update(ctxt, instance, values,
                           expected=[states.RESIZE_MIGRATED])


class FinishMigrationTask(flow_engine.StratusTask):
    """Destination: define and start the guest from the shipped disk.
    Revert: remove it."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, moved_instance, disk_info, image, block_devices=None):
        resize = moved_instance['flavor'].get('flavorid') != \
            moved_instance['old_flavor'].get('flavorid')
        volumes = {'block_devices': block_devices} if block_devices else {}
        self.driver.finish_migration(moved_instance, disk_info, image,
                                     resize_disk=resize,
                                     power_on=was_running(moved_instance),
                                     **volumes)

    def revert(self, moved_instance, **kwargs):
        self.driver.destroy(moved_instance)


class SaveResizedTask(InstanceTask):
    """resized (VERIFY_RESIZE) and the migration finished, in one write:
    a confirm or revert needs both, so no moment (nor a crash) may show
    one without the other."""

    def __init__(self, conductor, driver):
        super().__init__(conductor)
        self.driver = driver

    def execute(self, ctxt, moved_instance, migration):
        self.conductor.instance_update(
            request_context(ctxt), moved_instance['uuid'], {
                'vm_state': states.RESIZED, 'task_state': None,
                'power_state': self.driver.get_power_state(moved_instance)},
            expected_task_state=[states.RESIZE_FINISH],
            migration={'uuid': migration['uuid'],
                       'values': {'status': 'finished'}})


class ConfirmMigrationTask(flow_engine.StratusTask):
    """Source, after confirm: remove what stayed behind."""

    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance):
        LOG.info('Removing the source copy after confirm', instance=instance)
        self.driver.confirm_migration(instance)


class FinishConfirmTask(InstanceTask):
    """The source claim goes; active or stopped as the guest is."""

    def execute(self, ctxt, instance, migration):
        rctxt = request_context(ctxt)
        self.conductor.release_resources(rctxt, migration['uuid'])
        vm_state = states.STOPPED if instance['power_state'] == \
            states.SHUTDOWN else states.ACTIVE
        self.update(ctxt, instance, {'vm_state': vm_state,
                                     'old_flavor': None, 'new_flavor': None},
                    expected=[None])
        self.conductor.migration_update(rctxt, migration['uuid'],
                                        {'status': 'confirmed'})


class RevertClaimsTask(InstanceTask):
    """Destination, on revert: its claim goes, the source claim returns to
    the instance."""

    def execute(self, ctxt, instance, migration):
        rctxt = request_context(ctxt)
        self.conductor.release_resources(rctxt, instance['uuid'])
        self.conductor.claims_move(rctxt, migration['uuid'],
                                   instance['uuid'])


class CastFinishRevertTask(flow_engine.StratusTask):
    def __init__(self, compute_rpc):
        super().__init__()
        self.compute_rpc = compute_rpc

    def execute(self, ctxt, instance, migration):
        self.compute_rpc.finish_revert_resize(
            request_context(ctxt), migration['source_compute'], instance,
            migration)


class FinishRevertMigrationTask(flow_engine.StratusTask):
    def __init__(self, driver):
        super().__init__()
        self.driver = driver

    def execute(self, instance, block_devices=None):
        LOG.info('Starting the source guest again after revert',
                 instance=instance)
        volumes = {'block_devices': block_devices} if block_devices else {}
        self.driver.finish_revert_migration(instance,
                                            power_on=was_running(instance),
                                            **volumes)


class SaveRevertedTask(InstanceTask):
    """Back on the source with the old flavor; migration reverted."""

    def __init__(self, conductor, driver):
        super().__init__(conductor)
        self.driver = driver

    def execute(self, ctxt, instance, migration):
        power = self.driver.get_power_state(instance)
        values = dict(flavor_values(instance['old_flavor']),
                      host=migration['source_compute'],
                      node=migration['source_node'], old_flavor=None,
                      new_flavor=None, task_state=None, power_state=power,
                      vm_state=states.STOPPED if power == states.SHUTDOWN
                      else states.ACTIVE)
        self.update(ctxt, instance, values,
                    expected=[states.RESIZE_REVERTING])
        self.conductor.migration_update(request_context(ctxt),
                                        migration['uuid'],
                                        {'status': 'reverted'})
