"""External events reach every compute involved with the server, as
nova's external_instance_event sends them: its host, and while a
migration is under way (nova's migration context) the migration's source
and destination too, one cast per host."""
import uuid

import pytest

from support import compute_api
from support import schemas
from support.identity import V3, token_for

from stratus.api.compute import servers as servers_api
from stratus.db.api import migration_records

EVENTS = '/compute/v2.1/os-server-external-events'


@pytest.fixture
def service(compute_v, monkeypatch):
    project = compute_v.get(V3 + '/auth/tokens', headers={
        'X-Subject-Token': compute_v.token}).json['token']['project']['id']
    role = compute_v.post(V3 + '/roles', {'role': {'name': 'service'}})
    user = compute_v.post(V3 + '/users', {'user': {
        'name': 'neutron', 'password': 'svc-secret',
        'default_project_id': project}}).json['user']
    compute_v.put(V3 + '/projects/%s/users/%s/roles/%s' % (
        project, user['id'], role.json['role']['id']))
    compute_v.token = token_for(compute_v, 'neutron', 'svc-secret', 'admin')
    compute_v.casts = compute_api.RecordingComputeRPC()
    monkeypatch.setattr(servers_api.COMPUTE, 'compute_rpc', compute_v.casts)
    return compute_v


def _server(host='h1'):
    from stratus.db import models
    from stratus.db import session
    server = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id='p', user_id='u', display_name='vm',
            flavor='{}', vcpus=1, memory_mb=64, root_gb=1,
            vm_state='active', host=host))
    return server


def _migration(server, status, source='h1', dest='h2', kind='resize'):
    migration_records.create({
        'instance_uuid': server, 'status': status, 'migration_type': kind,
        'source_compute': source, 'source_node': source,
        'dest_compute': dest, 'dest_node': dest, 'old_flavor_id': '1',
        'new_flavor_id': '2', 'project_id': 'p', 'user_id': 'u'})


def _send(service, server, name='network-changed', version='2.1'):
    resp = service.request('POST', EVENTS, {'events': [
        {'name': name, 'server_uuid': server, 'tag': 'port-1'}]},
        version=version)
    assert resp.status_int == 200, resp.text
    if name == 'network-changed':
        schemas.check(schemas.compute('server_external_events',
                                      version).create, resp)
    # tempest's schemas know the 2.1 names only: nova's keys then.
    assert set(resp.json['events'][0]) == {'name', 'server_uuid', 'tag',
                                           'status', 'code'}
    return {args[0]: ([i['uuid'] for i in args[1]],
                      [e['name'] for e in args[2]])
            for method, args, _ in service.casts.sent
            if method == 'external_instance_event'}


def test_a_server_at_rest_gets_its_event_on_its_host(service):
    server = _server()
    assert _send(service, server) == {'h1': ([server],
                                             ['network-changed'])}


@pytest.mark.parametrize('status', ['pre-migrating', 'migrating',
                                    'post-migrating', 'finished',
                                    'confirming', 'reverting'])
def test_a_resizing_server_gets_it_on_source_and_destination(service,
                                                             status):
    server = _server(host='h1')
    _migration(server, status)
    sent = _send(service, server)
    assert sent == {'h1': ([server], ['network-changed']),
                    'h2': ([server], ['network-changed'])}


def test_a_finished_resize_lives_on_the_destination(service):
    # After finish_resize the server's host is the destination already.
    server = _server(host='h2')
    _migration(server, 'finished')
    assert set(_send(service, server)) == {'h1', 'h2'}


def test_a_live_migration_under_way(service):
    server = _server(host='h1')
    _migration(server, 'running', dest='h3', kind='live-migration')
    assert set(_send(service, server)) == {'h1', 'h3'}


@pytest.mark.parametrize('status', ['confirmed', 'reverted', 'error',
                                    'completed', 'done', 'failed'])
def test_a_move_that_ended_is_ignored(service, status):
    server = _server(host='h2')
    _migration(server, status)
    assert set(_send(service, server)) == {'h2'}


def test_volume_extended_reaches_both(service):
    server = _server(host='h1')
    _migration(server, 'migrating')
    sent = _send(service, server, 'volume-extended', '2.51')
    assert sent == {'h1': ([server], ['volume-extended']),
                    'h2': ([server], ['volume-extended'])}
