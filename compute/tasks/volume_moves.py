"""Tasks that move a server's volumes between hosts with the server
(resize, cold migration and their revert), as nova does: the host the
guest leaves hands each volume over (a new reserved attachment, its own
connected one deleted: the volume is disconnected there), the host it
lands on connects each one with its own connector, and the attachments
are complete once the guest runs. Each revert undoes what its execute
did."""
from stratus.common import flow_engine
from stratus.common import log
from stratus.compute.tasks import instance as instance_tasks
from stratus.compute.tasks import volume as volume_tasks

LOG = log.getLogger(__name__)
ctx = instance_tasks.request_context


def _volumes(conductor, ctxt, instance_uuid):
    return [b for b in conductor.bdm_list(ctx(ctxt), instance_uuid)
            if b['attachment_id']]


def hand_over(conductor, ctxt, instance_uuid):
    """Each volume's connection from this host goes; a reserved attachment
    keeps the volume for the server meanwhile."""
    for bdm in _volumes(conductor, ctxt, instance_uuid):
        new = conductor.volume_attachment_create(
            ctx(ctxt), bdm['volume_id'], instance_uuid)
        conductor.bdm_update(ctx(ctxt), bdm['uuid'],
                             {'attachment_id': new['id'],
                              'connection_info': None})
        conductor.volume_attachment_delete(ctx(ctxt), bdm['attachment_id'])


def connect_here(driver, conductor, ctxt, instance, complete=False):
    """Each volume connected for this host's connector (its connection info
    saved on the mapping); returns what the driver plugs in."""
    devices = []
    for bdm in _volumes(conductor, ctxt, instance['uuid']):
        info = conductor.volume_attachment_update(
            ctx(ctxt), bdm['attachment_id'],
            volume_tasks.connector_for(driver, instance, bdm))
        conductor.bdm_update(ctx(ctxt), bdm['uuid'],
                             {'connection_info': info})
        if complete:
            conductor.volume_attachment_complete(ctx(ctxt),
                                                 bdm['attachment_id'])
        devices.append(volume_tasks.block_device(bdm, info))
    return devices


class HandOverVolumesTask(flow_engine.StratusTask):
    """The guest has left this host: its volumes are disconnected here.
    Revert: connected here again (the guest comes back here)."""

    def __init__(self, driver, conductor):
        super().__init__()
        self.driver = driver
        self.conductor = conductor

    def execute(self, ctxt, instance):
        hand_over(self.conductor, ctxt, instance['uuid'])

    def revert(self, ctxt, instance, result, **kwargs):
        if volume_tasks._failed(result):
            return
        LOG.warning('Connecting the volumes here again', instance=instance)
        connect_here(self.driver, self.conductor, ctxt, instance,
                     complete=True)


class ConnectMovedVolumesTask(flow_engine.StratusTask):
    """Before the guest starts here: its volumes connected to this host.
    Revert: handed over again (disconnected here)."""
    default_provides = 'block_devices'

    def __init__(self, driver, conductor):
        super().__init__()
        self.driver = driver
        self.conductor = conductor

    def execute(self, ctxt, instance):
        devices = connect_here(self.driver, self.conductor, ctxt, instance)
        if devices:
            LOG.info('Volumes connected here: %s', ', '.join(
                d['volume_id'] for d in devices), instance=instance)
        return devices

    def revert(self, ctxt, instance, result, **kwargs):
        if volume_tasks._failed(result) or not result:
            return
        hand_over(self.conductor, ctxt, instance['uuid'])
