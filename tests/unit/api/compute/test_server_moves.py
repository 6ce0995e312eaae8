"""os-migrateLive and /servers/{id}/migrations as nova 34 answers them:
bodies per microversion, the order of 404/403/400/409, the state checks,
the conductor asked synchronously before 2.34 (its pre-check errors are
400s) and by cast from 2.34; the per-server migrations list, show, force
complete and abort with nova's messages. The conductor is a recorder
here (tests/unit/compute/test_live_migrate_flow.py runs the computes)."""
import uuid

import pytest

from support import schemas
from support.server_cloud import SERVERS, action, cloud, create, mv  # noqa
from support.server_cloud import set_state

from stratus.api.compute import servers as servers_api
from stratus.common import exception
from stratus.db.api import compute_nodes
from stratus.db.api import instances
from stratus.db.api import migration_records

_MIGRATION_KEYS = {'created_at', 'dest_compute', 'dest_host', 'dest_node',
                   'disk_processed_bytes', 'disk_remaining_bytes',
                   'disk_total_bytes', 'id', 'memory_processed_bytes',
                   'memory_remaining_bytes', 'memory_total_bytes',
                   'server_uuid', 'source_compute', 'source_node', 'status',
                   'updated_at'}


class Recorder:
    """Stands in for the conductor or compute RPC client."""

    def __init__(self):
        self.sent = []
        self.raises = None

    def __getattr__(self, method):
        def record(ctxt, *args, **kwargs):
            self.sent.append((method, args, kwargs))
            if self.raises is not None:
                raise self.raises
        return record


@pytest.fixture
def moves(cloud, monkeypatch):
    cloud.conductor = Recorder()
    cloud.computes = Recorder()
    monkeypatch.setattr(servers_api.COMPUTE, 'conductor', cloud.conductor)
    monkeypatch.setattr(servers_api.COMPUTE, 'compute_rpc', cloud.computes)
    for host in ('compute1', 'compute2'):
        compute_nodes.update({
            'hypervisor_hostname': host, 'host': host,
            'hypervisor_type': 'fake', 'hypervisor_version': 1000,
            'vcpus': 8, 'memory_mb': 8192, 'local_gb': 100})
    return cloud


def _server(client, vm_state='active', task_state=None, headers=None):
    resp = create(client, headers=headers)
    assert resp.status_int == 202, resp.text
    sid = resp.json['server']['id']
    set_state(sid, vm_state, task_state, host='compute1', node='compute1',
              power_state=1)
    client.conductor.sent.clear()       # the build
    return sid


def _live(client, sid, version='2.1', headers=None, **body):
    if version == '2.1' or tuple(map(int, version.split('.'))) < (2, 25):
        values = dict(block_migration=False, disk_over_commit=False,
                      host=None)
    else:
        values = dict(block_migration='auto', host=None)
    values.update(body)
    return action(client, sid, {'os-migrateLive': values}, version,
                  headers)


def _actions(client, sid):
    return [a['action'] for a in client.get(
        SERVERS + '/%s/os-instance-actions' % sid).json['instanceActions']]


# --- os-migrateLive ----------------------------------------------------------
def test_live_migrate_21_waits_for_the_conductor(moves):
    sid = _server(moves)
    resp = _live(moves, sid)
    schemas.check(schemas.compute('servers', '2.1')
                  .server_actions_common_schema, resp)
    assert resp.status_int == 202 and not resp.body
    [(method, (uuid_, request), kwargs)] = moves.conductor.sent
    assert (method, uuid_, kwargs) == ('live_migrate_instance', sid,
                                       {'wait': True})
    assert request == {'host': None, 'requested_host': None,
                       'block_migration': False}
    assert instances.get(sid)['task_state'] == 'migrating'
    assert _actions(moves, sid)[0] == 'live-migration'
    server = moves.get(SERVERS + '/' + sid).json['server']
    assert server['status'] == 'MIGRATING'


def test_live_migrate_of_a_paused_server_with_a_host(moves):
    sid = _server(moves, vm_state='paused')
    resp = _live(moves, sid, '2.1', host='compute2', block_migration='yes')
    assert resp.status_int == 202
    request = moves.conductor.sent[0][1][1]
    # Before 2.30 a named host is forced (no scheduler), as in nova.
    assert request == {'host': 'compute2', 'requested_host': None,
                       'block_migration': True}


def test_from_234_the_conductor_is_cast(moves):
    sid = _server(moves)
    assert _live(moves, sid, '2.34').status_int == 202
    assert moves.conductor.sent[0][2] == {'wait': False}
    assert moves.conductor.sent[0][1][1]['block_migration'] is None


