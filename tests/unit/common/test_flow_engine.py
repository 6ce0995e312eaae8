"""The flow runner: transitions logged, results returned, reverts run in
reverse order and never mask the original failure."""
import logging

import pytest
from taskflow.patterns import linear_flow

from stratus.common import flow_engine


class Record(flow_engine.StratusTask):
    default_provides = 'recorded'

    def __init__(self, journal, label):
        super().__init__(addons=[label])
        self.journal = journal
        self.label = label

    def execute(self, value):
        self.journal.append(('execute', self.label))
        return value * 2

    def revert(self, value, result, **kwargs):
        self.journal.append(('revert', self.label))


class Explode(flow_engine.StratusTask):
    def execute(self):
        raise ValueError('disk full')


class BadRevert(flow_engine.StratusTask):
    def execute(self):
        return None

    def revert(self, **kwargs):
        raise RuntimeError('revert broke')


def test_success_returns_results_and_logs_transitions(caplog):
    caplog.set_level(logging.DEBUG)
    journal = []
    flow = linear_flow.Flow('demo_flow').add(Record(journal, 'a'))
    results = flow_engine.run(flow, store={'value': 21})
    assert results['recorded'] == 42
    assert journal == [('execute', 'a')]
    text = caplog.text
    assert "Flow 'demo_flow' (" in text
    assert "transitioned into state 'SUCCESS' from state 'RUNNING'" in text


def test_failure_reverts_in_reverse_and_reraises_the_original():
    journal = []
    flow = linear_flow.Flow('failing').add(
        Record(journal, 'first'), BadRevert(), Explode())
    with pytest.raises(ValueError, match='disk full'):
        flow_engine.run(flow, store={'value': 1})
    assert journal == [('execute', 'first'), ('revert', 'first')]


def test_task_names_read_like_upstream_logs():
    assert Record([], 'volume:create').name == (
        '%s.Record;volume:create' % Record.__module__)


def test_a_successful_run_warns_of_nothing(caplog):
    """The run keeps its details in memory only; TaskFlow must not warn
    about a missing logbook on every flow of every daemon."""
    caplog.set_level(logging.DEBUG)
    flow = linear_flow.Flow('quiet').add(Record([], 'a'), Record([], 'b'))
    flow_engine.run(flow, {'value': 1})
    assert [r.getMessage() for r in caplog.records
            if r.levelno >= logging.WARNING] == []


def test_tasks_of_one_class_built_twice_have_the_same_arguments():
    """Argument mappings are worked out once per class and reused; each
    task still gets a copy of its own."""
    first, second = Record([], 'a'), Record([], 'b')
    assert first.requires == second.requires == {'value'}
    assert first.rebind == second.rebind
    first.rebind['value'] = 'changed'
    assert second.rebind['value'] == 'value'


class Maybe(flow_engine.StratusTask):
    """Fails when the store says so."""

    def execute(self, fail):
        if fail:
            raise ValueError('asked to fail')


def _flow_uuids(text):
    import re
    return re.findall(r"Flow 'pooled' \(([0-9a-f-]+)\) transitioned into "
                      r"state 'RUNNING'", text)


def test_a_keyed_flow_is_built_once_and_runs_again_with_new_values(caplog):
    caplog.set_level(logging.INFO)
    journal, builds = [], []

    def build():
        builds.append(1)
        return linear_flow.Flow('pooled').add(Record(journal, 'a'))
    key = ('pooled', id(journal))
    assert flow_engine.run(build, {'value': 1}, key=key)['recorded'] == 2
    assert flow_engine.run(build, {'value': 5}, key=key)['recorded'] == 10
    assert flow_engine.run(build, {'value': 7}, key=key)['recorded'] == 14
    assert len(builds) == 1
    assert journal == [('execute', 'a')] * 3
    # Each run is its own flow in the logs.
    uuids = _flow_uuids(caplog.text)
    assert len(uuids) == 3 and len(set(uuids)) == 3


def test_a_keyed_flow_that_failed_is_built_afresh_and_reverts_again():
    journal, builds = [], []

    def build():
        builds.append(1)
        return linear_flow.Flow('pooled').add(Record(journal, 'a'), Maybe())
    key = ('pooled-failing', id(journal))
    flow_engine.run(build, {'value': 1, 'fail': False}, key=key)
    with pytest.raises(ValueError, match='asked to fail'):
        flow_engine.run(build, {'value': 2, 'fail': True}, key=key)
    assert journal == [('execute', 'a'), ('execute', 'a'), ('revert', 'a')]
    # The failed engine was not kept: the next run builds a new one.
    assert flow_engine.run(build, {'value': 3, 'fail': False},
                           key=key)['recorded'] == 6
    assert len(builds) == 2


def test_a_keyed_flow_given_other_names_gets_its_own_engine():
    builds = []

    def build():
        builds.append(1)
        return linear_flow.Flow('pooled').add(Record([], 'a'))
    key = ('pooled-names', id(builds))
    flow_engine.run(build, {'value': 1}, key=key)
    flow_engine.run(build, {'value': 1, 'extra': 'x'}, key=key)
    assert len(builds) == 2
