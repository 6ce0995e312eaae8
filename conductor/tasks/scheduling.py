"""Asking the scheduler where to put instances."""
from stratus.common import context
from stratus.common import flow_engine
from stratus.common import log

LOG = log.getLogger(__name__)


class SelectDestinationsTask(flow_engine.StratusTask):
    """Calls the scheduler, which also claims the resources on the chosen
    nodes. Revert: nothing here; the lifecycle task releases claims."""
    default_provides = 'destinations'

    def __init__(self, scheduler):
        super().__init__()
        self.scheduler = scheduler

    def execute(self, ctxt, spec, instance_uuids):
        LOG.info('Scheduling %d instance(s)', len(instance_uuids))
        destinations = self.scheduler.select_destinations(
            context.RequestContext.from_dict(ctxt), spec, instance_uuids)
        for uuid, dest in zip(instance_uuids, destinations):
            LOG.info('Selected host %s (node %s)', dest['host'],
                     dest['node'], instance={'uuid': uuid})
        return destinations
