"""RamFilter."""
from stratus.scheduler.filters import ram


def check(host, spec):
    return ram.RamFilter().check(host, spec)


def test_fits_exactly(make_host, make_spec):
    host = make_host(memory_mb=2048, used={'memory_mb': 1536})
    assert check(host, make_spec(flavor={'memory_mb': 512}))[0]


def test_too_little_free_memory_says_how_much(make_host, make_spec):
    host = make_host(memory_mb=2048, used={'memory_mb': 1536})
    assert check(host, make_spec(flavor={'memory_mb': 2048})) == (
        False, '512 MB RAM free, 2048 MB requested')


def test_allocation_ratio_raises_the_limit(make_host, make_spec):
    host = make_host(memory_mb=2048, used={'memory_mb': 2048},
                     ratios=(4.0, 1.5, 1.0))
    assert check(host, make_spec(flavor={'memory_mb': 1024}))[0]
    assert not check(host, make_spec(flavor={'memory_mb': 1025}))[0]


def test_overcommitted_host_shows_zero_free(make_host, make_spec):
    host = make_host(memory_mb=1024, used={'memory_mb': 4096})
    assert check(host, make_spec(flavor={'memory_mb': 1})) == (
        False, '0 MB RAM free, 1 MB requested')
