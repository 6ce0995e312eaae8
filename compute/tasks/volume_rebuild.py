"""The compute's part of rebuilding a volume-backed server from 2.93
(nova's _rebuild_volume_backed_instance): the guest goes, the root
volume's attachment is handed over (a new reserved one, the connected one
deleted: the volume is disconnected from this host), the block storage is
asked to re-image it (os-reimage, through the conductor) and the compute
waits for the block storage's volume-reimaged event, reimage_timeout_per_gb
seconds per GiB of the image; then the volume is connected here again for
the new guest. A failed call, a 'failed' event or no event in time abort
the rebuild with nova's fault (the server goes to ERROR)."""
import math

from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.common.conf import CONF
from stratus.compute import instance_events
from stratus.compute.tasks import instance as instance_tasks
from stratus.compute.tasks import volume as volume_tasks

LOG = log.getLogger(__name__)
ctx = instance_tasks.request_context
GiB = 1024 ** 3
EVENT = 'volume-reimaged'


def reimage_timeout(image):
    """nova's deadline: the option times the image's size in whole GiB."""
    size_gb = int(math.ceil(float(image.get('size') or 0) / GiB))
    return CONF.reimage_timeout_per_gb * max(size_gb, 1)


def _aborted(instance):
    return exception.BuildAbortException(
        instance_uuid=instance['uuid'],
        reason='Failed to rebuild volume backed instance.')


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
        self._reimage(ctxt, instance, root['volume_id'], image)
        info = self.conductor.volume_attachment_update(
            ctx(ctxt), new['id'],
            volume_tasks.connector_for(self.driver, instance, root))
        self.conductor.bdm_update(ctx(ctxt), root['uuid'],
                                  {'connection_info': info})
        self.conductor.volume_attachment_complete(ctx(ctxt), new['id'])
        return root['volume_id']

    def _reimage(self, ctxt, instance, volume_id, image):
        timeout = reimage_timeout(image)
        LOG.info('Re-imaging root volume %s with image %s (waiting up to '
                 '%ss)', volume_id, image['id'], timeout, instance=instance)
        # Prepared first: an event that comes back at once is not lost.
        waiter = instance_events.prepare(instance['uuid'], EVENT, volume_id)
        try:
            self.conductor.volume_reimage(ctx(ctxt), volume_id, image['id'])
            status = waiter.wait(timeout)
        except Exception as exc:
            LOG.error('Failed to rebuild volume backed instance: %s', exc,
                      instance=instance)
            raise _aborted(instance)
        finally:
            instance_events.discard(waiter)
        if status is None:
            LOG.warning('Timeout waiting for %s-%s for instance with '
                        'vm_state %s and task_state %s.', EVENT, volume_id,
                        instance.get('vm_state'), instance.get('task_state'),
                        instance=instance)
            raise _aborted(instance)
        if status != 'completed':
            LOG.error('Cinder reported failure during reimaging with %s-%s '
                      'for instance %s', EVENT, volume_id, instance['uuid'])
            raise _aborted(instance)

    def revert(self, ctxt, instance, result, **kwargs):
        pass
