"""Conductor tasks of a resize or cold migration: claims on both sides,
the migration record, the hand-off to the destination."""
from stratus.common import context
from stratus.common import flow_engine
from stratus.common import log
from stratus.common import primitives
from stratus.db.api import allocations
from stratus.db.api import instances
from stratus.db.api import migration_records

LOG = log.getLogger(__name__)


class ResizeRestoreOnRevertTask(flow_engine.StratusTask):
    """First task: if no destination is found (or the cast fails) the
    instance stays where and as it was (task_state None, new flavor
    dropped), the migration is marked error, the fault recorded."""

    def execute(self, instance_uuids, migration):
        pass

    def revert(self, instance_uuids, migration, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(flow_failures)
        uuid = instance_uuids[0]
        instances.update(uuid, {'task_state': None, 'new_flavor': None},
                         fault=fault)
        migration_records.update(migration['uuid'], {'status': 'error'})


class MoveSourceClaimTask(flow_engine.StratusTask):
    """The instance's claim on the source becomes the migration's, so the
    scheduler can claim the destination for the instance while the source
    stays reserved until confirm or revert. Revert: moved back."""

    def execute(self, instance_uuids, migration):
        allocations.move(instance_uuids[0], migration['uuid'])

    def revert(self, instance_uuids, migration, **kwargs):
        allocations.delete(instance_uuids[0])
        allocations.move(migration['uuid'], instance_uuids[0])


class DispatchResizeTask(flow_engine.StratusTask):
    """Record the destination on the migration and ask that compute to
    prepare; the source then moves the disk. Last step."""

    def __init__(self, compute_rpc):
        super().__init__()
        self.compute_rpc = compute_rpc

    def execute(self, ctxt, instance_uuids, migration, destinations,
                request):
        dest = destinations[0]
        migration = migration_records.update(migration['uuid'], {
            'dest_compute': dest['host'], 'dest_node': dest['node']})
        instance = instances.get(instance_uuids[0])
        LOG.info('Resizing to host %s (migration %s)', dest['host'],
                 migration['uuid'], instance=instance)
        self.compute_rpc.prep_resize(
            context.RequestContext.from_dict(ctxt), dest['host'],
            primitives.to_primitive(instance),
            primitives.to_primitive(migration), request['flavor'],
            request.get('image'))
