"""DifferentHostFilter."""
from stratus.scheduler.filters import different_host


def check(host, spec):
    return different_host.DifferentHostFilter().check(host, spec)


def test_without_the_hint_every_host_passes(make_host, make_spec):
    assert check(make_host(instances={'i1'}), make_spec())[0]


def test_host_with_a_named_instance_is_rejected(make_host, make_spec):
    spec = make_spec(hints={'different_host': ['i1', 'i2']})
    assert check(make_host(instances={'x'}), spec)[0]
    assert check(make_host(instances={'i2', 'x'}), spec) == (
        False, 'different_host instance i2 is here')
