"""Conductor tasks that touch instance records (the conductor has the DB)."""
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.compute import states
from stratus.db.api import allocations
from stratus.db.api import instances

LOG = log.getLogger(__name__)


class BuildErrorOnRevertTask(flow_engine.StratusTask):
    """First task of the build: if anything later fails, every instance of
    the request goes to ERROR with the fault, and its claim is released."""

    def execute(self, instance_uuids):
        pass

    def revert(self, instance_uuids, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(flow_failures)
        for uuid in instance_uuids:
            try:
                instances.update(uuid, {'vm_state': states.ERROR,
                                        'task_state': None},
                                 fault=fault)
            except exception.InstanceNotFound:
                LOG.info('Instance %s was deleted while building', uuid)
            allocations.delete(uuid)
            LOG.error('Build failed: %s', fault['message'],
                      instance={'uuid': uuid})
