"""A tiny periodic-task runner on one native thread.

Managers mark methods with ``@periodic.task(spacing)``; spacing is seconds
or a callable read at each run (so it can come from config).
"""
import random
import threading
import time

from stratus.common import context
from stratus.common import log

LOG = log.getLogger(__name__)


def task(spacing, *, initial_delay=None):
    def decorate(fn):
        fn._periodic_spacing = spacing
        fn._periodic_initial_delay = initial_delay
        return fn
    return decorate


def _spacing_of(fn):
    spacing = fn._periodic_spacing
    return float(spacing() if callable(spacing) else spacing)


def collect(obj):
    """The bound periodic methods of `obj`."""
    found = []
    for name in dir(type(obj)):
        member = getattr(type(obj), name, None)
        if callable(member) and hasattr(member, '_periodic_spacing'):
            found.append(getattr(obj, name))
    return found


class PeriodicRunner:
    def __init__(self, tasks, name='periodic'):
        self._tasks = list(tasks)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name,
                                        daemon=True)

    def start(self):
        if self._tasks:
            self._thread.start()

    def stop(self):
        self._stop.set()

    def _run(self):
        now = time.monotonic()
        due = {}
        for fn in self._tasks:
            delay = fn._periodic_initial_delay
            if delay is None:
                # Jitter the first run so daemons started together spread out.
                delay = random.uniform(0, _spacing_of(fn))
            due[fn] = now + delay
        while not self._stop.is_set():
            fn = min(due, key=due.get)
            wait = due[fn] - time.monotonic()
            if wait > 0 and self._stop.wait(wait):
                return
            ctxt = context.get_admin_context()
            try:
                fn(ctxt)
            except Exception:
                LOG.exception('Periodic task %s failed', fn.__name__)
            due[fn] = time.monotonic() + _spacing_of(fn)
