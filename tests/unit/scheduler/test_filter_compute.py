"""ComputeFilter."""
from stratus.scheduler.filters import compute


def check(host, spec):
    return compute.ComputeFilter().check(host, spec)


def test_up_and_enabled_passes(make_host, make_spec):
    assert check(make_host(), make_spec()) == (True, None)


def test_disabled_is_rejected(make_host, make_spec):
    assert check(make_host(service_disabled=True), make_spec()) == (
        False, 'host is disabled')
    host = make_host(service_disabled=True, disabled_reason='maintenance')
    assert check(host, make_spec()) == (
        False, 'host is disabled (maintenance)')


def test_down_is_rejected(make_host, make_spec):
    assert check(make_host(service_up=False), make_spec()) == (
        False, 'compute service is down')


def test_no_service_record_is_rejected(make_host, make_spec):
    assert check(make_host(has_service=False), make_spec()) == (
        False, 'no stratus-compute service record')


def test_runs_once_per_request():
    assert compute.ComputeFilter.run_once_per_request
