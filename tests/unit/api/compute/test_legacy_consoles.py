"""The console actions of 2.1-2.5 as nova answers them with every console
disabled; from 2.6 nova has no method for them (404)."""
import uuid

import pytest

from support import schemas
from support.server_cloud import action, cloud, create, set_state  # noqa

CONSOLES = [('os-getVNCConsole', 'novnc'), ('os-getVNCConsole', 'xvpvnc'),
            ('os-getSPICEConsole', 'spice-html5'),
            ('os-getSerialConsole', 'serial')]
BAD_REQUEST = ('The server could not comply with the request since it is '
               'either malformed or otherwise incorrect.')


def _message(resp, code, kind):
    return schemas.check_fault(resp, code, kind)


@pytest.mark.parametrize('name,kind', CONSOLES)
@pytest.mark.parametrize('version', ['2.1', '2.5'])
def test_console_type_unavailable(cloud, name, kind, version):
    sid = create(cloud).json['server']['id']
    set_state(sid, 'active', host='h1')
    resp = action(cloud, sid, {name: {'type': kind}}, version=version)
    assert _message(resp, 400, 'badRequest') == \
        'Unavailable console type %s.' % kind


@pytest.mark.parametrize('name,kind', CONSOLES)
def test_no_host_is_409(cloud, name, kind):
    sid = create(cloud).json['server']['id']
    resp = action(cloud, sid, {name: {'type': kind}})
    assert _message(resp, 409, 'conflictingRequest') == \
        'Instance %s is not ready' % sid


@pytest.mark.parametrize('name,body,message', [
    ('os-getVNCConsole', {'type': 'spice-html5'},
     "Invalid input for field/attribute type. Value: spice-html5. "
     "'spice-html5' is not one of ['novnc', 'xvpvnc']"),
    ('os-getSPICEConsole', {},
     "Invalid input for field/attribute os-getSPICEConsole. Value: {}. "
     "'type' is a required property"),
    ('os-getSerialConsole', None,
     "Invalid input for field/attribute os-getSerialConsole. Value: None. "
     "None is not of type 'object'"),
])
def test_body_before_the_server(cloud, name, body, message):
    resp = action(cloud, str(uuid.uuid4()), {name: body})
    assert _message(resp, 400, 'badRequest') == message


def test_missing_server(cloud):
    sid = str(uuid.uuid4())
    resp = action(cloud, sid, {'os-getVNCConsole': {'type': 'novnc'}})
    assert _message(resp, 404, 'itemNotFound') == \
        'Instance %s could not be found.' % sid


@pytest.mark.parametrize('body', [None, {'type': 'rdp-html5'}, 'x'])
def test_rdp_is_a_bare_400(cloud, body):
    # Removed with Hyper-V: no lookup, whatever the server.
    resp = action(cloud, str(uuid.uuid4()), {'os-getRDPConsole': body})
    assert _message(resp, 400, 'badRequest') == BAD_REQUEST


@pytest.mark.parametrize('name', ['os-getVNCConsole', 'os-getSPICEConsole',
                                  'os-getSerialConsole', 'os-getRDPConsole'])
@pytest.mark.parametrize('version', ['2.6', '2.100'])
def test_gone_from_2_6(cloud, name, version):
    sid = create(cloud).json['server']['id']
    # Even a bad value: nova finds no method before reading it.
    resp = action(cloud, sid, {name: 'bad'}, version=version)
    assert _message(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'


def test_unknown_legacy_name_is_no_action(cloud):
    sid = create(cloud).json['server']['id']
    resp = action(cloud, sid, {'os-getMKSConsole': {'type': 'webmks'}},
                  version='2.8')
    assert _message(resp, 400, 'badRequest') == \
        'There is no such action: os-getMKSConsole'


def test_another_projects_server_is_404_after_the_policy(cloud, demo):
    # nova checks the policy on the caller's own project first: a member
    # passes it, then meets the lookup scoped to its project.
    sid = create(cloud).json['server']['id']
    set_state(sid, 'active', host='h1')
    member = {'X-Auth-Token': demo['token']}
    resp = action(cloud, sid, {'os-getVNCConsole': {'type': 'novnc'}},
                  headers=member)
    assert _message(resp, 404, 'itemNotFound') == \
        'Instance %s could not be found.' % sid
    resp = action(cloud, sid, {'os-getVNCConsole': {'type': 'vnc'}},
                  headers=member)
    assert _message(resp, 400, 'badRequest') == (
        "Invalid input for field/attribute type. Value: vnc. 'vnc' is not "
        "one of ['novnc', 'xvpvnc']")
