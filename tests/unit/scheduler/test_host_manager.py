"""host_manager.load: host states from the DB in a few queries."""
import contextlib

from sqlalchemy import event

from stratus.common.conf import CONF
from stratus.db import session
from stratus.scheduler import host_manager


@contextlib.contextmanager
def count_queries():
    seen = []

    def before(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith('SELECT'):
            seen.append(statement)
    engine = session.get_engine()
    event.listen(engine, 'before_cursor_execute', before)
    try:
        yield seen
    finally:
        event.remove(engine, 'before_cursor_execute', before)


def load(**kwargs):
    with session.reader() as s:
        return {h.name: h for h in host_manager.load(s, **kwargs)}


def test_totals_usage_zone_and_service_state(rows):
    rows.add_compute('compute1', vcpus=8, memory_mb=8192, local_gb=200,
                     az='az1')
    rows.add_compute('compute2', disabled=True, reason='maint')
    rows.add_compute('compute3', up=False)
    rows.add_compute('compute4', service=False)
    rows.add_allocation('a', 'compute1', vcpus=2, memory_mb=1024, disk_gb=10)
    rows.add_allocation('b', 'compute1', vcpus=1, memory_mb=512, disk_gb=5)
    hosts = load()
    one = hosts['compute1']
    assert (one.total_vcpus, one.total_memory_mb, one.total_disk_gb) == (
        8, 8192, 200)
    assert (one.used_vcpus, one.used_memory_mb, one.used_disk_gb) == (
        3, 1536, 15)
    assert one.availability_zone == 'az1'
    assert one.service_up and not one.service_disabled
    assert (one.cpu_allocation_ratio, one.ram_allocation_ratio,
            one.disk_allocation_ratio) == (4.0, 1.0, 1.0)
    assert one.free_vcpus == 29
    assert hosts['compute2'].service_disabled
    assert hosts['compute2'].disabled_reason == 'maint'
    assert hosts['compute2'].availability_zone == 'nova'
    assert not hosts['compute3'].service_up
    assert not hosts['compute4'].has_service


def test_ratios_come_from_config(rows):
    rows.add_compute('compute1')
    CONF.set_override('cpu_allocation_ratio', 1.0)
    CONF.set_override('ram_allocation_ratio', 1.5)
    try:
        host = load()['compute1']
    finally:
        CONF.clear_override('cpu_allocation_ratio')
        CONF.clear_override('ram_allocation_ratio')
    assert (host.free_vcpus, host.free_memory_mb) == (4, 6144)


def test_instances_on_a_host_from_instances_and_allocations(rows):
    rows.add_compute('compute1')
    rows.add_compute('compute2')
    rows.add_instance('i1', 'compute1')
    rows.add_instance('gone', 'compute1', deleted=True)
    rows.add_allocation('i2', 'compute1')
    rows.add_instance('i3', 'compute2')
    hosts = load()
    assert hosts['compute1'].instances == {'i1', 'i2'}
    assert hosts['compute2'].instances == {'i3'}


def test_excluded_consumers_are_not_counted(rows):
    rows.add_compute('compute1')
    rows.add_allocation('a', 'compute1', vcpus=2)
    rows.add_allocation('b', 'compute1', vcpus=1)
    host = load(exclude_consumers=['a'])['compute1']
    assert host.used_vcpus == 1
    assert host.instances == {'b'}


def test_query_count_does_not_grow_with_hosts(rows):
    for i in range(20):
        rows.add_compute('compute%d' % i)
        rows.add_allocation('c%d' % i, 'compute%d' % i)
        rows.add_instance('i%d' % i, 'compute%d' % i)
    with count_queries() as seen:
        assert len(load()) == 20
    # nodes+services, usage, consumers, placed instances, aggregates.
    assert len(seen) <= 5


def test_group_hosts_from_members_claims_and_instances(rows):
    rows.add_compute('compute1')
    rows.add_compute('compute2')
    rows.add_compute('compute3')
    rows.add_group('g1', 'anti-affinity', ['m1', 'm2', 'm3', 'me'])
    rows.add_allocation('m1', 'compute1')
    rows.add_instance('m2', 'compute2')
    rows.add_allocation('me', 'compute3')
    rows.add_allocation('stranger', 'compute3')
    with session.reader() as s:
        assert host_manager.group_hosts(s, 'g1', exclude={'me'}) == {
            'compute1', 'compute2'}
        assert host_manager.group_hosts(s, 'nope') == set()
