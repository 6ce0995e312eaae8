"""kill -9 of stratus-api in the middle of an image import: the restarted
API fails the import as glance fails one (task 'failure', image back to
queued, lock dropped) and a new stage + import makes the image active."""
import signal
import time

from support import cloud as support_cloud

V2 = '/image/v2'
CHUNK = b'\0' * (1024 * 1024)
SIZE_MIB = 384


def _chunks():
    for _ in range(SIZE_MIB):
        yield CHUNK


def _staged(rest, data=None):
    resp = rest.request('POST', V2 + '/images', json={
        'name': 'restart-victim', 'disk_format': 'raw',
        'container_format': 'bare'})
    assert resp.status_code == 201, resp.text
    image_id = resp.json()['id']
    resp = rest.request('PUT', '%s/images/%s/stage' % (V2, image_id),
                        data=data if data is not None else _chunks(),
                        headers={'Content-Type':
                                 'application/octet-stream'})
    assert resp.status_code == 204, resp.text
    return image_id


def _import(rest, image_id):
    return rest.request('POST', '%s/images/%s/import' % (V2, image_id),
                        json={'method': {'name': 'glance-direct'}})


def _image(rest, image_id):
    return rest.get('%s/images/%s' % (V2, image_id)).json()


def _wait(rest, image_id, statuses, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        image = _image(rest, image_id)
        if image['status'] in statuses:
            return image
        time.sleep(0.2)
    raise AssertionError(image)


def test_import_cut_by_kill_9_is_failed_at_restart(cloud):
    rest = support_cloud.Rest(cloud)
    image_id = _staged(rest)
    resp = _import(rest, image_id)
    assert resp.status_code == 202, resp.text
    seen = _image(rest, image_id)['status']
    cloud.stop_daemon('api', sig=signal.SIGKILL)
    assert seen == 'importing', 'the import finished before the kill'
    cloud.start_daemon('api', 'stratus-api')
    cloud.wait_for(cloud._api_answers, 'the API to answer again')
    image = _image(rest, image_id)
    assert image['status'] == 'queued', image
    assert 'os_glance_import_task' not in image
    assert image['os_glance_failed_import'] == ''
    tasks = rest.get('%s/images/%s/tasks' % (V2, image_id)).json()['tasks']
    (task,) = tasks
    assert task['status'] == 'failure'
    assert 'stratus-api process running it stopped' in task['message']
    # Nothing stuck: the image takes a new stage and import.
    resp = rest.request('PUT', '%s/images/%s/stage' % (V2, image_id),
                        data=b'small-data', headers={
                            'Content-Type': 'application/octet-stream'})
    assert resp.status_code == 204, resp.text
    assert _import(rest, image_id).status_code == 202
    image = _wait(rest, image_id, ('active', 'queued'))
    assert image['status'] == 'active' and image['size'] == 10
    assert rest.request('DELETE', '%s/images/%s' % (V2, image_id)
                        ).status_code == 204
