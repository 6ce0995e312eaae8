"""SameHostFilter."""
from stratus.scheduler.filters import same_host


def check(host, spec):
    return same_host.SameHostFilter().check(host, spec)


def test_without_the_hint_every_host_passes(make_host, make_spec):
    assert check(make_host(), make_spec())[0]
    assert check(make_host(), make_spec(hints={'same_host': []}))[0]


def test_host_with_one_of_the_instances_passes(make_host, make_spec):
    spec = make_spec(hints={'same_host': ['i1', 'i2']})
    assert check(make_host(instances={'i2', 'x'}), spec)[0]
    assert check(make_host(instances={'x'}), spec) == (
        False, 'none of the same_host instances is here')


def test_a_single_uuid_hint_is_a_list(make_host, make_spec):
    spec = make_spec(hints={'same_host': 'i1'})
    assert spec['scheduler_hints']['same_host'] == ['i1']
    assert check(make_host(instances={'i1'}), spec)[0]
