"""nova's @check_instance_state table (nova/compute/api.py), walked
through the API: every operation in every vm_state it refuses answers 409
"Cannot '<action>' instance <uuid> while it is in vm_state <state>", a
task_state it refuses likewise, a server never launched "launched_at
None"; the states it allows pass the state check.

The table is written out here from nova, not read from stratus."""
import uuid

import pytest

from support import schemas
from support.server_cloud import SERVERS, cloud, create, mv  # noqa: F401
from support.server_cloud import set_state

ACTIVE, BUILDING, PAUSED, SUSPENDED = ('active', 'building', 'paused',
                                       'suspended')
STOPPED, RESCUED, RESIZED, SOFT_DELETED = ('stopped', 'rescued', 'resized',
                                           'soft-delete')
ERROR, SHELVED, OFFLOADED = 'error', 'shelved', 'shelved_offloaded'
VM_STATES = (ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED, RESCUED, RESIZED,
             SOFT_DELETED, ERROR, SHELVED, OFFLOADED)
ANY = None
ALLOW_REBOOT = (None, 'rebooting', 'reboot_pending', 'reboot_started',
                'resuming', 'rebooting_hard', 'unpausing', 'pausing',
                'suspending')
_VOLUME = (ACTIVE, PAUSED, STOPPED, RESIZED, SOFT_DELETED, SHELVED,
           OFFLOADED)
_METADATA = (ACTIVE, PAUSED, SUSPENDED, STOPPED)


def _act(body):
    return lambda c, sid: c.post(SERVERS + '/%s/action' % sid, body(c),
                                 headers=mv('2.20'))


_VOL = str(uuid.uuid4())
# label -> (request, name in nova's message, vm_states, task_states,
#           must have launched)
TABLE = {
    'os-stop': (_act(lambda c: {'os-stop': None}), 'stop',
                (ACTIVE, ERROR), (None,), True),
    'os-start': (_act(lambda c: {'os-start': None}), 'start', (STOPPED,),
                 (None,), True),
    'reboot-soft': (_act(lambda c: {'reboot': {'type': 'SOFT'}}), 'reboot',
                    (ACTIVE,), (None,), True),
    'reboot-hard': (_act(lambda c: {'reboot': {'type': 'HARD'}}), 'reboot',
                    (ACTIVE, STOPPED, PAUSED, SUSPENDED, ERROR),
                    ALLOW_REBOOT, True),
    'pause': (_act(lambda c: {'pause': None}), 'pause', (ACTIVE,), (None,),
              True),
    'unpause': (_act(lambda c: {'unpause': None}), 'unpause', (PAUSED,),
                (None,), True),
    'suspend': (_act(lambda c: {'suspend': None}), 'suspend', (ACTIVE,),
                (None,), True),
    'resume': (_act(lambda c: {'resume': None}), 'resume', (SUSPENDED,),
               (None,), True),
    'rescue': (_act(lambda c: {'rescue': None}), 'rescue',
               (ACTIVE, STOPPED, ERROR), (None,), True),
    'unrescue': (_act(lambda c: {'unrescue': None}), 'unrescue', (RESCUED,),
                 (None,), True),
    'shelve': (_act(lambda c: {'shelve': None}), 'shelve',
               (ACTIVE, STOPPED, PAUSED, SUSPENDED), (None,), True),
    'shelveOffload': (_act(lambda c: {'shelveOffload': None}),
                      'shelveOffload', (SHELVED,), (None,), True),
    'unshelve': (_act(lambda c: {'unshelve': None}), 'unshelve',
                 (SHELVED, OFFLOADED), (None,), True),
    'rebuild': (_act(lambda c: {'rebuild': {'imageRef': c.image['id']}}),
                'rebuild', (ACTIVE, STOPPED, ERROR), (None,), True),
    'resize': (_act(lambda c: {'resize': {'flavorRef': '2'}}), 'resize',
               (ACTIVE, STOPPED), (None,), True),
    'migrate': (_act(lambda c: {'migrate': None}), 'migrate',
                (ACTIVE, STOPPED), (None,), True),
    'confirmResize': (_act(lambda c: {'confirmResize': None}),
                      'confirmResize', (RESIZED,), (None,), True),
    'revertResize': (_act(lambda c: {'revertResize': None}), 'revertResize',
                     (RESIZED,), (None,), True),
    'createImage': (_act(lambda c: {'createImage': {'name': 'snap'}}),
                    'createImage', (ACTIVE, STOPPED, PAUSED, SUSPENDED),
                    (None,), True),
    'restore': (_act(lambda c: {'restore': None}), 'restore',
                (SOFT_DELETED,), (None,), True),
    'forceDelete': (_act(lambda c: {'forceDelete': None}), 'forceDelete',
                    ANY, ANY, False),
    'attach_volume': (
        lambda c, sid: c.post(SERVERS + '/%s/os-volume_attachments' % sid,
                              {'volumeAttachment': {'volumeId': _VOL}},
                              headers=mv('2.20')),
        'attach_volume', _VOLUME, (None,), True),
    'detach_volume': (
        lambda c, sid: c.delete(SERVERS + '/%s/os-volume_attachments/%s' % (
            sid, _VOL), headers=mv('2.20')),
        'detach_volume', _VOLUME, (None,), True),
    'update metadata': (
        lambda c, sid: c.post(SERVERS + '/%s/metadata' % sid,
                              {'metadata': {'k': 'v'}}),
        'update metadata', _METADATA, ANY, True),
    'delete metadata': (
        lambda c, sid: c.delete(SERVERS + '/%s/metadata/a' % sid),
        'delete metadata', _METADATA, ANY, True),
}


