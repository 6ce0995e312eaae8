"""POST /servers/{id}/action checks in nova's order: the body's action key
(400 malformed / no such action), the value against the action's schema
(400), the server (404, another project's included), then the action's
own policy (403) naming nova's rule."""
import uuid

import pytest

from support import schemas
from support.server_cloud import action, cloud, create  # noqa: F401

REBOOT_ENUM = "['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']"


@pytest.fixture
def users(cloud, demo):
    """Tokens of the demo member and of a reader of project demo, and a
    server of each project."""
    from support.identity import token_for
    role = cloud.get('/identity/v3/roles?name=reader').json['roles']
    if not role:
        pytest.skip('no reader role bootstrapped')
    user = cloud.post('/identity/v3/users', {'user': {
        'name': 'r', 'password': 'pw-r',
        'default_project_id': demo['project_id']}}).json['user']
    cloud.put('/identity/v3/projects/%s/users/%s/roles/%s' % (
        demo['project_id'], user['id'], role[0]['id']))
    member = {'X-Auth-Token': demo['token']}
    reader = {'X-Auth-Token': token_for(cloud, 'r', 'pw-r', 'demo')}
    mine = create(cloud, headers=member)
    assert mine.status_int == 202, mine.text
    theirs = create(cloud).json['server']['id']
    return {'member': member, 'reader': reader,
            'demo_server': mine.json['server']['id'],
            'admin_server': theirs}


def _fault(resp, code, kind, message):
    schemas.check_fault(resp, code, kind)
    assert resp.json[kind]['message'] == message


# (body with a bad value, nova's message)
BAD = [
    ({'reboot': {'type': 'bad'}},
     "Invalid input for field/attribute type. Value: bad. 'bad' is not "
     "one of " + REBOOT_ENUM),
    ({'reboot': None},
     "Invalid input for field/attribute reboot. Value: None. None is not "
     "of type 'object'"),
    ({'resize': {}},
     "Invalid input for field/attribute resize. Value: {}. 'flavorRef' is "
     "a required property"),
    ({'createBackup': {'name': 'b', 'backup_type': 'daily'}},
     "Invalid input for field/attribute createBackup. Value: {'name': 'b', "
     "'backup_type': 'daily'}. 'rotation' is a required property"),
    ({'os-resetState': {'state': 'paused'}},
     "Invalid input for field/attribute state. Value: paused. 'paused' is "
     "not one of ['active', 'error']"),
    ({'rescue': {'foo': 1}},
     "Invalid input for field/attribute rescue. Value: {'foo': 1}. "
     "Additional properties are not allowed ('foo' was unexpected)"),
    ({'os-getConsoleOutput': None},
     "Invalid input for field/attribute os-getConsoleOutput. Value: None. "
     "None is not of type 'object'"),
    ({'createImage': {'name': ''}},
     "Invalid input for field/attribute name. Value: . '' should be non-empty"),
]


@pytest.mark.parametrize('body,message', BAD)
def test_bad_body_of_a_member_on_another_projects_server_is_400(
        users, body, message):
    resp = action(users_client(users), users['admin_server'], body,
                  headers=users['member'])
    _fault(resp, 400, 'badRequest', message)


@pytest.mark.parametrize('body,message', BAD)
def test_bad_body_of_a_reader_is_400_before_the_policy(users, body,
                                                       message):
    resp = action(users_client(users), users['demo_server'], body,
                  headers=users['reader'])
    _fault(resp, 400, 'badRequest', message)


@pytest.mark.parametrize('body', [{'pause': None}, {'os-stop': {}},
                                  {'reboot': {'type': 'HARD'}},
                                  {'os-resetState': {'state': 'error'}}])
def test_valid_body_on_another_projects_server_is_404(users, body):
    sid = users['admin_server']
    resp = action(users_client(users), sid, body, headers=users['member'])
    _fault(resp, 404, 'itemNotFound',
           'Instance %s could not be found.' % sid)


def test_a_reader_on_a_missing_server_is_404_before_the_policy(users):
    sid = str(uuid.uuid4())
    resp = action(users_client(users), sid, {'pause': None},
                  headers=users['reader'])
    _fault(resp, 404, 'itemNotFound',
           'Instance %s could not be found.' % sid)


@pytest.mark.parametrize('body,rule', [
    ({'pause': None}, 'os_compute_api:os-pause-server:pause'),
    ({'os-start': None}, 'os_compute_api:servers:start'),
    ({'reboot': {'type': 'SOFT'}}, 'os_compute_api:servers:reboot'),
    ({'lock': None}, 'os_compute_api:os-lock-server:lock'),
    ({'createBackup': {'name': 'b', 'backup_type': 'daily',
                       'rotation': 1}}, 'os_compute_api:os-create-backup'),
    ({'os-getConsoleOutput': {}}, 'os_compute_api:os-console-output'),
])
def test_a_reader_meets_the_actions_own_policy(users, body, rule):
    resp = action(users_client(users), users['demo_server'], body,
                  headers=users['reader'])
    _fault(resp, 403, 'forbidden',
           "Policy doesn't allow %s to be performed." % rule)


@pytest.mark.parametrize('body,rule', [
    ({'os-resetState': {'state': 'error'}},
     'os_compute_api:os-admin-actions:reset_state'),
    ({'injectNetworkInfo': None},
     'os_compute_api:os-admin-actions:inject_network_info'),
    ({'shelveOffload': None}, 'os_compute_api:os-shelve:shelve_offload'),
])
def test_admin_actions_refuse_a_member_of_the_server(users, body, rule):
    resp = action(users_client(users), users['demo_server'], body,
                  headers=users['member'])
    _fault(resp, 403, 'forbidden',
           "Policy doesn't allow %s to be performed." % rule)


@pytest.mark.parametrize('raw,code,kind,message', [
    (b'{"foo": null}', 400, 'badRequest', 'There is no such action: foo'),
    (b'{"pause": null, "unpause": null}', 400, 'badRequest',
     'Malformed request body'),
    (b'{}', 400, 'badRequest', 'Malformed request body'),
    (b'{bad json', 400, 'badRequest', 'Malformed request body'),
    (b'["pause"]', 404, 'itemNotFound', 'The resource could not be found.'),
    (b'null', 404, 'itemNotFound', 'The resource could not be found.'),
])
def test_the_action_key_is_read_first(users, raw, code, kind, message):
    # Even a reader on another project's server meets these first.
    resp = users_client(users).request(
        'POST', '/compute/v2.1/servers/%s/action' % users['admin_server'],
        raw=raw, headers=users['reader'])
    _fault(resp, code, kind, message)


def users_client(users):
    return users['client']


@pytest.fixture(autouse=True)
def _client(request):
    if 'users' in request.fixturenames:
        users = request.getfixturevalue('users')
        users['client'] = request.getfixturevalue('cloud')


def test_every_action_checks_in_novas_order():
    """No handler falls back to the generic member check before its body
    (new actions must declare their own order)."""
    from stratus.api.compute import server_actions
    assert [name for name, handler in server_actions.HANDLERS.items()
            if not getattr(handler, 'checks_own_policy', False)] == []
