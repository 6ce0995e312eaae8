"""Volume backend filters on BackendState: CapacityFilter (thick, thin,
reserved, over-subscription, unknown capacities), CapabilitiesFilter
(volume_backend_name, scoped keys, operators) and AvailabilityZoneFilter."""
import datetime

import pytest

from stratus.scheduler import backend_state
from stratus.scheduler import filters


def pool(name='h@b#p', **values):
    row = dict(name=name, backend=name.split('#')[0],
               pool_name=name.split('#')[1], volume_backend_name='b',
               total_capacity_gb=100.0, free_capacity_gb=100.0,
               allocated_capacity_gb=0.0, provisioned_capacity_gb=0.0,
               reserved_percentage=0, max_over_subscription_ratio=1.0,
               thin_provisioning_support=False,
               thick_provisioning_support=True,
               updated_at=datetime.datetime(2026, 1, 1))
    caps = values.pop('capabilities', {})
    row.update(values)
    row['capabilities'] = dict({'volume_backend_name': 'b'}, **caps)
    return backend_state.BackendState(row, availability_zone='nova')


def passes(name, pool_state, **spec):
    flt = filters.BACKEND_REGISTRY[name]()
    return flt.check(pool_state, spec)


def test_capacity_thick():
    assert passes('CapacityFilter', pool(free_capacity_gb=10), size=10)[0]
    ok, why = passes('CapacityFilter', pool(free_capacity_gb=9), size=10)
    assert not ok
    assert why == ('insufficient free space for volume creation '
                   '(requested / avail): 10/9 GiB')


def test_capacity_reserved_percentage():
    state = pool(free_capacity_gb=20, reserved_percentage=15)
    assert not passes('CapacityFilter', state, size=6)[0]     # 20 - 15
    assert passes('CapacityFilter', state, size=5)[0]


def test_capacity_thin_over_subscription():
    thin = dict(thin_provisioning_support=True,
                thick_provisioning_support=False,
                max_over_subscription_ratio=2.0)
    state = pool(free_capacity_gb=100, provisioned_capacity_gb=150, **thin)
    assert passes('CapacityFilter', state, size=50)[0]        # 200/100 = 2
    ok, why = passes('CapacityFilter', state, size=51)
    assert not ok and 'exceeded the maximum over subscription ratio' in why
    # A type asking for thick provisioning is judged on real free space.
    thick_type = {'extra_specs': {'provisioning:type': 'thick'}}
    assert passes('CapacityFilter', pool(free_capacity_gb=10, **thin),
                  size=11, volume_type=thick_type)[0] is False
    bad = pool(**dict(thin, max_over_subscription_ratio=0.5))
    assert 'invalid maximum over subscription ratio' in passes(
        'CapacityFilter', bad, size=1)[1]


def test_capacity_unknown_and_infinite():
    inf = float('inf')
    assert passes('CapacityFilter', pool(free_capacity_gb=inf), size=10)[0]
    assert passes('CapacityFilter', pool(total_capacity_gb=inf), size=1)[0]
    assert not passes('CapacityFilter', pool(total_capacity_gb=inf,
                                             reserved_percentage=5),
                      size=1)[0]
    assert not passes('CapacityFilter', pool(total_capacity_gb=0), size=1)[0]


def test_capacity_counts_pending_volumes():
    row = pool()
    state = backend_state.BackendState(dict(
        name=row.name, backend=row.backend, pool_name=row.pool_name,
        volume_backend_name='b', total_capacity_gb=100.0,
        free_capacity_gb=100.0, allocated_capacity_gb=0.0,
        provisioned_capacity_gb=0.0, reserved_percentage=0,
        max_over_subscription_ratio=1.0, thin_provisioning_support=False,
        thick_provisioning_support=True, capabilities={},
        updated_at=None), pending_gb=95)
    assert state.free_capacity_gb == 5
    assert not passes('CapacityFilter', state, size=6)[0]


@pytest.mark.parametrize('specs,ok', [
    ({}, True),
    ({'volume_backend_name': 'b'}, True),
    ({'volume_backend_name': 'other'}, False),
    ({'capabilities:volume_backend_name': 'b'}, True),
    ({'multiattach': '<is> True'}, True),
    ({'multiattach': '<is> False'}, False),
    ({'thin_provisioning_support': '<is> True'}, False),
    ({'provisioning:type': 'thin'}, True),          # scoped: not a cap
    ({'RESKEY:availability_zones': 'x'}, True),
    ({'missing_key': 'x'}, False),
    ({'total_capacity_gb': '>= 50'}, True),
    ({'vendor:tier': '<or> gold <or> silver'}, True),
    ({'tier': '<or> gold <or> silver'}, True),
    ({'tier': '<or> bronze'}, False),
    ({'capabilities:nested:level': '2'}, True),
])
def test_capabilities(specs, ok):
    state = pool(capabilities={'multiattach': True, 'tier': 'silver',
                               'total_capacity_gb': 100,
                               'thin_provisioning_support': False,
                               'nested': {'level': 2}})
    result, why = passes('CapabilitiesFilter', state,
                         volume_type={'extra_specs': specs})
    assert result is ok, why


def test_capabilities_rejection_names_the_spec():
    ok, why = passes('CapabilitiesFilter', pool(),
                     volume_type={'extra_specs': {
                         'volume_backend_name': 'lvmdriver-2'}})
    assert why == ('volume type extra spec requirement '
                   '"volume_backend_name=lvmdriver-2" does not match '
                   'reported capability "b"')


def test_availability_zone():
    assert passes('AvailabilityZoneFilter', pool(),
                  availability_zone='nova')[0]
    assert passes('AvailabilityZoneFilter', pool())[0]
    assert not passes('AvailabilityZoneFilter', pool(),
                      availability_zone='az2')[0]
