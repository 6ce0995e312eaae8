"""HostState: limits, free amounts, in-memory claims."""


def test_free_amounts_follow_the_ratios(make_host):
    host = make_host(vcpus=4, memory_mb=4096, disk_gb=100,
                     used={'vcpus': 3, 'memory_mb': 1024, 'disk_gb': 40},
                     ratios=(4.0, 1.5, 1.0))
    assert (host.free_vcpus, host.free_memory_mb, host.free_disk_gb) == (
        13, 5120, 60)


def test_consume_adds_the_claim_and_the_consumer(make_host, make_spec):
    host = make_host()
    spec = make_spec(flavor={'vcpus': 2, 'memory_mb': 1024, 'root_gb': 10,
                             'ephemeral_gb': 1, 'swap': 512})
    claim = host.consume(spec, 'c1')
    assert claim == {'vcpus': 2, 'memory_mb': 1024, 'disk_gb': 12}
    assert (host.used_vcpus, host.used_memory_mb, host.used_disk_gb) == (
        2, 1024, 12)
    assert 'c1' in host.instances


def test_name_shows_the_node_only_when_it_differs(make_host):
    assert make_host('compute1').name == 'compute1'
    assert make_host('compute1', 'n2').name == 'compute1:n2'


def test_cpu_info_that_is_not_json_is_ignored():
    from stratus.scheduler import host_state
    assert host_state.parse_cpu_info('not json') == {}
    assert host_state.parse_cpu_info('[1]') == {}
    assert host_state.parse_cpu_info('{"arch": "x86_64"}') == {
        'arch': 'x86_64'}
