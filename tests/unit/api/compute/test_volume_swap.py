"""PUT os-volume_attachments/{old} as a volume swap (nova's
_update_volume_swap + compute API swap_volume): admin only, before 2.85
or with another volumeId; the old volume must be migrating (cinder is the
caller), the new one detached and as large; the answer 202 with the new
volume's attachment reserved, the action recorded and the compute asked
to swap. Faults as nova answers them."""
import uuid

import pytest

from support import compute_api
from support import schemas

from stratus.common import rpc
from stratus.compute import server_volumes
from stratus.db.api import block_devices
from stratus.db.api import instances
from stratus.db.api import volume_attachments
from stratus.db.api import volumes as db_volumes
from stratus.db import session

SERVERS = compute_api.SERVERS
_mv = compute_api.mv


@pytest.fixture
def cloud(monkeypatch, admin):
    yield compute_api.build(monkeypatch, admin, (2, 100))
    rpc.init()


def _server(cloud, vm_state='active', token=None):
    return compute_api.boot(cloud, token, vm_state=vm_state)


def _volume(cloud, size=1, **values):
    project = cloud.get('/identity/v3/auth/tokens', headers={
        'X-Subject-Token': cloud.token}).json['token']['project']['id']
    return db_volumes.create(dict({
        'id': str(uuid.uuid4()), 'project_id': project, 'user_id': 'u',
        'size': size, 'status': 'available', 'host': None,
        'availability_zone': 'nova'}, **values))['id']


def _attached_and_migrating(cloud, sid, migrating=True):
    """A volume attached to `sid` (as the compute leaves it) that is
    migrating, and its copy (target:<id>)."""
    vid = _volume(cloud)
    resp = cloud.post(SERVERS + '/%s/os-volume_attachments' % sid,
                      {'volumeAttachment': {'volumeId': vid}},
                      headers=_mv('2.1'))
    assert resp.status_int == 200, resp.text
    bdm = block_devices.get_by_volume(sid, vid)
    volume_attachments.update(bdm['attachment_id'],
                              {'attach_status': 'attached'})
    db_volumes.update(vid, {
        'status': 'in-use', 'attach_status': 'attached',
        'migration_status': 'migrating' if migrating else None,
        'previous_status': 'in-use'})
    new = _volume(cloud, migration_status='target:%s' % vid)
    cloud.casts.sent.clear()
    return vid, new


def _put(cloud, sid, old, new, version='2.1', token=None):
    return cloud.put(SERVERS + '/%s/os-volume_attachments/%s' % (sid, old),
                     {'volumeAttachment': {'volumeId': new}},
                     headers=_mv(version, token))


@pytest.mark.parametrize('version', ['2.1', '2.84', '2.85', '2.100'])
def test_swap_of_a_migrating_volume(cloud, version):
    sid = _server(cloud)
    old, new = _attached_and_migrating(cloud, sid)
    resp = _put(cloud, sid, old, new, version)
    # tempest has this schema in its 2.1 module only (202, no body).
    schemas.check(schemas.compute('servers', '2.1').update_attached_volume,
                  resp)
    # Migrating: begin_detaching leaves the old volume as it is (cinder).
    assert db_volumes.get(old)['status'] == 'in-use'
    assert db_volumes.get(new)['status'] == 'reserved'
    with session.reader() as s:
        [attachment] = volume_attachments.for_volume(s, new)
    assert attachment['instance_uuid'] == sid
    [(method, (instance, bdm, old_id, new_id, attachment_id), _)] = \
        cloud.casts.sent
    assert (method, instance['uuid'], bdm['volume_id'], old_id, new_id,
            attachment_id) == ('swap_volume', sid, old, old, new,
                               attachment['id'])
    actions = cloud.get(SERVERS + '/%s/os-instance-actions' % sid).json
    assert actions['instanceActions'][0]['action'] == 'swap_volume'


def test_swap_of_a_volume_that_is_not_migrating(cloud, demo):
    sid = _server(cloud)
    old, new = _attached_and_migrating(cloud, sid, migrating=False)
    for version in ('2.1', '2.85'):
        message = schemas.check_fault(_put(cloud, sid, old, new, version),
                                      409, 'conflictingRequest')
        assert message == ('volume %s is not migrating; this API should '
                           'only be called by Cinder' % old)
    # Another project's server is not found before the policy is asked;
    # the owner (a member) is refused by the swap policy.
    schemas.check_fault(_put(cloud, sid, old, new, '2.1', demo['token']),
                        404, 'itemNotFound')
    own = _server(cloud, token=demo['token'])
    for version in ('2.1', '2.85'):
        schemas.check_fault(_put(cloud, own, old, new, version,
                                 demo['token']), 403, 'forbidden')
    assert cloud.casts.sent == []


