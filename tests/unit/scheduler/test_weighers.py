"""Weighers: normalisation, multipliers, registry."""
import pytest

from stratus.common.conf import CONF
from stratus.scheduler import weighers
from stratus.scheduler.weighers import base


@pytest.fixture
def multipliers():
    yield lambda **kw: [CONF.set_override(k, v, 'filter_scheduler')
                        for k, v in kw.items()]
    for name in ('ram_weight_multiplier', 'cpu_weight_multiplier',
                 'disk_weight_multiplier'):
        CONF.clear_override(name, 'filter_scheduler')


def names(weighed):
    return [(host.name, round(weight, 3)) for host, weight in weighed]


def test_normalize():
    assert base.normalize([]) == []
    assert base.normalize([5, 5]) == [0.0, 0.0]
    assert base.normalize([0, 5, 10]) == [0.0, 0.5, 1.0]
    assert base.normalize([5], minval=0, maxval=10) == [0.5]


def test_ram_weigher_prefers_free_memory(make_host, make_spec):
    hosts = [make_host('a', memory_mb=1024), make_host('b', memory_mb=4096),
             make_host('c', memory_mb=2048)]
    weighed = base.weigh([weighers.RAMWeigher()], hosts, make_spec())
    assert names(weighed) == [('b', 1.0), ('c', 0.333), ('a', 0.0)]


def test_negative_multiplier_stacks(make_host, make_spec, multipliers):
    multipliers(ram_weight_multiplier=-1.0)
    hosts = [make_host('a', memory_mb=1024), make_host('b', memory_mb=4096)]
    weighed = base.weigh([weighers.RAMWeigher()], hosts, make_spec())
    assert names(weighed) == [('a', 0.0), ('b', -1.0)]


def test_weights_add_up_with_multipliers(make_host, make_spec, multipliers):
    multipliers(cpu_weight_multiplier=2.0, disk_weight_multiplier=0.0)
    hosts = [make_host('a', vcpus=8, memory_mb=1024, disk_gb=1),
             make_host('b', vcpus=2, memory_mb=4096, disk_gb=900)]
    all_three = weighers.load(['RAMWeigher', 'CPUWeigher', 'DiskWeigher'])
    weighed = base.weigh(all_three, hosts, make_spec())
    assert names(weighed) == [('a', 2.0), ('b', 1.0)]


def test_cpu_and_disk_weighers_read_free_amounts(make_host, make_spec):
    hosts = [make_host('a', vcpus=8, used={'vcpus': 30}),
             make_host('b', vcpus=4, disk_gb=10)]
    assert names(base.weigh([weighers.CPUWeigher()], hosts, make_spec()))[
        0][0] == 'b'
    assert names(base.weigh([weighers.DiskWeigher()], hosts, make_spec()))[
        0][0] == 'a'


def test_registry_defaults_and_unknown_names():
    assert CONF.filter_scheduler.weight_classes == [
        'RAMWeigher', 'CPUWeigher', 'DiskWeigher']
    assert set(weighers.REGISTRY) == set(
        CONF.filter_scheduler.weight_classes)
    with pytest.raises(ValueError, match='FooWeigher'):
        weighers.load(['FooWeigher'])
