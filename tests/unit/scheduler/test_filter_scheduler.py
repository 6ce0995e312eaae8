"""filter_scheduler.select_destinations against a real (SQLite) DB."""
import logging

import pytest

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.scheduler import filter_scheduler

BIG = {'vcpus': 1, 'memory_mb': 2048, 'root_gb': 1}


def select(ctxt, spec, consumers=None):
    consumers = consumers or [spec['instance_uuid']]
    return filter_scheduler.select_destinations(ctxt, spec, consumers)


def test_picks_the_emptiest_host_and_claims_it(rows, ctxt, make_spec):
    rows.add_compute('compute1', memory_mb=4096, az='az1')
    rows.add_compute('compute2', memory_mb=8192, az='az1')
    rows.add_allocation('other', 'compute2', memory_mb=6144)
    spec = make_spec(instance_uuid='i1', flavor={'vcpus': 2,
                                                 'memory_mb': 1024,
                                                 'root_gb': 5, 'swap': 512})
    assert select(ctxt, spec) == [{'host': 'compute1', 'node': 'compute1',
                                   'availability_zone': 'az1'}]
    assert ('i1', 'compute1', 2, 1024, 6) in rows.allocations()


def test_logs_filters_weights_and_choice(rows, ctxt, make_spec, caplog):
    rows.add_compute('compute1', memory_mb=1024)
    rows.add_compute('compute2', disabled=True)
    rows.add_compute('compute3')
    caplog.set_level(logging.DEBUG, 'stratus.scheduler')
    select(ctxt, make_spec(instance_uuid='i1', flavor=BIG))
    messages = [(r.levelname, r.getMessage()) for r in caplog.records
                if r.name == 'stratus.scheduler.filter_scheduler']
    assert ('INFO', 'Filter AvailabilityZoneFilter: 3 -> 3 hosts') in messages
    assert ('INFO', 'Filter ComputeFilter: 3 -> 2 hosts') in messages
    assert ('INFO', 'Filter RamFilter: 2 -> 1 hosts') in messages
    assert len([m for m in messages if m[1].startswith('Filter ')]) == len(
        CONF.filter_scheduler.enabled_filters)
    assert ('DEBUG', "Weighed [('compute3', 0.0)]") in messages
    assert messages[-1] == (
        'INFO', 'Selected host compute3 (node compute3) for instance i1')


def test_no_valid_host_says_why(rows, ctxt, make_spec, caplog):
    rows.add_compute('compute1', memory_mb=512)
    rows.add_compute('compute2', disabled=True)
    caplog.set_level(logging.INFO, 'stratus.scheduler')
    with pytest.raises(exception.NoValidHost) as info:
        select(ctxt, make_spec(instance_uuid='i1', flavor=BIG))
    error = info.value
    assert str(error) == ('No valid host was found. There are not enough '
                          'hosts available.')
    assert error.details == (
        'AvailabilityZoneFilter: 2 -> 2 hosts; ComputeFilter: 2 -> 1 hosts; '
        'RamFilter: 1 -> 0 hosts; compute1: 512 MB RAM free, 2048 MB '
        'requested; compute2: host is disabled')
    assert error.kwargs['details'] == error.details
    assert ("Filtering removed all hosts for the request with instance ID "
            "'i1'. Filter results: " + error.details) in caplog.messages
    assert rows.allocations() == []


def test_no_compute_nodes_at_all(rows, ctxt, make_spec):
    with pytest.raises(exception.NoValidHost) as info:
        select(ctxt, make_spec())
    assert info.value.details == 'no compute nodes are registered'


def test_instances_of_one_request_spread(rows, ctxt, make_spec):
    rows.add_compute('compute1')
    rows.add_compute('compute2')
    spec = make_spec(num_instances=2)
    picks = select(ctxt, spec, ['a', 'b'])
    assert sorted(p['host'] for p in picks) == ['compute1', 'compute2']
    assert [a[0] for a in rows.allocations()] == ['a', 'b']


def test_each_pick_sees_the_earlier_claims(rows, ctxt, make_spec):
    rows.add_compute('compute1', memory_mb=4096)
    picks = select(ctxt, make_spec(num_instances=2, flavor=BIG), ['a', 'b'])
    assert [p['host'] for p in picks] == ['compute1', 'compute1']
    with pytest.raises(exception.NoValidHost):
        select(ctxt, make_spec(flavor=BIG), ['c'])


def test_all_or_nothing(rows, ctxt, make_spec):
    rows.add_compute('compute1', memory_mb=4096)
    spec = make_spec(num_instances=3, flavor=BIG)
    with pytest.raises(exception.NoValidHost) as info:
        select(ctxt, spec, ['a', 'b', 'c'])
    assert info.value.details.startswith('instance 3 of 3; ')
    assert 'compute1: 0 MB RAM free, 2048 MB requested' in info.value.details
    assert rows.allocations() == []