def _refused(resp, name, sid, attr, state):
    message = schemas.check_fault(resp, 409, 'conflictingRequest')
    assert message == "Cannot '%s' instance %s while it is in %s %s" % (
        name, sid, attr, state)


def _passed(resp, name):
    if resp.status_int == 409:
        assert "Cannot '%s'" % name not in resp.json['conflictingRequest'][
            'message'], resp.json


@pytest.mark.parametrize('label', sorted(TABLE))
def test_the_state_table(cloud, label):
    request, name, vm_states, task_states, launched = TABLE[label]
    sid = create(cloud, metadata={'a': '1'}).json['server']['id']
    for vm_state in VM_STATES:
        if vm_states is not None and vm_state not in vm_states:
            set_state(sid, vm_state, host='h1')
            _refused(request(cloud, sid), name, sid, 'vm_state', vm_state)
    allowed = vm_states[0] if vm_states else ACTIVE
    if task_states is not None:
        for task_state in ('rebuilding', 'resize_prep', 'pausing'):
            if task_state not in task_states:
                set_state(sid, allowed, task_state, host='h1')
                _refused(request(cloud, sid), name, sid, 'task_state',
                         task_state)
    if launched:
        set_state(sid, allowed, launched=False, host='h1')
        _refused(request(cloud, sid), name, sid, 'launched_at', 'None')
    # Every allowed state passes the state check (a fresh server each
    # time: the operation may change or delete it).
    for vm_state in (vm_states or VM_STATES):
        for task_state in ((None,) if task_states in (None, (None,))
                           else task_states):
            other = create(cloud, metadata={'a': '1'}).json['server']['id']
            set_state(other, vm_state, task_state, host='h1')
            _passed(request(cloud, other), name)
            cloud.delete(SERVERS + '/' + other)       # its quota back


def test_reboot_is_refused_in_rescue(cloud):
    sid = create(cloud).json['server']['id']
    set_state(sid, RESCUED)
    for kind in ('SOFT', 'HARD'):
        resp = cloud.post(SERVERS + '/%s/action' % sid,
                          {'reboot': {'type': kind}})
        _refused(resp, 'reboot', sid, 'vm_state', RESCUED)


def test_lock_refuses_members_before_the_state(cloud, demo):
    member = {'X-Auth-Token': demo['token']}
    sid = create(cloud, headers=member).json['server']['id']
    set_state(sid, BUILDING)
    assert cloud.post(SERVERS + '/%s/action' % sid,
                      {'lock': None}).status_int == 202
    resp = cloud.post(SERVERS + '/%s/action' % sid, {'pause': None},
                      headers=member)
    message = schemas.check_fault(resp, 409, 'conflictingRequest')
    assert message == 'Instance %s is locked' % sid


def test_console_output_needs_only_a_host(cloud):
    # nova's get_console_output checks the host, no vm_state.
    sid = create(cloud).json['server']['id']
    set_state(sid, OFFLOADED)                     # no host
    resp = cloud.post(SERVERS + '/%s/action' % sid,
                      {'os-getConsoleOutput': {}})
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == \
        'Instance %s is not ready' % sid


def test_resize_checks_the_state_before_the_flavor(cloud):
    sid = create(cloud).json['server']['id']
    set_state(sid, PAUSED)
    resp = cloud.post(SERVERS + '/%s/action' % sid,
                      {'resize': {'flavorRef': 'nope'}})
    _refused(resp, 'resize', sid, 'vm_state', PAUSED)
    set_state(sid, ACTIVE)
    resp = cloud.post(SERVERS + '/%s/action' % sid,
                      {'resize': {'flavorRef': 'nope'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Flavor nope could not be found.'


@pytest.mark.parametrize('name', ['confirmResize', 'revertResize'])
def test_resized_without_a_migration_is_400(cloud, name):
    sid = create(cloud).json['server']['id']
    set_state(sid, RESIZED, host='h1')
    resp = cloud.post(SERVERS + '/%s/action' % sid, {name: {}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Instance has not been resized.'
    shown = cloud.get(SERVERS + '/' + sid).json['server']
    assert shown['OS-EXT-STS:task_state'] is None


def test_rebuild_checks_the_state_before_the_image(cloud):
    sid = create(cloud).json['server']['id']
    set_state(sid, PAUSED)
    body = {'rebuild': {'imageRef': str(uuid.uuid4())}}
    resp = cloud.post(SERVERS + '/%s/action' % sid, body)
    _refused(resp, 'rebuild', sid, 'vm_state', PAUSED)
    set_state(sid, ACTIVE)
    resp = cloud.post(SERVERS + '/%s/action' % sid, body)
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Cannot find image for rebuild'
