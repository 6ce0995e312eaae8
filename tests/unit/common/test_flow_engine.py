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
