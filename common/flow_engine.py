"""Runs TaskFlow flows the stratus way.

One serial engine in the caller's thread (so the request context and its
ids stay on every log line), flow and task transitions logged the way
TaskFlow's own logging listener words them, extra listeners (instance
action events, checkpoints) attached per run, and the first failure
re-raised as itself after the flow has reverted.
"""
import collections
import contextlib
import os
import threading
import traceback

from oslo_utils import uuidutils
import taskflow.engines
from taskflow import states
from taskflow import storage as taskflow_storage
from taskflow import task
from taskflow.persistence import models as persistence_models
from taskflow.listeners import base as listener_base
from taskflow.types import sets

from stratus.common import exception
from stratus.common import log
from stratus.common import timeutils

LOG = log.getLogger(__name__)


class _NullConnection:
    """Keeps nothing: the flow's details live in its engine's memory for
    the one run, and an interrupted flow is recovered by the services
    (reconcile, stale-state sweeps), not resumed from a logbook. TaskFlow's
    own in-memory backend costs about 3 ms of locking and path bookkeeping
    per run of a three-task flow; this costs nothing."""

    def update_atom_details(self, atom_detail, ignore_missing=False):
        return atom_detail

    def update_flow_details(self, flow_detail, ignore_missing=False):
        return flow_detail

    def save_logbook(self, book):
        return book

    def validate(self):
        pass

    def upgrade(self):
        pass

    def close(self):
        pass


class _NullBackend:
    _CONNECTION = _NullConnection()

    def get_connection(self):
        return self._CONNECTION

    def close(self):
        pass


_BACKEND = _NullBackend()


class _NoLock:
    """One engine's storage is used by the one thread that runs it (serial
    engine, listeners called in that thread)."""

    def read_lock(self):
        return contextlib.nullcontext()

    write_lock = read_lock


class _RunStorage(taskflow_storage.Storage):
    """TaskFlow's storage for one run in one thread: no reader/writer locks
    and no retries around a backend that cannot fail (together about half
    of TaskFlow's own cost per task)."""

    def _save_flow_detail(self, conn, original_flow_detail, flow_detail):
        original_flow_detail.update(flow_detail)
        return original_flow_detail

    def _save_atom_detail(self, conn, original_atom_detail, atom_detail):
        original_atom_detail.update(atom_detail)
        return original_atom_detail

    # TaskFlow changes a copy of a detail and saves it back, so that a
    # failed save leaves the original intact; saving here cannot fail, so
    # the details are changed in place (two copies fewer per state change).
    def _fetch_flowdetail(self, clone=False):
        return self._flowdetail, self._flowdetail

    def _atomdetail_by_name(self, atom_name, expected_type=None,
                            clone=False):
        return super()._atomdetail_by_name(atom_name, expected_type)


def _without_lock_wrappers(cls):
    """Give `cls` Storage's methods without their fasteners lock
    decorators: about a hundred calls per run, each through one or two
    wrappers that take a no-op lock."""
    for name, value in vars(taskflow_storage.Storage).items():
        inner, unwrapped = value, False
        while getattr(getattr(inner, '__code__', None), 'co_filename',
                      '').endswith(os.path.join('fasteners', 'lock.py')):
            inner, unwrapped = inner.__wrapped__, True
        if unwrapped and name not in vars(cls):
            setattr(cls, name, inner)
    return cls


_without_lock_wrappers(_RunStorage)

_NO_LOCK = _NoLock()
_ARG_MAPPINGS = {}


class TransitionLogger(listener_base.Listener):
    """Flow transitions at INFO; task transitions at DEBUG, failures and
    reverts at WARNING with the failure's traceback."""

    def _flow_receiver(self, state, details):
        LOG.info("Flow '%s' (%s) transitioned into state '%s' from state "
                 "'%s'", details['flow_name'], details['flow_uuid'], state,
                 details.get('old_state'))

    def _task_receiver(self, state, details):
        result = details.get('result')
        if state == states.FAILURE:
            # An expected outcome (NoValidHost, a conflict...) is one line;
            # only the unexpected deserve a traceback.
            expected = isinstance(result.exception,
                                  exception.StratusException)
            LOG.warning("Task '%s' (%s) transitioned into state 'FAILURE' "
                        "from state '%s'\n%s", details['task_name'],
                        details['task_uuid'], details.get('old_state'),
                        result.pformat(traceback=not expected))
        elif state in (states.REVERTING, states.REVERTED):
            LOG.warning("Task '%s' (%s) transitioned into state '%s' from "
                        "state '%s'", details['task_name'],
                        details['task_uuid'], state,
                        details.get('old_state'))
        else:
            LOG.debug("Task '%s' (%s) transitioned into state '%s' from "
                      "state '%s'", details['task_name'], details['task_uuid'],
                      state, details.get('old_state'))


