"""Concurrent requests never over-commit a host."""
import contextlib
import threading
import time

import pytest

from stratus.common import exception
from stratus.scheduler import filter_scheduler
from stratus.scheduler import host_manager

BIG = {'vcpus': 1, 'memory_mb': 3072, 'root_gb': 1}


def race(ctxt, specs):
    barrier = threading.Barrier(len(specs))
    results = {}

    def run(spec):
        barrier.wait()
        try:
            results[spec['instance_uuid']] = (
                filter_scheduler.select_destinations(
                    ctxt, spec, [spec['instance_uuid']]))
        except exception.NoValidHost as e:
            results[spec['instance_uuid']] = e
    threads = [threading.Thread(target=run, args=(spec,)) for spec in specs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.fixture
def slow_load(monkeypatch):
    """Widen the window between reading the usage and writing the claim."""
    real = host_manager.load

    def load(*args, **kwargs):
        states = real(*args, **kwargs)
        time.sleep(0.2)
        return states
    monkeypatch.setattr(host_manager, 'load', load)


def check_one_wins(rows, results):
    failures = [r for r in results.values()
                if isinstance(r, exception.NoValidHost)]
    assert len(results) == 2 and len(failures) == 1
    assert 'RamFilter: 1 -> 0 hosts' in failures[0].details
    assert len(rows.allocations()) == 1


def test_two_requests_for_room_of_one(rows, ctxt, make_spec, slow_load):
    rows.add_compute('compute1', memory_mb=4096)
    results = race(ctxt, [make_spec(instance_uuid='a', flavor=BIG),
                          make_spec(instance_uuid='b', flavor=BIG)])
    check_one_wins(rows, results)


def test_the_db_transaction_alone_also_protects(rows, ctxt, make_spec,
                                                slow_load, monkeypatch):
    # As if two scheduler processes ran: no shared in-process lock.
    monkeypatch.setattr(filter_scheduler, '_LOCK', contextlib.nullcontext())
    rows.add_compute('compute1', memory_mb=4096)
    results = race(ctxt, [make_spec(instance_uuid='a', flavor=BIG),
                          make_spec(instance_uuid='b', flavor=BIG)])
    check_one_wins(rows, results)
