"""os-instance-actions at 2.1, mounted under a stand-in servers controller
the way the servers controller mounts it: list newest first, show with
events for admins only, server visibility."""
import datetime
import uuid

import pecan
import pytest
from pecan import rest

from stratus.api import app as app_module
from stratus.api import wsgi
from stratus.api.compute import instance_actions
from stratus.api.compute import root
from stratus.api.compute import versions
from stratus.api.middleware import auth
from stratus.api.middleware import faults
from stratus.api.middleware import microversion
from stratus.api.middleware import request_id
from stratus.common import exception
from stratus.db import models
from stratus.db import session

T0 = datetime.datetime(2026, 1, 1)


class _Servers(rest.RestController):
    @pecan.expose()
    def get_one(self, server_id):
        raise exception.InstanceNotFound(instance_id=server_id)


pecan.route(_Servers, 'os-instance-actions',
            instance_actions.InstanceActionsController())


class _Root(root.V21Root):
    servers = _Servers()


def _app():
    """The real pipeline, with _Root in place of the v2.1 root."""
    api = wsgi.make_pecan_app(_Root())
    api = microversion.MicroversionMiddleware(
        api, 'compute', versions.MIN, versions.MAX,
        legacy_header='X-OpenStack-Nova-API-Version')
    api = auth.AuthMiddleware(api, is_public=lambda req: False,
                              style='nova')
    surface = root.ComputeSurface()
    surface.v21 = faults.FaultMiddleware(api, style='nova')
    return request_id.RequestIdMiddleware(
        app_module.SurfaceRouter({'compute': surface}))


@pytest.fixture
def api(admin):
    c = type(admin)(_app())
    c.token = admin.token
    return c


def _server(project_id, deleted=False):
    server = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id=project_id, user_id='u',
            display_name='vm', flavor='{}', vcpus=1, memory_mb=1, root_gb=1,
            vm_state='active', deleted=deleted))
        for n, action in enumerate(('create', 'stop')):
            row = models.InstanceAction(
                instance_uuid=server, action=action,
                request_id='req-%s-%d' % (server[:8], n), user_id='u',
                project_id=project_id,
                start_time=T0 + datetime.timedelta(minutes=n))
            s.add(row)
            s.flush()
            s.add(models.InstanceActionEvent(
                action_id=row.id, event='compute_%s' % action,
                start_time=T0, finish_time=T0 + datetime.timedelta(
                    seconds=1), result='Success', traceback=None))
    return server


def _url(server, request_id=''):
    return '/compute/v2.1/servers/%s/os-instance-actions%s' % (
        server, '/' + request_id if request_id else '')


def test_list_newest_first(api, demo):
    server = _server(demo['project_id'])
    body = api.get(_url(server)).json['instanceActions']
    assert [a['action'] for a in body] == ['stop', 'create']
    assert body[1] == {
        'action': 'create', 'instance_uuid': server,
        'request_id': 'req-%s-0' % server[:8], 'user_id': 'u',
        'project_id': demo['project_id'],
        'start_time': '2026-01-01T00:00:00.000000', 'message': None}


def test_show_gives_admins_the_events(api, demo):
    server = _server(demo['project_id'])
    body = api.get(_url(server, 'req-%s-1' % server[:8])).json
    action = body['instanceAction']
    assert action['action'] == 'stop'
    assert action['events'] == [{
        'event': 'compute_stop', 'start_time': '2026-01-01T00:00:00.000000',
        'finish_time': '2026-01-01T00:00:01.000000', 'result': 'Success',
        'traceback': None}]


def test_members_see_their_servers_actions_without_events(api, demo):
    as_demo = {'X-Auth-Token': demo['token']}
    server = _server(demo['project_id'])
    assert len(api.get(_url(server), headers=as_demo).json[
        'instanceActions']) == 2
    action = api.get(_url(server, 'req-%s-0' % server[:8]),
                     headers=as_demo).json['instanceAction']
    assert 'events' not in action and action['action'] == 'create'


def test_other_projects_servers_are_not_found(api, demo):
    server = _server('someone-else')
    as_demo = {'X-Auth-Token': demo['token']}
    for url in (_url(server), _url(server, 'req-%s-0' % server[:8])):
        resp = api.get(url, headers=as_demo)
        assert resp.status_int == 404
        assert resp.json['itemNotFound']['message'] == \
            'Instance %s could not be found.' % server


def test_missing_server_and_action(api, demo):
    ghost = str(uuid.uuid4())
    assert api.get(_url(ghost)).status_int == 404
    server = _server(demo['project_id'])
    resp = api.get(_url(server, 'req-nope'))
    assert resp.status_int == 404
    assert resp.json['itemNotFound']['message'] == 'Action req-nope not found'


def test_deleted_servers_need_221(api, demo):
    # At 2.1 a deleted server's actions are gone with it (2.21 shows them).
    server = _server(demo['project_id'], deleted=True)
    assert api.get(_url(server)).status_int == 404
