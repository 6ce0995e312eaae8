"""Polling helpers of the block-storage functional tests (REST, cached
token): until a volume or snapshot shows a status, or is gone."""
import time
import uuid

HEADERS = {'OpenStack-API-Version': 'volume 3.71'}


def name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def status(rest, path, key, wanted, timeout=30):
    """Until the `key` object at /volume/v3`path` shows `wanted` (or,
    for 'DELETED', answers 404); fails at once on an error status."""
    return _wait(rest, '/volume/v3' + path, key, wanted, timeout)


def _wait(rest, path, key, status, timeout):
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        resp = rest.get(path, headers=HEADERS)
        if status == 'DELETED' and resp.status_code == 404:
            return None
        seen = resp.json().get(key) if resp.ok else None
        if seen and seen['status'] == status:
            return seen
        if seen and not status.startswith('error') and \
                seen['status'].startswith('error'):
            raise AssertionError('%s went to %s' % (path, seen['status']))
        time.sleep(0.05)
    raise AssertionError('%s not %s: %s' % (path, status, seen))


def volume(rest, volume_id, status, timeout=30):
    return _wait(rest, '/volume/v3/volumes/%s' % volume_id, 'volume',
                 status, timeout)


def snapshot(rest, snapshot_id, status, timeout=30):
    return _wait(rest, '/volume/v3/snapshots/%s' % snapshot_id, 'snapshot',
                 status, timeout)


def create_volume(cloud, rest, *args, status='available', user='admin'):
    """`openstack volume create`; (name, id) once it shows `status`."""
    volume_name = name('v')
    created = cloud.cli_json('volume', 'create', *args, volume_name,
                             user=user)
    assert created['status'] == 'creating'
    volume(rest, created['id'], status)
    return volume_name, created['id']
