"""Conductor tasks of a build whose servers get new volumes (a boot volume
made from an image, or data volumes): create them through the block
storage API, wait until they are available, reserve them for their
server. The volumes are the user's (their project, their quota).

Reversion: nothing here; the build's first task puts the servers in
ERROR, and deleting such a server releases its volumes (those with
delete_on_termination deleted), as nova leaves them."""
import time

from stratus.common import context
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.common.conf import CONF
from stratus.compute import server_volumes
from stratus.db.api import block_devices
from stratus.db.api import volumes as db_volumes

LOG = log.getLogger(__name__)


def _request(bdm):
    """The block storage create request of one mapping."""
    return {'size': bdm['volume_size'], 'name': '', 'description': '',
            'image_id': bdm['image_id'], 'snapshot_id': bdm['snapshot_id'],
            'volume_type': bdm['volume_type'], 'metadata': {}}


class CreateVolumesTask(flow_engine.StratusTask):
    """A volume for each mapping that names none yet (image, snapshot or
    blank source), recorded on the mapping."""
    default_provides = 'new_volumes'

    def execute(self, ctxt, instance_uuids):
        request_context = context.RequestContext.from_dict(ctxt)
        made = []
        for uuid in instance_uuids:
            for bdm in block_devices.for_instance(uuid):
                if bdm['volume_id']:
                    continue
                volume = server_volumes.volume_api().create(
                    request_context, _request(bdm))
                block_devices.update(bdm['uuid'],
                                     {'volume_id': volume['id']})
                LOG.info('Volume %s (%s GiB, from %s) for %s', volume['id'],
                         bdm['volume_size'], bdm['source_type'],
                         bdm['device_name'], instance={'uuid': uuid})
                made.append(volume['id'])
        return made


class WaitForVolumesTask(flow_engine.StratusTask):
    """Until every new volume is available; one in error, or one still not
    ready after block_device_allocate_retries looks, fails the build
    (nova's VolumeNotCreated)."""

    def execute(self, new_volumes):
        attempts = CONF.block_device_allocate_retries
        interval = CONF.block_device_allocate_retries_interval
        started = time.monotonic()
        pending = list(new_volumes)
        for attempt in range(1, attempts + 1):
            for volume_id in list(pending):
                status = db_volumes.get(volume_id)['status']
                if status == 'available':
                    pending.remove(volume_id)
                elif status == 'error':
                    self._fail(volume_id, status, started, attempt)
            if not pending:
                LOG.info('Volumes %s available in %.2fs', new_volumes,
                         time.monotonic() - started)
                return
            if attempt < attempts:
                time.sleep(interval)
        self._fail(pending[0], db_volumes.get(pending[0])['status'],
                   started, attempts)

    @staticmethod
    def _fail(volume_id, status, started, attempts):
        raise exception.VolumeNotCreated(
            volume_id=volume_id, volume_status=status, attempts=attempts,
            seconds=int(time.monotonic() - started))


class ReserveVolumesTask(flow_engine.StratusTask):
    """Each new volume reserved for its server (an attachment without a
    connector yet: the compute connects it when it spawns)."""

    def execute(self, ctxt, instance_uuids):
        request_context = context.RequestContext.from_dict(ctxt)
        for uuid in instance_uuids:
            for bdm in block_devices.for_instance(uuid):
                if bdm['volume_id'] and not bdm['attachment_id']:
                    attachment = server_volumes.attach_api() \
                        .attachment_create(request_context, bdm['volume_id'],
                                           uuid)
                    block_devices.update(bdm['uuid'], {
                        'attachment_id': attachment['id']})