@pytest.mark.parametrize('version,body,field', [
    ('2.1', {'disk_over_commit': 'maybe'}, 'disk_over_commit'),
    ('2.1', {'block_migration': 'auto'}, 'block_migration'),
    ('2.25', {'disk_over_commit': False}, 'os-migrateLive'),
    ('2.29', {'force': True, 'host': 'compute2'}, 'os-migrateLive'),
    ('2.68', {'force': False, 'host': 'compute2'}, 'os-migrateLive'),
    ('2.30', {'host': ''}, 'host'),
    ('2.30', {'host': 'a/b'}, 'host'),
])
def test_bodies_nova_refuses(moves, version, body, field):
    sid = _server(moves)
    message = schemas.check_fault(_live(moves, sid, version, **body), 400,
                                  'badRequest')
    assert message.startswith('Invalid input for field/attribute %s.'
                              % field), message
    assert not moves.conductor.sent


def test_missing_keys_are_400(moves):
    sid = _server(moves)
    resp = action(moves, sid, {'os-migrateLive': {'host': None}}, '2.25')
    assert "'block_migration' is a required property" in \
        schemas.check_fault(resp, 400, 'badRequest')


def test_force_needs_a_host(moves):
    sid = _server(moves)
    message = schemas.check_fault(_live(moves, sid, '2.30', force=True),
                                  400, 'badRequest')
    assert message == "Can't force to a non-provided destination"


def test_force_false_sends_the_host_through_the_scheduler(moves):
    sid = _server(moves)
    assert _live(moves, sid, '2.30', host='compute2',
                 force=False).status_int == 202
    request = moves.conductor.sent[0][1][1]
    assert (request['host'], request['requested_host']) == (None,
                                                            'compute2')
    # 2.68 drops force, whose default (false) stays: the scheduler still.
    sid2 = _server(moves)
    assert _live(moves, sid2, '2.68', host='compute2').status_int == 202
    assert (moves.conductor.sent[0][1][1]['host'],
            moves.conductor.sent[0][1][1]['requested_host']) == (
        None, 'compute2')


def test_unknown_host_is_400_and_changes_nothing(moves):
    sid = _server(moves)
    message = schemas.check_fault(_live(moves, sid, host='nohost'), 400,
                                  'badRequest')
    assert message == 'Compute host nohost could not be found.'
    assert instances.get(sid)['task_state'] is None
    assert not moves.conductor.sent


@pytest.mark.parametrize('vm_state,task_state,attr', [
    ('stopped', None, 'vm_state'), ('suspended', None, 'vm_state'),
    ('active', 'rebooting', 'task_state'),
    ('active', 'migrating', 'task_state')])
def test_states_nova_refuses(moves, vm_state, task_state, attr):
    sid = _server(moves, vm_state, task_state)
    message = schemas.check_fault(_live(moves, sid), 409,
                                  'conflictingRequest')
    state = vm_state if attr == 'vm_state' else task_state
    assert message == ("Cannot 'os-migrateLive' instance %s while it is in "
                       "%s %s" % (sid, attr, state))


def test_a_lock_does_not_stop_an_admin(moves, demo):
    # nova's check_instance_lock lets admins through, and only admins may
    # live migrate by default.
    headers = {'X-Auth-Token': demo['token']}
    sid = _server(moves, headers=headers)
    assert action(moves, sid, {'lock': None}, headers=headers
                  ).status_int == 202
    assert _live(moves, sid).status_int == 202


def test_member_is_403_and_other_projects_404(moves, demo):
    headers = {'X-Auth-Token': demo['token']}
    sid = _server(moves, headers=headers)
    message = schemas.check_fault(_live(moves, sid, headers=headers), 403,
                                  'forbidden')
    assert 'os_compute_api:os-migrate-server:migrate_live' in message
    mine = _server(moves)
    schemas.check_fault(_live(moves, mine, headers=headers), 404,
                        'itemNotFound')
    schemas.check_fault(_live(moves, str(uuid.uuid4())), 404,
                        'itemNotFound')


@pytest.mark.parametrize('exc', [
    exception.UnableToMigrateToSelf(instance_id='x', host='compute1'),
    exception.ComputeServiceUnavailable(host='compute2'),
    exception.MigrationPreCheckError(reason='no room'),
    exception.NoValidHost(reason='none fits')])
def test_before_234_pre_check_errors_are_400(moves, exc):
    sid = _server(moves)
    moves.conductor.raises = exc
    message = schemas.check_fault(_live(moves, sid, '2.33'), 400,
                                  'badRequest')
    assert message == exc.message


# --- /servers/{id}/migrations ------------------------------------------------
def _migration(sid, status='running', migration_type='live-migration'):
    return migration_records.create({
        'instance_uuid': sid, 'status': status,
        'migration_type': migration_type, 'source_compute': 'compute1',
        'source_node': 'compute1', 'dest_compute': 'compute2',
        'dest_node': 'compute2', 'old_flavor_id': '1', 'new_flavor_id': '1',
        'project_id': 'p', 'user_id': 'u'})


