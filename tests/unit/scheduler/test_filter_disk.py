"""DiskFilter."""
from stratus.scheduler.filters import disk


def check(host, spec):
    return disk.DiskFilter().check(host, spec)


def test_root_ephemeral_and_swap_rounded_up_count(make_host, make_spec):
    spec = make_spec(flavor={'root_gb': 5, 'ephemeral_gb': 3, 'swap': 1025})
    host = make_host(disk_gb=20, used={'disk_gb': 10})
    assert check(host, spec)[0]          # 5 + 3 + 2 = 10 of 10 free
    host.used_disk_gb = 11
    assert check(host, spec) == (False, '9 GB disk free, 10 GB requested')


def test_disk_allocation_ratio_applies(make_host, make_spec):
    host = make_host(disk_gb=10, used={'disk_gb': 10}, ratios=(1, 1, 2.0))
    assert check(host, make_spec(flavor={'root_gb': 10}))[0]
