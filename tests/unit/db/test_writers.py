"""Writers of one SQLite database queue on a file lock before BEGIN
IMMEDIATE (SQLite's own busy handler backs off in growing sleeps), in
every thread and process; the compare-and-swap instance update checks and
changes in one statement."""
import os
import threading

import pytest

from stratus.common import exception
from stratus.db import session
from stratus.db.api import action_events
from stratus.db.api import instance_actions
from stratus.db.api import instances


def test_a_second_writer_waits_for_the_first(db):
    inside = threading.Event()
    leave = threading.Event()
    second_in = threading.Event()

    def first():
        with session.writer():
            inside.set()
            leave.wait(10)

    def second():
        with session.writer():
            second_in.set()

    a = threading.Thread(target=first)
    a.start()
    assert inside.wait(10)
    b = threading.Thread(target=second)
    b.start()
    assert not second_in.wait(0.3)      # queued behind the first
    leave.set()
    assert second_in.wait(10)           # and let in when it commits
    a.join()
    b.join()


def test_a_forked_child_has_a_lock_of_its_own(db):
    with session.writer():
        pass                            # the parent's descriptor exists
    read, write = os.pipe()
    with session.writer():
        pid = os.fork()
        if pid == 0:                    # pragma: no cover - the child
            os.close(read)
            import fcntl
            # The child's writer must queue behind the parent's.
            queue = session._WRITERS
            fd = queue._fd()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                os.write(write, b'got it')
            except BlockingIOError:
                os.write(write, b'blocked')
            os._exit(0)
        os.close(write)
        answer = os.read(read, 20)
        os.waitpid(pid, 0)
    assert answer == b'blocked'


def _instance():
    return instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'x',
        'vm_state': 'active', 'power_state': 1, 'vcpus': 1,
        'memory_mb': 64, 'root_gb': 1, 'image_ref': 'img',
        'flavor': {'name': 'f'}}])[0]['uuid']


def test_compare_and_swap_says_why_it_did_not_apply(db):
    uuid = _instance()
    with pytest.raises(exception.UnexpectedTaskStateError):
        instances.update(uuid, {'task_state': None},
                         expected_task_state=['pausing'])
    with pytest.raises(exception.UnexpectedVMStateError):
        instances.update(uuid, {'task_state': 'pausing'},
                         expected_task_state=[None],
                         expected_vm_state=['stopped'])
    with pytest.raises(exception.InstanceNotFound):
        instances.update('no-such', {'task_state': None})
    done = instances.update(uuid, {'task_state': 'pausing'},
                            expected_task_state=[None, 'x'],
                            expected_vm_state=['active'], action={
                                'action': 'pause', 'request_id': 'req-1',
                                'user_id': 'u', 'project_id': 'p'})
    assert done['task_state'] == 'pausing'
    assert instances.get(uuid)['task_state'] == 'pausing'


def test_a_flows_events_are_recorded_on_its_action(db):
    import datetime
    uuid = _instance()
    instances.update(uuid, {'task_state': 'pausing'}, action={
        'action': 'pause', 'request_id': 'req-2', 'user_id': 'u',
        'project_id': 'p'})
    now = datetime.datetime(2026, 1, 1)
    events = [{'event': 'compute_instance_pause:%s' % name,
               'start_time': now, 'finish_time': now, 'result': 'Success'}
              for name in ('PauseGuestTask', 'SaveInstanceStateTask')]
    assert action_events.events_record(uuid, 'req-2', events)
    assert not action_events.events_record(uuid, 'req-none', events)
    shown = instance_actions.action_get(uuid, 'req-2')
    assert sorted(e['event'] for e in shown['events']) == sorted(
        e['event'] for e in events)
