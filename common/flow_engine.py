"""Runs TaskFlow flows the stratus way.

One serial engine in the caller's thread (so the request context and its
ids stay on every log line), flow and task transitions logged the way
TaskFlow's own logging listener words them, extra listeners (instance
action events, checkpoints) attached per run, and the first failure
re-raised as itself after the flow has reverted.
"""
import contextlib

import taskflow.engines
from taskflow import states
from taskflow import task
from taskflow.listeners import base as listener_base

from stratus.common import log

LOG = log.getLogger(__name__)


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
            LOG.warning("Task '%s' (%s) transitioned into state 'FAILURE' "
                        "from state '%s'\n%s", details['task_name'],
                        details['task_uuid'], details.get('old_state'),
                        result.pformat(traceback=True))
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

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        revert = cls.__dict__.get('revert')
        if revert is not None and not getattr(revert, '_safe', False):
            def safe_revert(self, *args, **kw):
                try:
                    return revert(self, *args, **kw)
                except Exception:
                    LOG.exception('Revert of %s failed', self.name)
            safe_revert._safe = True
            safe_revert.__wrapped__ = revert
            cls.revert = safe_revert


def run(flow, store=None, listeners=()):
    """Run `flow` to the end; returns the engine's results store.

    `listeners` are Listener classes (or factories taking the engine).
    On failure the flow has reverted when the first failure is re-raised.
    """
    engine = taskflow.engines.load(flow, store=store or {}, engine='serial')
    with contextlib.ExitStack() as stack:
        stack.enter_context(TransitionLogger(engine))
        for listener in listeners:
            stack.enter_context(listener(engine))
        engine.run()
    return engine.storage.fetch_all()
