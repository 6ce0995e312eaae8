"""AvailabilityZoneFilter."""
from stratus.scheduler.filters import availability_zone


def check(host, spec):
    return availability_zone.AvailabilityZoneFilter().check(host, spec)


def test_no_zone_requested_passes_every_host(make_host, make_spec):
    assert check(make_host(availability_zone='az1'), make_spec()) == (
        True, None)


def test_host_in_the_zone_passes(make_host, make_spec):
    spec = make_spec(availability_zone='az1')
    assert check(make_host(availability_zone='az1'), spec)[0]


def test_host_in_another_zone_is_rejected_with_reason(make_host, make_spec):
    spec = make_spec(availability_zone='az1')
    assert check(make_host(availability_zone='nova'), spec) == (
        False, 'in availability zone nova, az1 requested')
