"""An import cut short never leaves its image stuck: a stratus-api that
starts again (or whose worker died) fails what the dead process was
importing and puts the image back where a failed glance import leaves it
(queued, lock dropped); a stale os_glance_import_task lock is taken over
by a new import as glance takes it over (an hour; two when pending)."""
import datetime
import os
import subprocess
import sys
import time
import uuid

import sqlalchemy as sa

from stratus.api.image import import_recovery
from stratus.api.image import store
from stratus.common.conf import CONF
from stratus.common.timeutils import utcnow
from stratus.db import models
from stratus.db import session
from stratus.db.api import image_tasks as db_tasks
from stratus.db.api import images as db_images

V2 = '/image/v2'
GLANCE_DIRECT = {'method': {'name': 'glance-direct'}}
JSON = {'Accept': 'application/json'}


def _dead_pid():
    proc = subprocess.Popen([sys.executable, '-c', 'pass'])
    proc.wait()
    return proc.pid


def _stage(images, admin, image_id, data=b'staged-bytes'):
    resp = images.send(admin, 'PUT', '%s/images/%s/stage' % (V2, image_id),
                       data)
    assert resp.status_int == 204, resp.text


def _interrupted(admin, images, runner, status='processing', age=0,
                 stage=True):
    """An image an import was running on when its process died: task
    row, importing status and lock, as ImportController leaves them."""
    image = images.create(admin)
    if stage:
        _stage(images, admin, image['id'])
    task = db_tasks.create({
        'id': str(uuid.uuid4()), 'type': 'api_image_import',
        'owner': image['owner'], 'image_id': image['id'], 'runner': runner,
        'input': {'image_id': image['id'], 'import_req': GLANCE_DIRECT,
                  'backend': [None]}})
    with session.writer() as s:
        s.execute(sa.update(models.ImageTask).where(
            models.ImageTask.id == task['id']).values(
            status=status,
            updated_at=utcnow() - datetime.timedelta(minutes=age)))
    db_images.update(image['id'], {'status': 'importing'}, {
        'os_glance_import_task': task['id'],
        'os_glance_importing_to_stores': '',
        'os_glance_failed_import': ''})
    return image, task


def _wait(admin, image_id):
    for _ in range(200):
        image = admin.get('%s/images/%s' % (V2, image_id)).json
        if image['status'] not in ('importing', 'uploading'):
            return image
        time.sleep(0.05)
    raise AssertionError(image)


def test_start_fails_the_imports_of_a_dead_process(admin, images):
    runner = '%s:%d' % (CONF.host, _dead_pid())
    image, task = _interrupted(admin, images, runner)
    part = os.path.join(store.datadir(), '.%s.x1.part' % image['id'])
    with open(part, 'wb') as f:
        f.write(b'half')
    assert import_recovery.recover() == [task['id']]
    shown = admin.get('%s/images/%s' % (V2, image['id'])).json
    assert shown['status'] == 'queued'
    assert 'os_glance_import_task' not in shown
    assert shown['os_glance_failed_import'] == ''
    assert shown['os_glance_importing_to_stores'] == ''
    assert not os.path.exists(part)
    assert not os.path.exists(store.path(image['id'], store.staging_dir()))
    record = admin.get('%s/tasks/%s' % (V2, task['id'])).json
    assert record['status'] == 'failure'
    assert record['message'] == import_recovery.MESSAGE % runner
    assert record['expires_at']
    # Nothing is stuck: stage again and import.
    _stage(images, admin, image['id'])
    resp = admin.post('%s/images/%s/import' % (V2, image['id']),
                      GLANCE_DIRECT)
    assert resp.status_int == 202, resp.text
    assert _wait(admin, image['id'])['status'] == 'active'
    assert import_recovery.recover() == []


def test_a_dead_worker_is_recovered_by_pid(admin, images):
    pid = _dead_pid()
    image, task = _interrupted(admin, images, '%s:%d' % (CONF.host, pid))
    assert import_recovery.recover(dead_pid=pid) == [task['id']]
    assert db_images.get(image['id'])['status'] == 'queued'


def test_live_processes_and_other_hosts_are_left_alone(admin, images):
    mine, mine_task = _interrupted(admin, images,
                                   import_recovery.runner_id())
    other, other_task = _interrupted(admin, images, 'elsewhere:%d'
                                     % _dead_pid())
    assert import_recovery.recover() == []
    assert db_images.get(mine['id'])['status'] == 'importing'
    assert db_images.get(other['id'])['status'] == 'importing'
    assert db_tasks.get(mine_task['id'])['status'] == 'processing'


def _import(admin, image_id):
    return admin.post('%s/images/%s/import' % (V2, image_id), GLANCE_DIRECT,
                      headers=JSON)


def _locked_upload(admin, images, status, age, task=True):
    """A staged (uploading) image still holding the lock of a task."""
    image, old = _interrupted(admin, images, 'elsewhere:1', status=status,
                              age=age)
    db_images.update(image['id'], {'status': 'uploading'})
    if not task:
        with session.writer() as s:
            s.execute(sa.delete(models.ImageTask).where(
                models.ImageTask.id == old['id']))
    return image, old


def test_a_valid_lock_is_409(admin, images):
    image, _old = _locked_upload(admin, images, 'processing', age=59)
    resp = _import(admin, image['id'])
    assert resp.status_int == 409
    assert resp.json['message'] == 'Image has active task'
    # A pending task's lock lasts twice as long.
    image, _old = _locked_upload(admin, images, 'pending', age=90)
    assert _import(admin, image['id']).status_int == 409


def test_a_stale_lock_is_taken_over(admin, images):
    image, old = _locked_upload(admin, images, 'processing', age=61)
    resp = _import(admin, image['id'])
    assert resp.status_int == 202, resp.text
    assert _wait(admin, image['id'])['status'] == 'active'
    record = admin.get('%s/tasks/%s' % (V2, old['id'])).json
    assert record['status'] == 'failure'
    assert record['message'] == 'Expired lock preempted'
    tasks = admin.get('%s/images/%s/tasks' % (V2, image['id'])).json
    assert len(tasks['tasks']) == 2


def test_a_lock_of_a_vanished_task_is_taken_over(admin, images):
    image, _old = _locked_upload(admin, images, 'processing', age=0,
                                 task=False)
    assert _import(admin, image['id']).status_int == 202
    assert _wait(admin, image['id'])['status'] == 'active'


def test_an_import_that_lost_its_lock_leaves_the_image_alone(admin,
                                                             images):
    from stratus.api.image import image_import
    image, task = _interrupted(admin, images, import_recovery.runner_id())
    db_images.update(image['id'], {}, {'os_glance_import_task': 'other'})
    image_import.run_import(task['id'], image['id'])
    shown = db_images.get(image['id'])
    assert shown['status'] == 'importing'
    assert shown['properties']['os_glance_import_task'] == 'other'
    record = db_tasks.get(task['id'])
    assert record['status'] == 'failure'
    assert 'Task was aborted externally' in record['message']