def _touch(migration):
    # Each status change stamps updated_at, as the computes' updates do.
    return migration_records.update(migration['uuid'],
                                    {'status': migration['status']})


@pytest.mark.parametrize('version', ['2.23', '2.59', '2.80', '2.100'])
def test_list_shows_live_migrations_in_progress(moves, version):
    sid = _server(moves, task_state='migrating')
    running = _touch(_migration(sid))
    migration_records.update(running['uuid'], {
        'memory_total': 1024, 'memory_processed': 512,
        'memory_remaining': 512})
    _touch(_migration(sid, status='completed'))
    _touch(_migration(sid, status='finished', migration_type='migration'))
    resp = moves.get(SERVERS + '/%s/migrations' % sid, headers=mv(version))
    schemas.check(schemas.compute('servers', version).list_live_migrations,
                  resp)
    [row] = resp.json['migrations']
    keys = set(_MIGRATION_KEYS)
    number = tuple(map(int, version.split('.')))
    if number >= (2, 59):
        keys.add('uuid')
    if number >= (2, 80):
        keys |= {'user_id', 'project_id'}
    assert set(row) == keys
    assert (row['id'], row['server_uuid'], row['status'],
            row['source_compute'], row['dest_node']) == (
        running['id'], sid, 'running', 'compute1', 'compute2')
    assert (row['memory_total_bytes'], row['memory_processed_bytes'],
            row['disk_total_bytes']) == (1024, 512, None)
    show = moves.get(SERVERS + '/%s/migrations/%s' % (sid, running['id']),
                     headers=mv(version))
    assert show.status_int == 200 and show.json['migration'] == row


def test_routes_below_their_versions_are_404(moves):
    sid = _server(moves, task_state='migrating')
    m = _migration(sid)
    for method, path, body, version in (
            ('get', '', None, '2.22'), ('get', '/%s' % m['id'], None, '2.22'),
            ('post', '/%s/action' % m['id'], {'force_complete': None},
             '2.21'),
            ('delete', '/%s' % m['id'], None, '2.23')):
        args = (SERVERS + '/%s/migrations%s' % (sid, path),)
        if body is not None:
            args += (body,)
        resp = getattr(moves, method)(*args, headers=mv(version))
        schemas.check_fault(resp, 404, 'itemNotFound')


def test_show_messages(moves):
    sid = _server(moves, task_state='migrating')
    done = _migration(sid, status='completed')
    cold = _migration(sid, migration_type='migration')
    for mid, text in (
            ('999', 'In-progress live migration 999 is not found for '
                    'server %s.'),
            (done['id'], 'Live migration %s for server %%s is not in '
                         'progress.' % done['id']),
            (cold['id'], 'Migration %s for server %%s is not '
                         'live-migration.' % cold['id'])):
        resp = moves.get(SERVERS + '/%s/migrations/%s' % (sid, mid),
                         headers=mv('2.23'))
        assert schemas.check_fault(resp, 404, 'itemNotFound') == text % sid


def test_list_of_another_projects_server_and_policy(moves, demo):
    headers = dict(mv('2.23'), **{'X-Auth-Token': demo['token']})
    sid = _server(moves, headers={'X-Auth-Token': demo['token']})
    resp = moves.get(SERVERS + '/%s/migrations' % sid, headers=headers)
    schemas.check_fault(resp, 403, 'forbidden')
    mine = _server(moves)
    resp = moves.get(SERVERS + '/%s/migrations' % mine, headers=headers)
    schemas.check_fault(resp, 404, 'itemNotFound')


def _force(client, sid, mid, version='2.22', body=None):
    return client.post(SERVERS + '/%s/migrations/%s/action' % (sid, mid),
                       body if body is not None else
                       {'force_complete': None}, headers=mv(version))


def test_force_complete_of_a_running_migration(moves):
    sid = _server(moves, task_state='migrating')
    m = _migration(sid)
    resp = _force(moves, sid, m['id'])
    # tempest's 2.1 module has the schema (202, no body).
    schemas.check(schemas.compute('servers', '2.1')
                  .server_actions_common_schema, resp)
    [(method, (host, instance, migration_uuid), _)] = moves.computes.sent
    assert (method, host, instance['uuid'], migration_uuid) == (
        'live_migration_force_complete', 'compute1', sid, m['uuid'])
    assert _actions(moves, sid)[0] == 'live_migration_force_complete'


