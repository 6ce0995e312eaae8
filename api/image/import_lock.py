"""The os_glance_import_task lock of an image import, as glance keeps it:
a new import may take over a lock whose task is gone, or finished or
stuck for an hour (two for a pending one), and fails that task."""
import datetime

from stratus.common import exception
from stratus.common import log
from stratus.common.timeutils import utcnow
from stratus.db.api import image_tasks as db_tasks
from stratus.db.api import images as db_images

LOG = log.getLogger(__name__)
LOCK = 'os_glance_import_task'
EXPIRY = datetime.timedelta(minutes=60)
_BUSTABLE = ('pending', 'processing', 'success', 'failure')


def _task(task_id):
    try:
        return db_tasks.get(task_id)
    except exception.ImageTaskNotFound:
        return None


def enforce(image):
    """Nothing when `image` has no lock or a stale one (which is then
    removed); 409 'Image has active task' while the lock holds."""
    task_id = image['properties'].get(LOCK)
    if not task_id:
        return
    task = _task(task_id)
    age = datetime.timedelta(0)
    expiry = EXPIRY
    if task is not None:
        age = utcnow() - task['updated_at']
        if task['status'] == 'pending':
            expiry *= 2
    if task is None or (task['status'] in _BUSTABLE and age >= expiry):
        _bust(image, task_id, task)
        return
    LOG.warning('Image %s has active import task %s (%s); its lock holds '
                '%i more seconds', image['id'], task_id, task['status'],
                (expiry - age).total_seconds())
    raise exception.Conflict('Image has active task')


def _bust(image, task_id, task):
    if task is not None:
        db_tasks.fail_unfinished(task_id, 'Expired lock preempted')
    if not db_images.drop_property_if(image['id'], LOCK, task_id):
        # Another request took it first: act as if it still held.
        raise exception.Conflict('Image has active task')
    LOG.warning('Image %s had stale import task %s (%s); removed its lock',
                image['id'], task_id, task['status'] if task else 'missing')


def holds(image_id, task_id):
    """Whether task `task_id` still holds the image's import lock."""
    try:
        image = db_images.get(image_id)
    except exception.ImageNotFound:
        return False
    return image['properties'].get(LOCK) == task_id
