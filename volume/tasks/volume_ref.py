"""Tasks around the volume record in the manager's create flow: load it,
decide on failure between rescheduling and error, build the driver's view
of what to create, announce, and finish."""
from stratus.common import context
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.common import timeutils
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes
from stratus.volume.drivers import driver as volume_driver
from stratus.volume import messages
from stratus.volume import states

LOG = log.getLogger(__name__)
# Failures another backend would not fix.
NO_RESCHEDULE = (exception.ImageNotFound, exception.VolumeNotFound,
                 exception.SnapshotNotFound, exception.Invalid)


def request_context(ctxt):
    return context.RequestContext.from_dict(ctxt)


# What a driver sees of a volume and a snapshot; they live with the driver
# contract, so that volume.connection uses them without loading TaskFlow.
driver_volume = volume_driver.driver_volume
driver_snapshot = volume_driver.driver_snapshot


class ExtractVolumeRefTask(flow_engine.StratusTask):
    """The volume row, which must still be creating here.

    Revert: nothing; OnFailureRescheduleTask decides the outcome."""
    default_provides = 'volume'

    def __init__(self, host):
        super().__init__()
        self.host = host

    def execute(self, volume_id):
        volume = db_volumes.get(volume_id)
        if volume['status'] != states.CREATING:
            raise exception.InvalidVolume(
                reason='volume %s is %s, not creating' % (volume_id,
                                                          volume['status']))
        return volume

    def revert(self, result, **kwargs):
        pass


class OnFailureRescheduleTask(flow_engine.StratusTask):
    """On failure, send the request back to the scheduler (another pool,
    up to scheduler_max_attempts) when rescheduling may help; otherwise the
    volume goes to error, its quota released, with a user message.

    Rescheduling needs the scheduler's retry state; creates from a snapshot
    or a volume cannot move off their source's backend and are not
    rescheduled."""

    def __init__(self, scheduler_rpc, do_reschedule):
        super().__init__()
        self.scheduler_rpc = scheduler_rpc
        self.do_reschedule = do_reschedule

    def execute(self, volume):
        pass

    def revert(self, ctxt, volume, request_spec, filter_properties,
               flow_failures, **kwargs):
        exc = next(iter(flow_failures.values())).exception
        ctx = request_context(ctxt)
        action = (messages.COPY_IMAGE_TO_VOLUME if request_spec.get(
            'image_id') else messages.CREATE_VOLUME_FROM_BACKEND)
        if not self.do_reschedule or isinstance(exc, NO_RESCHEDULE):
            messages.fail_create(ctx, volume['id'], exc, action)
            return
        retry = dict(filter_properties['retry'])
        retry['exc'] = '%s: %s' % (type(exc).__name__, exc)
        updated = db_volumes.update(volume['id'], {
            'host': None, 'scheduled_at': None, 'status': states.CREATING,
            'worker_status': None},
            expected={'status': states.CREATING})
        if updated is None:
            return
        LOG.warning('Volume %s: create failed on %s (%s); rescheduling',
                    volume['id'], volume['host'], exc)
        try:
            self.scheduler_rpc.create_volume(
                ctx, volume['id'], request_spec,
                dict(filter_properties, retry=retry))
        except Exception as cast_error:
            messages.fail_create(ctx, volume['id'], cast_error, action)


class ExtractVolumeSpecTask(flow_engine.StratusTask):
    """What to create, for the driver: the volume, and the snapshot, the
    source volume or the image it starts from.

    Revert: nothing (it only read)."""
    default_provides = 'volume_spec'

    def execute(self, volume):
        spec = {'volume': driver_volume(volume), 'kind': 'raw'}
        if volume['snapshot_id']:
            snapshot = db_snapshots.get(volume['snapshot_id'])
            spec.update(kind='snap', snapshot=driver_snapshot(snapshot))
        elif volume['source_volid']:
            source = db_volumes.get(volume['source_volid'])
            spec.update(kind='source_vol', source=driver_volume(source))
        elif volume['image_id']:
            spec.update(kind='image', image_id=volume['image_id'])
        return spec

    def revert(self, result, **kwargs):
        pass


class NotifyVolumeActionTask(flow_engine.StratusTask):
    """Announce the operation (cinder's volume.create.start notification;
    stratus has no notifier, so it is a log line).

    Revert: nothing."""

    def __init__(self, event):
        super().__init__(addons=[event])
        self.event = event

    def execute(self, volume):
        LOG.info('Volume %s: %s (%s GiB on %s)', volume['id'], self.event,
                 volume['size'], volume['host'])

    def revert(self, result, **kwargs):
        pass


class CreateVolumeOnFinishTask(flow_engine.StratusTask):
    """available, with what the driver returned (provider_location ...).

    Revert: nothing of its own (the reschedule task decides)."""

    def execute(self, volume, model_update):
        # The backend's claim (volume.worker) ends in the same write.
        values = {'status': states.AVAILABLE, 'worker_status': None,
                  'launched_at': timeutils.utcnow()}
        values.update(model_update or {})
        if db_volumes.update(volume['id'], values,
                             expected={'status': states.CREATING}) is None:
            raise exception.InvalidVolume(
                reason='volume %s stopped creating while it was created'
                       % volume['id'])
        LOG.info('Volume %s (%s GiB) created on %s', volume['id'],
                 volume['size'], volume['host'])

    def revert(self, result, **kwargs):
        pass
