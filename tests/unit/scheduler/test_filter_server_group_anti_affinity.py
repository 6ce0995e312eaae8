"""ServerGroupAntiAffinityFilter."""
from stratus.scheduler.filters import server_group_anti_affinity


def check(host, spec):
    flt = server_group_anti_affinity.ServerGroupAntiAffinityFilter()
    return flt.check(host, spec)


def group(policy, hosts=()):
    return {'uuid': 'g1', 'policy': policy, 'hosts': list(hosts)}


def test_no_group_or_other_policy_passes(make_host, make_spec):
    assert check(make_host(), make_spec())[0]
    assert check(make_host(), make_spec(
        group=group('affinity', ['compute1'])))[0]
    assert check(make_host(), make_spec(
        group=group('soft-anti-affinity', ['compute1'])))[0]


def test_host_with_a_member_is_rejected(make_host, make_spec):
    spec = make_spec(group=group('anti-affinity', ['compute1']))
    assert check(make_host('compute2'), spec)[0]
    assert check(make_host('compute1'), spec) == (
        False, 'server group g1 (anti-affinity) already has a member here')