def test_requested_destination(rows, ctxt, make_spec):
    rows.add_compute('compute1')
    rows.add_compute('compute2', memory_mb=1024)
    spec = make_spec(requested_destination={'host': 'compute2'})
    assert select(ctxt, spec)[0]['host'] == 'compute2'
    spec = make_spec(requested_destination={'host': 'compute2'}, flavor=BIG)
    with pytest.raises(exception.NoValidHost) as info:
        select(ctxt, spec)
    details = info.value.details
    assert details.startswith('requested_destination: 2 -> 1 hosts; ')
    assert 'RamFilter: 1 -> 0 hosts' in details
    assert 'compute1: not the requested destination compute2' in details


def test_ignore_hosts(rows, ctxt, make_spec):
    rows.add_compute('compute1', memory_mb=8192)
    rows.add_compute('compute2')
    spec = make_spec(ignore_hosts=['compute1'])
    assert select(ctxt, spec)[0]['host'] == 'compute2'
    spec = make_spec(ignore_hosts=['compute1', 'compute2'])
    with pytest.raises(exception.NoValidHost) as info:
        select(ctxt, spec)
    assert info.value.details == (
        'ignore_hosts: 2 -> 0 hosts; compute1: in ignore_hosts; '
        'compute2: in ignore_hosts')


def test_a_consumers_earlier_claim_is_replaced(rows, ctxt, make_spec):
    rows.add_compute('compute1', memory_mb=2048)
    rows.add_allocation('i1', 'compute1', memory_mb=2048)
    select(ctxt, make_spec(instance_uuid='i1', flavor=BIG))
    assert rows.allocations() == [('i1', 'compute1', 1, 2048, 1)]


def test_anti_affinity_sees_claims_of_earlier_requests(rows, ctxt,
                                                       make_spec):
    rows.add_compute('compute1', memory_mb=8192)
    rows.add_compute('compute2')
    rows.add_group('g1', 'anti-affinity', ['a', 'b', 'c'])
    group = {'uuid': 'g1', 'policy': 'anti-affinity'}
    assert select(ctxt, make_spec(instance_uuid='a', group=group))[0][
        'host'] == 'compute1'
    assert select(ctxt, make_spec(instance_uuid='b', group=group))[0][
        'host'] == 'compute2'
    with pytest.raises(exception.NoValidHost) as info:
        select(ctxt, make_spec(instance_uuid='c', group=group))
    assert 'ServerGroupAntiAffinityFilter: 2 -> 0 hosts' in info.value.details


def test_anti_affinity_within_one_request(rows, ctxt, make_spec):
    rows.add_compute('compute1', memory_mb=8192)
    rows.add_compute('compute2', memory_mb=8192)
    group = {'uuid': 'g1', 'policy': 'anti-affinity'}
    with pytest.raises(exception.NoValidHost):
        select(ctxt, make_spec(num_instances=3, group=group),
               ['a', 'b', 'c'])


def test_affinity_keeps_a_request_together(rows, ctxt, make_spec):
    rows.add_compute('compute1')
    rows.add_compute('compute2')
    group = {'uuid': 'g1', 'policy': 'affinity'}
    picks = select(ctxt, make_spec(num_instances=3, group=group),
                   ['a', 'b', 'c'])
    assert len({p['host'] for p in picks}) == 1


def test_same_host_hint_sees_instances(rows, ctxt, make_spec):
    rows.add_compute('compute1', memory_mb=8192)
    rows.add_compute('compute2')
    rows.add_instance('buddy', 'compute2')
    spec = make_spec(hints={'same_host': ['buddy']})
    assert select(ctxt, spec)[0]['host'] == 'compute2'
    spec = make_spec(hints={'different_host': ['buddy']})
    assert select(ctxt, spec)[0]['host'] == 'compute1'


def test_host_subset_size_picks_among_the_best(rows, ctxt, make_spec,
                                               monkeypatch):
    for i, memory in enumerate((8192, 4096, 2048)):
        rows.add_compute('compute%d' % i, memory_mb=memory)
    seen = []

    def choice(candidates):
        seen.append([host.name for host, weight in candidates])
        return candidates[-1]
    monkeypatch.setattr(filter_scheduler.random, 'choice', choice)
    CONF.set_override('host_subset_size', 2, 'filter_scheduler')
    try:
        assert select(ctxt, make_spec())[0]['host'] == 'compute1'
    finally:
        CONF.clear_override('host_subset_size', 'filter_scheduler')
    assert seen == [['compute0', 'compute1']]


def test_invalid_spec_is_refused(rows, ctxt):
    with pytest.raises(exception.Invalid):
        filter_scheduler.select_destinations(ctxt, {'flavor': {}}, ['a'])