def test_force_complete_refusals(moves):
    sid = _server(moves, task_state='migrating')
    queued = _migration(sid, status='queued')
    message = schemas.check_fault(_force(moves, sid, queued['id']), 400,
                                  'badRequest')
    assert message == ('Migration %s state of instance %s is queued. '
                       'Cannot force complete while the migration is in '
                       'this state.' % (queued['id'], sid))
    message = schemas.check_fault(_force(moves, sid, '4242'), 400,
                                  'badRequest')
    assert message == 'Migration 4242 not found for instance %s' % sid
    # nova's schema: the value must be null.
    schemas.check_fault(_force(moves, sid, queued['id'],
                               body={'force_complete': 'null'}), 400,
                        'badRequest')
    message = schemas.check_fault(_force(moves, sid, queued['id'],
                                         body={'other': None}), 400,
                                  'badRequest')
    assert message == 'There is no such action: other'
    idle = _server(moves)
    message = schemas.check_fault(_force(moves, idle, queued['id']), 409,
                                  'conflictingRequest')
    assert message == ("Cannot 'force_complete' instance %s while it is in "
                       "task_state None" % idle)
    assert not moves.computes.sent


def _abort(client, sid, mid, version='2.24'):
    return client.delete(SERVERS + '/%s/migrations/%s' % (sid, mid),
                         headers=mv(version))


def test_abort_running_then_queued_from_265(moves):
    sid = _server(moves, task_state='migrating')
    running = _migration(sid)
    resp = _abort(moves, sid, running['id'])
    assert resp.status_int == 202 and not resp.body
    assert moves.computes.sent[0][0] == 'live_migration_abort'
    assert _actions(moves, sid)[0] == 'live_migration_cancel'
    queued = _migration(sid, status='preparing')
    message = schemas.check_fault(_abort(moves, sid, queued['id']), 400,
                                  'badRequest')
    assert message == ('Migration %s state of instance %s is preparing. '
                       'Cannot abort live migration while the migration '
                       'is in this state.' % (queued['id'], sid))
    assert _abort(moves, sid, queued['id'], '2.65').status_int == 202


def test_abort_refusals(moves):
    sid = _server(moves, task_state='migrating')
    message = schemas.check_fault(_abort(moves, sid, '77'), 404,
                                  'itemNotFound')
    assert message == 'Migration 77 not found for instance %s' % sid
    idle = _server(moves)
    m = _migration(idle)
    message = schemas.check_fault(_abort(moves, idle, m['id']), 409,
                                  'conflictingRequest')
    assert message == ("Cannot 'abort live migration' instance %s while it "
                       "is in task_state None" % idle)


def _manager_token(client, demo):
    """The demo user made a manager of its project (nova's
    PROJECT_MANAGER_OR_ADMIN rules)."""
    from support.identity import DEMO_PASSWORD, V3, token_for
    role = client.get(V3 + '/roles?name=manager').json['roles'][0]
    assert client.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], demo['user_id'], role['id'])).status_int == 204
    return token_for(client, 'demo', DEMO_PASSWORD, 'demo')


def test_a_project_manager_live_migrates_but_names_no_host(moves, demo):
    headers = {'X-Auth-Token': _manager_token(moves, demo)}
    sid = _server(moves, headers=headers)
    message = schemas.check_fault(
        _live(moves, sid, headers=headers, host='compute2'), 403,
        'forbidden')
    assert 'os_compute_api:os-migrate-server:migrate_live:host' in message
    assert _live(moves, sid, headers=headers).status_int == 202
    m = _migration(sid)
    resp = moves.get(SERVERS + '/%s/migrations' % sid,
                     headers=dict(mv('2.80'), **headers))
    # index:host is admin only: the host fields are null for a manager.
    [row] = resp.json['migrations']
    assert (row['id'], row['source_compute'], row['dest_node']) == (
        m['id'], None, None)
    resp = moves.get(SERVERS + '/%s/migrations/%s' % (sid, m['id']),
                     headers=dict(mv('2.80'), **headers))
    schemas.check_fault(resp, 403, 'forbidden')
    resp = moves.delete(SERVERS + '/%s/migrations/%s' % (sid, m['id']),
                        headers=dict(mv('2.24'), **headers))
    assert resp.status_int == 202


def test_a_project_manager_cold_migrates_but_names_no_host(moves, demo):
    """nova 34: migrate is PROJECT_MANAGER_OR_ADMIN, migrate:host admin."""
    headers = {'X-Auth-Token': _manager_token(moves, demo)}
    sid = _server(moves, headers=headers)
    url = SERVERS + '/%s/action' % sid
    resp = moves.post(url, {'migrate': {'host': 'compute2'}},
                      headers=dict(mv('2.56'), **headers))
    assert 'os_compute_api:os-migrate-server:migrate:host' in \
        schemas.check_fault(resp, 403, 'forbidden')
    resp = moves.post(url, {'migrate': None},
                      headers=dict(mv('2.56'), **headers))
    assert resp.status_int == 202, resp.text
