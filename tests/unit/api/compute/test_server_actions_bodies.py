"""Server action values as nova takes them: open schemas accept any
value (`{}` as several SDKs send, null, anything), a missing server is
404 then; the actions with a body schema check it first (400 before the
lookup), per microversion (lock 2.73, unshelve 2.77/2.91, migrate 2.56).
"""
import uuid

import pytest

from support import schemas
from support.server_cloud import action, cloud, create, set_state  # noqa

from stratus.db.api import migration_records

# action -> (state the server is put in, status nova answers)
OPEN = {
    'pause': ('active', 202), 'unpause': ('paused', 202),
    'suspend': ('active', 202), 'resume': ('suspended', 202),
    'os-stop': ('active', 202), 'os-start': ('stopped', 202),
    'lock': ('active', 202), 'unlock': ('active', 202),
    'shelve': ('active', 202), 'shelveOffload': ('shelved', 202),
    'unshelve': ('shelved_offloaded', 202),
    'restore': ('soft-delete', 202), 'forceDelete': ('active', 202),
    'unrescue': ('rescued', 202), 'confirmResize': ('resized', 204),
    'revertResize': ('resized', 202), 'migrate': ('active', 202),
}


def _schema(name, version='2.1'):
    # tempest checks every bodiless action with its 2.1 schema.
    module = schemas.compute('servers', '2.1')
    if name == 'confirmResize':
        return module.server_actions_confirm_resize
    return module.server_actions_common_schema


def _server(cloud, vm_state):
    sid = create(cloud).json['server']['id']
    set_state(sid, vm_state, host='h1')
    if vm_state == 'resized':
        migration_records.create({
            'instance_uuid': sid, 'status': 'finished',
            'migration_type': 'resize', 'source_compute': 'h1',
            'source_node': 'h1', 'old_flavor_id': '1',
            'new_flavor_id': '2', 'project_id': 'p', 'user_id': 'u'})
    return sid


@pytest.mark.parametrize('name', sorted(OPEN))
@pytest.mark.parametrize('value', [{}, None, {'anything': [1]}, 'x'])
def test_open_values_are_accepted(cloud, name, value):
    vm_state, status = OPEN[name]
    sid = _server(cloud, vm_state)
    resp = action(cloud, sid, {name: value})
    assert resp.status_int == status, resp.text
    schemas.check(_schema(name), resp)


@pytest.mark.parametrize('name', sorted(OPEN))
def test_missing_server_is_404_with_an_empty_object(cloud, name):
    resp = action(cloud, str(uuid.uuid4()), {name: {}})
    schemas.check_fault(resp, 404, 'itemNotFound')


@pytest.mark.parametrize('version', ['2.73', '2.90'])
def test_lock_reason_schema_from_273(cloud, version):
    sid = _server(cloud, 'active')
    assert action(cloud, sid, {'lock': {}}, version).status_int == 202
    resp = action(cloud, sid, {'lock': {'locked_reason': 'why'}}, version)
    schemas.check(_schema('lock', version), resp)
    shown = cloud.get('/compute/v2.1/servers/' + sid,
                      headers={'OpenStack-API-Version': 'compute 2.73'})
    assert shown.json['server']['locked_reason'] == 'why'
    for bad in ({'locked_reason': ''}, {'other': 1}, 'x'):
        # Checked before the lookup: a missing server is 400 too.
        for target in (sid, str(uuid.uuid4())):
            resp = action(cloud, target, {'lock': bad}, version)
            schemas.check_fault(resp, 400, 'badRequest')


def test_lock_reason_is_ignored_before_273(cloud):
    sid = _server(cloud, 'active')
    resp = action(cloud, sid, {'lock': {'locked_reason': ''}}, '2.72')
    assert resp.status_int == 202


@pytest.mark.parametrize('version,value,status', [
    ('2.76', {'availability_zone': 'nova', 'x': 1}, 202),   # open
    ('2.77', {}, 400),                # nova requires the zone then
    ('2.77', None, 202),
    ('2.77', {'host': 'h1'}, 400),
    ('2.90', {'availability_zone': ''}, 400),
    ('2.91', {}, 202),
    ('2.91', {'availability_zone': None}, 202),
    ('2.91', {'other': 1}, 400),
])
def test_unshelve_bodies(cloud, version, value, status):
    sid = _server(cloud, 'shelved_offloaded')
    resp = action(cloud, sid, {'unshelve': value}, version)
    if status == 400:
        schemas.check_fault(resp, 400, 'badRequest')
        resp = action(cloud, str(uuid.uuid4()), {'unshelve': value},
                      version)
        schemas.check_fault(resp, 400, 'badRequest')
    else:
        schemas.check(_schema('unshelve', version), resp)


def test_migrate_host_from_256(cloud, demo):
    sid = _server(cloud, 'active')
    resp = action(cloud, sid, {'migrate': {'host': 'bad host!'}}, '2.56')
    schemas.check_fault(resp, 400, 'badRequest')
    resp = action(cloud, sid, {'migrate': {'host': 'bad host!'}}, '2.55')
    assert resp.status_int == 202                 # not read before 2.56
    # The server is looked up before the (admin) policy: 404, not 403.
    member = {'X-Auth-Token': demo['token']}
    resp = action(cloud, str(uuid.uuid4()), {'migrate': None},
                  headers=member)
    schemas.check_fault(resp, 404, 'itemNotFound')
    mine = create(cloud, headers=member).json['server']['id']
    set_state(mine, 'active', host='h1')
    resp = action(cloud, mine, {'migrate': {}}, headers=member)
    schemas.check_fault(resp, 403, 'forbidden')


def test_force_delete_any_state_and_restore_needs_soft_delete(cloud):
    sid = _server(cloud, 'active')
    resp = action(cloud, sid, {'restore': {}})
    msg = schemas.check_fault(resp, 409, 'conflictingRequest')
    assert msg == ("Cannot 'restore' instance %s while it is in vm_state "
                   "active" % sid)
    schemas.check(_schema('forceDelete'), action(cloud, sid,
                                                  {'forceDelete': {}}))
    assert cloud.get('/compute/v2.1/servers/' + sid).status_int == 404


def test_unshelve_zone_or_host_only_when_offloaded(cloud, demo):
    sid = _server(cloud, 'shelved')
    for version, value in (('2.77', {'availability_zone': 'nova'}),
                           ('2.91', {'availability_zone': None}),
                           ('2.91', {'host': 'h1'})):
        resp = action(cloud, sid, {'unshelve': value}, version)
        assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
            'Specifying an availability zone or a host when unshelving '
            'server "%s" with status "shelved" is not supported. The '
            'server status must be SHELVED_OFFLOADED.' % sid)
    offloaded = _server(cloud, 'shelved_offloaded')
    resp = action(cloud, offloaded, {'unshelve': {
        'availability_zone': 'nowhere'}}, '2.77')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'The requested availability zone is not available'
    member = {'X-Auth-Token': demo['token']}
    mine = create(cloud, headers=member).json['server']['id']
    set_state(mine, 'shelved_offloaded')
    resp = action(cloud, mine, {'unshelve': {'host': 'h1'}}, '2.91',
                  headers=member)
    schemas.check_fault(resp, 403, 'forbidden')
    set_state(mine, 'active')          # the state is checked first
    resp = action(cloud, mine, {'unshelve': {'host': 'h1'}}, '2.91',
                  headers=member)
    schemas.check_fault(resp, 409, 'conflictingRequest')
