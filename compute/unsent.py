"""What the API undoes when the broker did not take its message.

An action moves the server to its task_state, then casts; when the cast
raises BusUnavailable (503 to the client) the task_state goes back to
none, so the server is not left "powering-off" with nobody working on it
(doc/reliability.md). The compare-and-swap only undoes the state this
request set: nothing else may have moved it meanwhile.
"""
import functools
import inspect

from stratus.common import exception
from stratus.common import log
from stratus.db.api import instances

LOG = log.getLogger(__name__)


class UndoUnsent:
    """Wraps an RPC client of the API (compute's or the conductor's)."""

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        attr = getattr(self._client, name)
        if name.startswith('_') or not inspect.ismethod(attr):
            return attr

        @functools.wraps(attr)
        def send(*args, **kwargs):
            try:
                return attr(*args, **kwargs)
            except exception.BusUnavailable:
                undo(_target(attr, args, kwargs))
                raise
        return send


def _target(method, args, kwargs):
    """(uuid, task_state set by the API or None) of the server a send is
    about, from its `instance` or `instance_uuid` argument."""
    try:
        bound = inspect.signature(method).bind(*args, **kwargs).arguments
    except TypeError:
        return None
    instance = bound.get('instance')
    if isinstance(instance, dict) and instance.get('uuid'):
        return instance['uuid'], instance.get('task_state')
    if bound.get('instance_uuid'):
        return bound['instance_uuid'], None
    return None


def undo(target):
    if not target:
        return
    uuid, task_state = target
    try:
        if task_state is None:
            task_state = instances.get(uuid)['task_state']
        if task_state is None:
            return
        instances.update(uuid, {'task_state': None},
                         expected_task_state=[task_state])
        LOG.info('Message not sent: task_state %s undone', task_state,
                 instance={'uuid': uuid})
    except Exception as exc:   # moved on meanwhile, or gone: leave it
        LOG.info('Message not sent; task_state of %s left as it is (%s)',
                 uuid, exc)