class StratusTask(task.Task):
    """Base of every stratus task: named ``module.Class[;addons]`` as the
    upstream logs show them; a revert never raises (it logs instead), so one
    failing revert cannot stop the others."""

    def __init__(self, addons=None, **kwargs):
        super().__init__(name=self.make_name(addons), **kwargs)

    @classmethod
    def make_name(cls, addons=None):
        name = '%s.%s' % (cls.__module__, cls.__name__)
        if addons:
            name += ';' + ', '.join(addons)
        return name

    def _build_arg_mapping(self, executor, requires=None, rebind=None,
                           auto_extract=True, ignore_list=None):
        # TaskFlow works these out with inspect.signature for each task it
        # constructs (flows are built per operation); they depend only on
        # the class and these arguments.
        key = (type(self), executor.__name__, repr(requires), repr(rebind),
               auto_extract, tuple(ignore_list or ()),
               tuple(sorted(self.inject)) if self.inject else None)
        found = _ARG_MAPPINGS.get(key)
        if found is None:
            found = _ARG_MAPPINGS[key] = super()._build_arg_mapping(
                executor, requires=requires, rebind=rebind,
                auto_extract=auto_extract, ignore_list=ignore_list)
        mapping, required, optional = found
        return (collections.OrderedDict(mapping), sets.OrderedSet(required),
                sets.OrderedSet(optional))

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        revert = cls.__dict__.get('revert')
        if revert is not None and not getattr(revert, '_safe', False):
            def safe_revert(self, *args, **kw):
                try:
                    return revert(self, *args, **kw)
                except Exception as exc:
                    if disappeared(exc):
                        LOG.info('Revert of %s skipped: %s', self.name, exc)
                    else:
                        LOG.exception('Revert of %s failed', self.name)
            safe_revert._safe = True
            safe_revert.__wrapped__ = revert
            cls.revert = safe_revert


def _load(flow, store):
    # A book of its own for the run (else TaskFlow warns it made one).
    engine = taskflow.engines.load(flow, store=store, engine='serial',
                                   backend=_BACKEND,
                                   book=persistence_models.LogBook(flow.name))
    engine.storage.__class__ = _RunStorage
    engine.storage._lock = _NO_LOCK
    return engine


class _EnginePool:
    """Compiled engines kept for reuse, per key. Building and compiling an
    engine (the flow's graph, its runtime, its storage) is about two
    thirds of a short flow's cost; a reset engine runs the same tasks
    again. Tasks keep no state between runs (their constructor arguments
    only), which is what makes this safe. A few idle engines per key are
    kept: as many as run at once, bounded."""

    PER_KEY = 4
    MAX_KEYS = 256

    def __init__(self):
        self._idle = {}
        self._lock = threading.Lock()

    def take(self, key):
        with self._lock:
            idle = self._idle.get(key)
            return idle.pop() if idle else None

    def give_back(self, key, engine):
        with self._lock:
            if key not in self._idle and len(self._idle) >= self.MAX_KEYS:
                self._idle.clear()      # e.g. tests making many managers
            idle = self._idle.setdefault(key, [])
            if len(idle) < self.PER_KEY:
                idle.append(engine)


_POOL = _EnginePool()


def run(flow, store=None, listeners=(), key=None):
    """Run `flow` to the end; returns the engine's results store.

    `listeners` are Listener classes (or factories taking the engine).
    On failure the flow has reverted when the first failure is re-raised.

    With `key`, `flow` is a callable that builds the flow and `key` names
    everything that build depends on (flow name, the objects its tasks are
    given): engines are compiled once per key and the set of store names,
    and reused after a successful run.
    """
    store = store or {}
    if key is not None:
        key = (key, frozenset(store))
        engine = _POOL.take(key)
        if engine is None:
            engine = _load(flow(), store)
        else:
            engine.reset()
            # Every run is its own flow in the logs.
            engine.storage._flowdetail._uuid = uuidutils.generate_uuid()
            engine.storage.inject(store)
    else:
        engine = _load(flow, store)
    with contextlib.ExitStack() as stack:
        stack.enter_context(TransitionLogger(engine))
        for listener in listeners:
            stack.enter_context(listener(engine))
        engine.run()
    results = engine.storage.fetch_all()
    if key is not None:
        _POOL.give_back(key, engine)
    return results


