"""The filter framework: run order, history, reasons, once-per-request."""
import pytest

from stratus.scheduler import filters
from stratus.scheduler.filters import base


class EvenFilter(base.HostFilter):
    calls = 0

    def host_passes(self, host, spec):
        EvenFilter.calls += 1
        if host.total_vcpus % 2 == 0:
            return True
        return self.reject('%d vCPUs is odd', host.total_vcpus)


class OnceFilter(EvenFilter):
    run_once_per_request = True


class SilentFilter(base.HostFilter):
    def host_passes(self, host, spec):
        return False


def test_run_records_counts_and_reasons(make_host, make_spec):
    hosts = [make_host('a', vcpus=2), make_host('b', vcpus=3),
             make_host('c', vcpus=4)]
    result = base.run([EvenFilter()], hosts, make_spec())
    assert [h.name for h in result.hosts] == ['a', 'c']
    assert result.lines() == ['EvenFilter: 3 -> 2 hosts']
    assert result.reasons() == [('b', '3 vCPUs is odd')]


def test_run_stops_when_no_host_is_left(make_host, make_spec):
    result = base.run([SilentFilter(), EvenFilter()], [make_host('a')],
                      make_spec())
    assert result.hosts == []
    assert result.lines() == ['SilentFilter: 1 -> 0 hosts']
    assert result.reasons() == [('a', 'rejected by SilentFilter')]


def test_reasons_of_the_last_step_come_first(make_host, make_spec):
    hosts = [make_host('a', vcpus=3), make_host('b', vcpus=2)]
    result = base.run([EvenFilter(), SilentFilter()], hosts, make_spec())
    assert result.reasons() == [('b', 'rejected by SilentFilter'),
                                ('a', '3 vCPUs is odd')]


def test_run_once_filters_answer_from_the_cache(make_host, make_spec):
    hosts = [make_host('a', vcpus=2), make_host('b', vcpus=3)]
    cache = {}
    EvenFilter.calls = 0
    base.run([OnceFilter()], hosts, make_spec(), cache)
    first = base.run([OnceFilter()], hosts, make_spec(), cache)
    assert EvenFilter.calls == 2
    assert first.reasons() == [('b', '3 vCPUs is odd')]
    base.run([EvenFilter()], hosts, make_spec(), cache)
    assert EvenFilter.calls == 4


def test_registry_has_the_upstream_names_and_the_defaults_load():
    from stratus.common.conf import CONF
    # AggregateInstanceExtraSpecsFilter is off by default, as in nova.
    assert set(CONF.filter_scheduler.enabled_filters) | {
        'AggregateInstanceExtraSpecsFilter'} == set(filters.REGISTRY)
    loaded = filters.load(CONF.filter_scheduler.enabled_filters)
    assert [f.name for f in loaded] == CONF.filter_scheduler.enabled_filters


def test_unknown_filter_name_is_refused():
    with pytest.raises(ValueError, match='NopeFilter'):
        filters.load(['RamFilter', 'NopeFilter'])
