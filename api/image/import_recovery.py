"""Imports a dead stratus-api process left running. Imports run on
threads of the API process that accepted them; a process that dies
(kill -9, a crash, a restart) leaves its images importing and their
tasks processing. At start, and when a worker dies, the API fails those
tasks and puts their images where a failed glance import leaves them:
queued, lock dropped, staged and partial data removed."""
import glob
import os

from stratus.api.image import import_lock
from stratus.api.image import store
from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import image_tasks as db_tasks
from stratus.db.api import images as db_images

LOG = log.getLogger(__name__)
MESSAGE = ('Error: the import was interrupted: the stratus-api process '
           'running it stopped (%s).')
PROGRESS = ('os_glance_importing_to_stores', 'os_glance_failed_import')


def runner_id():
    return '%s:%d' % (CONF.host, os.getpid())


def _pid(task):
    try:
        return int(task['runner'].rsplit(':', 1)[1])
    except (AttributeError, IndexError, ValueError):
        return None


def _alive(pid):
    if pid is None or pid == os.getpid():
        return pid is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(dead_pid=None):
    """Fail this host's unfinished imports whose process is gone (or is
    `dead_pid`). Returns the ids of the tasks failed."""
    failed = []
    for task in db_tasks.unfinished_on(CONF.host):
        pid = _pid(task)
        if pid != dead_pid and _alive(pid):
            continue
        if not db_tasks.fail_unfinished(task['id'], MESSAGE % task['runner']):
            continue
        failed.append(task['id'])
        if task['image_id']:
            _reset_image(task['image_id'], task['id'])
    if failed:
        LOG.warning('Failed %d image import(s) a stopped API process left '
                    'running: %s', len(failed), ', '.join(failed))
    return failed


def _reset_image(image_id, task_id):
    if not import_lock.holds(image_id, task_id):
        return
    try:
        db_images.update(image_id, {'status': 'queued'},
                         {key: '' for key in PROGRESS},
                         remove_props=(import_lock.LOCK,),
                         expected_status=('importing',))
    except (exception.ImageNotFound, exception.ImageStatusConflict):
        return
    store.delete(image_id, store.staging_dir())
    # What store.write() had written when the process died.
    for directory in (store.datadir(), store.staging_dir()):
        for part in glob.glob(os.path.join(directory,
                                           '.%s.*.part' % image_id)):
            try:
                os.unlink(part)
            except FileNotFoundError:
                pass
    LOG.warning('Image %s back to queued after its interrupted import',
                image_id)
