"""ServerGroupAffinityFilter."""
from stratus.scheduler.filters import server_group_affinity


def check(host, spec):
    return server_group_affinity.ServerGroupAffinityFilter().check(host,
                                                                   spec)


def group(policy, hosts=()):
    return {'uuid': 'g1', 'policy': policy, 'hosts': list(hosts)}


def test_no_group_or_other_policy_passes(make_host, make_spec):
    assert check(make_host(), make_spec())[0]
    assert check(make_host(), make_spec(
        group=group('anti-affinity', ['compute1'])))[0]
    assert check(make_host(), make_spec(
        group=group('soft-affinity', ['compute2'])))[0]


def test_first_member_goes_anywhere(make_host, make_spec):
    assert check(make_host(), make_spec(group=group('affinity')))[0]


def test_later_members_follow_the_first(make_host, make_spec):
    spec = make_spec(group=group('affinity', ['compute2']))
    assert check(make_host('compute2'), spec)[0]
    assert check(make_host('compute1'), spec) == (
        False, 'server group g1 (affinity) is on compute2')