def short_name(task_name):
    """'stratus.compute.tasks.guest.PauseGuestTask;x' -> 'PauseGuestTask'."""
    return task_name.split(';', 1)[0].rsplit('.', 1)[-1]


class ActionEventListener(listener_base.Listener):
    """Each task (and each revert) becomes one instance action event,
    named ``<prefix>:<TaskClass>``, a dict of plain values. They are handed
    to `record(events)` together when the run ends, successful or not: one
    message and one database write per flow instead of one per task. A
    flow's last task may carry them in its own final write instead (see
    `carry`); the listener is in the flow's store as ``action_events``."""

    def __init__(self, engine, record, prefix, host=None):
        super().__init__(engine, flow_listen_for=())
        self._record = record
        self._prefix = prefix
        self._host = host
        self._started = {}
        self._events = []
        self._carried = None
        engine.storage.inject({'action_events': self})

    def carry(self, task_name):
        """The events so far plus the success of `task_name`, which is
        running and ends with a write that stores them itself (a message
        and a database write fewer per operation). When that task succeeds
        they are not recorded again; when it fails they still are."""
        name = short_name(task_name)
        now = timeutils.utcnow()
        started = self._started.get((name, states.RUNNING), now)
        self._carried = (name, len(self._events))
        return self._events + [self._event(name, 'Success', started, now)]

    def deregister(self):
        super().deregister()
        events, self._events = self._events, []
        if events:
            try:
                self._record(events)
            except Exception as exc:
                # Bookkeeping must not turn a finished operation into a
                # failed one; the flow's own outcome is already saved.
                if disappeared(exc):
                    LOG.info('%d action events not recorded: %s',
                             len(events), exc)
                else:
                    LOG.exception('Could not record %d action events',
                                  len(events))

    def _event(self, event, result, started, finished, failure=None):
        return {
            'event': '%s:%s' % (self._prefix, event),
            'start_time': timeutils.to_iso(started),
            'finish_time': timeutils.to_iso(finished),
            'result': result,
            'traceback': failure.pformat(traceback=True) if failure else None,
            'host': self._host,
        }

    def _task_receiver(self, state, details):
        name = short_name(details['task_name'])
        if state in (states.RUNNING, states.REVERTING):
            self._started[(name, state)] = timeutils.utcnow()
            return
        carried, self._carried = self._carried, None
        if carried and carried[0] == name and state == states.SUCCESS:
            del self._events[:carried[1]]       # stored with the task's write
            self._started.pop((name, states.RUNNING), None)
            return
        if state in (states.SUCCESS, states.FAILURE):
            started = self._started.pop((name, states.RUNNING), None)
            event = name
        elif state in (states.REVERTED, states.REVERT_FAILURE):
            started = self._started.pop((name, states.REVERTING), None)
            event = name + ' (revert)'
        else:
            return
        failure = details.get('result') if state == states.FAILURE else None
        finished = timeutils.utcnow()
        self._events.append(self._event(
            event, 'Error' if state in (states.FAILURE, states.REVERT_FAILURE)
            else 'Success', started or finished, finished, failure))


def fault_from_failure(flow_failures, host=None):
    """An instance fault (code, message, details) from the first failure of
    a flow (TaskFlow's `flow_failures` dict); a StratusException's own
    `details` (e.g. NoValidHost's filter report) wins over the traceback."""
    exc = next(iter(flow_failures.values())).exception
    if isinstance(exc, exception.StratusException):
        code, message = exc.code, exc.message
    else:
        code, message = 500, '%s: %s' % (type(exc).__name__, exc)
    details = getattr(exc, 'details', None) or ''.join(
        traceback.format_exception(exc))
    return {'code': code if code >= 400 else 500, 'message': message,
            'details': details, 'host': host}


# What a delete that overtook an operation leaves: its record gone, or (a
# server) being deleted. Nothing failed for the user, so it is told in one
# line, as nova's "Instance disappeared during ...", not as an error.
_GONE = (exception.InstanceNotFound, exception.VolumeNotFound,
         exception.SnapshotNotFound)


def disappeared(exc):
    if isinstance(exc, _GONE):
        return True
    return isinstance(exc, exception.UnexpectedTaskStateError) and \
        getattr(exc, 'kwargs', {}).get('actual') == 'deleting'


def overtaken(flow_failures, logger, what):
    """True (and one INFO line) when the flow failed because what it
    worked on was deleted meanwhile: its reverts then leave the record to
    the delete."""
    exc = next(iter(flow_failures.values())).exception
    if not disappeared(exc):
        return False
    logger.info('%s disappeared during the operation: %s', what, exc)
    return True
