"""Client side of the scheduler RPC API (topic ``scheduler``)."""
from stratus.common import rpc


class SchedulerRPCClient(rpc.RPCClientBase):
    TOPIC = 'scheduler'
    VERSION = '1.4'
    HISTORY = (
        '1.0 initial: no methods yet (placement arrives with compute)',
        '1.1 add select_destinations',
        '1.2 add create_volume',
        '1.4 add set_log_levels, get_log_levels (os-services get-log and '
        'set-log)',
    )

    def select_destinations(self, ctxt, spec, consumer_uuids):
        """[{'host', 'node', 'availability_zone'}] per consumer uuid, each
        with its allocation written; raises NoValidHost (a
        ``NoValidHost_Remote`` subclass, with ``details``) when one fits
        nowhere. `spec` comes from scheduler.request_spec.build()."""
        return self._prepare('1.1').call(ctxt, 'select_destinations',
                                         spec=spec,
                                         consumer_uuids=list(consumer_uuids))

    def create_volume(self, ctxt, volume_id, request_spec,
                      filter_properties=None):
        """Place the volume on a backend pool (flow volume_create_scheduler)
        and cast create_volume to it; a volume that fits nowhere goes to
        error with a user message. `request_spec` comes from
        stratus.volume.flows.api.create; `filter_properties` carries the
        retry state of a reschedule."""
        self._prepare('1.2').cast(ctxt, 'create_volume', volume_id=volume_id,
                                  request_spec=request_spec,
                                  filter_properties=filter_properties or {})

    def set_log_levels(self, ctxt, host, prefix, level):
        """`host`: the scheduler's service host."""
        self._prepare('1.4', server=host).cast(
            ctxt, 'set_log_levels', prefix=prefix, level=level)

    def get_log_levels(self, ctxt, host, prefix):
        return self._prepare('1.4', server=host).call(
            ctxt, 'get_log_levels', prefix=prefix)
