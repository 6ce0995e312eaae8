"""Row and cast tasks of the API create flow."""
import uuid

from stratus.common import context
from stratus.common import flow_engine
from stratus.common import log
from stratus.db.api import volumes as db_volumes
from stratus.volume import states

LOG = log.getLogger(__name__)


class EntryCreateTask(flow_engine.StratusTask):
    """The volume row, status creating, with its metadata.

    Revert: the row is removed (the user never saw it succeed)."""
    default_provides = 'volume'

    def execute(self, ctxt, volume_spec):
        spec = volume_spec
        return db_volumes.create({
            'id': str(uuid.uuid4()), 'project_id': ctxt['project_id'],
            'user_id': ctxt['user'], 'size': spec['size'],
            'availability_zone': spec['availability_zone'],
            'status': states.CREATING, 'attach_status': states.DETACHED,
            'display_name': spec['name'],
            'display_description': spec['description'],
            'volume_type_id': spec['volume_type']['id'],
            'snapshot_id': spec['snapshot_id'],
            'source_volid': spec['source_volid'],
            'image_id': spec['image_id'],
            'image_metadata': spec['image_metadata'] or None,
            'bootable': spec['bootable'],
            'multiattach': spec['multiattach'],
            'replication_status': 'disabled',
            'group_id': spec.get('group_id')}, spec['metadata'])

    def revert(self, result, **kwargs):
        if isinstance(result, dict):
            db_volumes.destroy(result['id'])
            LOG.warning('Removed the row of volume %s whose create failed',
                        result['id'])


class VolumeCastTask(flow_engine.StratusTask):
    """Hand the volume to the scheduler (flow volume_create_scheduler).

    Revert: nothing to undo (a cast that failed sent nothing)."""
    default_provides = 'request_spec'

    def __init__(self, scheduler_rpc):
        super().__init__()
        self.scheduler_rpc = scheduler_rpc

    def execute(self, ctxt, volume, volume_spec):
        spec = volume_spec
        request_spec = {
            'volume_id': volume['id'], 'size': spec['size'],
            'availability_zone': spec['availability_zone'],
            'volume_type': spec['volume_type'],
            'snapshot_id': spec['snapshot_id'],
            'source_volid': spec['source_volid'],
            'image_id': spec['image_id'],
            'resource_backend': spec['resource_backend'],
            'multiattach': spec['multiattach'],
            'scheduler_hints': spec['scheduler_hints'],
            'project_id': volume['project_id'], 'user_id': volume['user_id']}
        self.scheduler_rpc.create_volume(
            context.RequestContext.from_dict(ctxt), volume['id'],
            request_spec)
        return request_spec

    def revert(self, result, **kwargs):
        pass
