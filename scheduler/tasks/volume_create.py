"""Tasks of the scheduler's volume create flow: read the request, place
the volume, cast it to its backend."""
from stratus.common import context
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.db.api import volumes as db_volumes
from stratus.scheduler import backend_scheduler
from stratus.volume import messages

LOG = log.getLogger(__name__)


def request_context(ctxt):
    return context.RequestContext.from_dict(ctxt)


class ExtractSchedulerSpecTask(flow_engine.StratusTask):
    """The filter spec: what the API flow asked (size, zone, type with its
    extra specs, source backend) plus the retry state of a reschedule.

    Revert: the volume goes to error with its quota released and a
    message (any failure of the flow ends here)."""
    default_provides = 'spec'

    def execute(self, volume_id, request_spec, filter_properties):
        spec = dict(request_spec)
        if spec.get('size') is None:
            # An older or hand-made request: the row has the facts.
            volume = db_volumes.get(volume_id)
            spec['size'] = volume['size']
            spec.setdefault('availability_zone', volume['availability_zone'])
        spec['volume_id'] = volume_id
        if filter_properties.get('retry'):
            spec['retry'] = filter_properties['retry']
        return spec

    def revert(self, ctxt, volume_id, flow_failures, **kwargs):
        exc = next(iter(flow_failures.values())).exception
        messages.fail_create(request_context(ctxt), volume_id, exc)


class ScheduleCreateVolumeTask(flow_engine.StratusTask):
    """Pick the pool (filters, weighers), record it on the volume and cast
    create_volume to that backend. NoValidBackend is an outcome, not a
    crash: the volume goes to error with the message 'No valid backend
    was found. ...' and the flow still ends in SUCCESS, as cinder's does.

    Revert: nothing of its own (the first task marks the volume error)."""
    default_provides = 'pool'

    def __init__(self, volume_rpc):
        super().__init__()
        self.volume_rpc = volume_rpc

    def execute(self, ctxt, volume_id, spec, request_spec):
        ctx = request_context(ctxt)
        try:
            backend_scheduler.populate_retry(spec, volume_id)
            pool = backend_scheduler.schedule_create_volume(ctx, volume_id,
                                                            spec)
        except exception.NoValidBackend as exc:
            messages.fail_create(ctx, volume_id, exc)
            return None
        if pool is None:
            return None
        filter_properties = {'retry': spec['retry']} \
            if spec.get('retry') else {}
        self.volume_rpc.create_volume(ctx, volume_id, pool, request_spec,
                                      filter_properties)
        return pool

    def revert(self, ctxt, volume_id, result, **kwargs):
        pass