def test_swap_unknown_resources(cloud):
    sid = _server(cloud)
    old, new = _attached_and_migrating(cloud, sid)
    missing = str(uuid.uuid4())
    schemas.check_fault(_put(cloud, missing, old, new), 404, 'itemNotFound')
    # The old volume is in the path (404), the new one in the body (400).
    message = schemas.check_fault(_put(cloud, sid, missing, new), 404,
                                  'itemNotFound')
    assert message == 'Volume %s could not be found.' % missing
    message = schemas.check_fault(_put(cloud, sid, old, missing), 400,
                                  'badRequest')
    assert message == 'Volume %s could not be found.' % missing


def test_swap_refusals(cloud):
    sid = _server(cloud)
    old, new = _attached_and_migrating(cloud, sid)
    small = _volume(cloud, size=1)
    db_volumes.update(old, {'size': 2})
    message = schemas.check_fault(_put(cloud, sid, old, small), 400,
                                  'badRequest')
    assert message == ('Invalid volume: New volume must be the same size '
                       'or larger.')
    db_volumes.update(old, {'size': 1})
    db_volumes.update(new, {'attach_status': 'attached'})
    message = schemas.check_fault(_put(cloud, sid, old, new), 400,
                                  'badRequest')
    assert message == ('Invalid volume: New volume must be detached in '
                       'order to swap.')
    db_volumes.update(new, {'attach_status': 'detached'})
    other = _server(cloud)
    message = schemas.check_fault(_put(cloud, other, old, new), 400,
                                  'badRequest')
    assert message == ('Invalid volume: Old volume is attached to a '
                       'different instance.')
    instances.update(sid, {'vm_state': 'stopped'})
    message = schemas.check_fault(_put(cloud, sid, old, new), 409,
                                  'conflictingRequest')
    assert message == ("Cannot 'swap_volume' instance %s while it is in "
                       "vm_state stopped" % sid)
    instances.update(sid, {'vm_state': 'active', 'task_state': 'pausing'})
    message = schemas.check_fault(_put(cloud, sid, old, new), 409,
                                  'conflictingRequest')
    assert message == ("Cannot 'swap_volume' instance %s while it is in "
                       "task_state pausing" % sid)
    assert cloud.casts.sent == []
    assert db_volumes.get(new)['status'] == 'available'
    assert db_volumes.get(old)['status'] == 'in-use'


def test_multiattach_with_two_writers_is_refused(cloud):
    sid = _server(cloud)
    old, new = _attached_and_migrating(cloud, sid)
    with session.writer() as s:
        volume_attachments.create(s, old, {
            'instance_uuid': str(uuid.uuid4()), 'attach_status': 'attached',
            'attach_mode': 'rw'})
    message = schemas.check_fault(_put(cloud, sid, old, new), 400,
                                  'badRequest')
    assert message == ('Swapping multi-attach volumes with more than one '
                       'read/write attachment is not supported.')
    assert db_volumes.get(new)['status'] == 'available'


def test_migration_completion_only_for_a_migrating_volume(cloud,
                                                          monkeypatch):
    sid = _server(cloud)
    old, new = _attached_and_migrating(cloud, sid, migrating=False)
    admin_ctxt = __import__('stratus.common.context', fromlist=['x']) \
        .get_admin_context()
    # Not migrating (a swap nova made for itself): nothing to complete.
    assert server_volumes.migration_completion(admin_ctxt, old, new,
                                               False) == new
    db_volumes.update(old, {'migration_status': 'migrating'})
    calls = []
    from stratus.volume import migrate_api
    monkeypatch.setattr(
        migrate_api.MigrateAPI, 'migrate_volume_completion',
        lambda self, ctxt, volume, new_volume, error: calls.append(
            (volume['id'], new_volume['id'], error)) or volume['id'])
    assert server_volumes.migration_completion(admin_ctxt, old, new,
                                               True) == old
    assert calls == [(old, new, True)]
