"""CoreFilter (module vcpu.py)."""
from stratus.scheduler.filters import vcpu


def check(host, spec):
    return vcpu.CoreFilter().check(host, spec)


def test_cpu_allocation_ratio_applies(make_host, make_spec):
    host = make_host(vcpus=2, used={'vcpus': 6}, ratios=(4.0, 1.0, 1.0))
    assert check(host, make_spec(flavor={'vcpus': 2}))[0]
    assert check(host, make_spec(flavor={'vcpus': 2}))[1] is None
    host.used_vcpus = 7
    assert check(host, make_spec(flavor={'vcpus': 2})) == (
        False, '1 vCPUs free, 2 requested')


def test_more_vcpus_than_host_cpus_never_fits(make_host, make_spec):
    host = make_host(vcpus=2, ratios=(16.0, 1.0, 1.0))
    assert check(host, make_spec(flavor={'vcpus': 4})) == (
        False, '4 vCPUs requested, the host has 2 CPUs')
