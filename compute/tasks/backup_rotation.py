"""RotateBackupsTask: keep the newest `rotation` backups of a server and
backup type, delete the rest (nova's _rotate_backups). A backup that
cannot be deleted is logged and the rotation goes on."""
from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.compute.tasks import image

LOG = log.getLogger(__name__)


class RotateBackupsTask(flow_engine.StratusTask):

    def execute(self, ctxt, instance, backup_type, rotation):
        client = image.client_for(ctxt)
        backups = client.list(image_type='backup', backup_type=backup_type,
                              instance_uuid=instance['uuid'],
                              sort_key='created_at', sort_dir='desc')
        LOG.debug('Found %d backups (rotation: %d)', len(backups), rotation,
                  instance=instance)
        for old in backups[rotation:]:
            try:
                client.delete(old['id'])
                LOG.info('Rotated out backup image %s', old['id'],
                         instance=instance)
            except exception.NotFound:
                pass
            except Exception as exc:
                LOG.info('Failed to delete backup image %s: %s', old['id'],
                         exc, instance=instance)
