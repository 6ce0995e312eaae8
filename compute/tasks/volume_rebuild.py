"""The compute's part of rebuilding a volume-backed server from 2.93
(nova's _rebuild_volume_backed_instance): the guest goes, the root
volume's attachment is handed over (a new reserved one, the connected one
deleted: the volume is disconnected from this host), the block storage
re-images it, and it is connected here again for the new guest."""
from stratus.common import flow_engine
from stratus.common import log
from stratus.compute.tasks import instance as instance_tasks
from stratus.compute.tasks import volume as volume_tasks

LOG = log.getLogger(__name__)
ctx = instance_tasks.request_context


class ReimageRootVolumeTask(flow_engine.StratusTask):
    """Only when `reimage_boot_volume`; returns the re-imaged volume's id.
    Revert: nothing: the guest is gone, the first task puts the server in
    ERROR as nova does, and the volume keeps a reserved attachment for the
    server (nova leaves it so too)."""

    def __init__(self, driver, conductor):
        super().__init__()
        self.driver = driver
        self.conductor = conductor

    def execute(self, ctxt, instance, image, reimage_boot_volume):
        if not reimage_boot_volume:
            return None
        root = next((b for b in self.conductor.bdm_list(
            ctx(ctxt), instance['uuid']) if b['boot_index'] == 0 and
            b['attachment_id']), None)
        if root is None:
            return None
        # The guest must let go of the disk before it is overwritten.
        self.driver.destroy(instance)
        new = self.conductor.volume_attachment_create(
            ctx(ctxt), root['volume_id'], instance['uuid'])
        self.conductor.bdm_update(ctx(ctxt), root['uuid'], {
            'attachment_id': new['id'], 'connection_info': None})
        self.conductor.volume_attachment_delete(ctx(ctxt),
                                                root['attachment_id'])
        root = dict(root, attachment_id=new['id'])
        LOG.info('Re-imaging root volume %s with image %s',
                 root['volume_id'], image['id'], instance=instance)
        self.conductor.volume_reimage(ctx(ctxt), root['volume_id'],
                                      image['id'],
                                      root.get('volume_size') or 1)
        info = self.conductor.volume_attachment_update(
            ctx(ctxt), new['id'],
            volume_tasks.connector_for(self.driver, instance, root))
        self.conductor.bdm_update(ctx(ctxt), root['uuid'],
                                  {'connection_info': info})
        self.conductor.volume_attachment_complete(ctx(ctxt), new['id'])
        return root['volume_id']

    def revert(self, ctxt, instance, result, **kwargs):
        pass
