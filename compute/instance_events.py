"""Waiting for a server's external event (nova's InstanceEvents and
wait_for_instance_event): an operation prepares for (server, name, tag)
before it starts whatever sends the event, so one that arrives early is
not lost, then waits for it up to a deadline; external_instance_event
delivers it here. Nothing waits forever: the waiter gives up at its
deadline, and a compute restart forgets every waiter (the interrupted
operation ends in ERROR, see reconcile.py).

One table per process: server uuids are unique, so computes sharing a
process (the tests' two hosts) share it."""
import threading

from stratus.common import log

LOG = log.getLogger(__name__)

_lock = threading.Lock()
_waiting = {}


class Waiter:
    def __init__(self, key):
        self.key = key
        self.status = None
        self._arrived = threading.Event()

    def deliver(self, status):
        self.status = status
        self._arrived.set()

    def wait(self, timeout):
        """The event's status ('completed', 'failed'), or None when it
        did not arrive within `timeout` seconds."""
        return self.status if self._arrived.wait(timeout) else None


def prepare(server_uuid, name, tag):
    waiter = Waiter((server_uuid, name, tag))
    with _lock:
        _waiting[waiter.key] = waiter
    return waiter


def discard(waiter):
    with _lock:
        if _waiting.get(waiter.key) is waiter:
            del _waiting[waiter.key]


def deliver(instance, event):
    """Hand `event` ({name, server_uuid, tag?, status}) to whoever waits
    for it; False (logged, as nova does) when nobody does."""
    key = (event['server_uuid'], event['name'], event.get('tag'))
    with _lock:
        waiter = _waiting.pop(key, None)
    if waiter is None:
        LOG.warning('Received unexpected event %s-%s for instance with '
                    'vm_state %s and task_state %s.', event['name'],
                    event.get('tag'), instance.get('vm_state'),
                    instance.get('task_state'), instance=instance)
        return False
    waiter.deliver(event.get('status') or 'completed')
    return True
