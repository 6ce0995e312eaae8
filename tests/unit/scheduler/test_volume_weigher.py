"""CapacityWeigher: free (virtual) capacity, the multiplier."""
import datetime

from stratus.common.conf import CONF
from stratus.scheduler import backend_state
from stratus.scheduler import weighers
from stratus.scheduler.weighers import base


def pool(name, **values):
    row = dict(name=name, backend=name.split('#')[0],
               pool_name=name.split('#')[1], volume_backend_name='b',
               total_capacity_gb=100.0, free_capacity_gb=100.0,
               allocated_capacity_gb=0.0, provisioned_capacity_gb=0.0,
               reserved_percentage=0, max_over_subscription_ratio=1.0,
               thin_provisioning_support=False,
               thick_provisioning_support=True, capabilities={},
               updated_at=datetime.datetime(2026, 1, 1))
    row.update(values)
    return backend_state.BackendState(row)


def _order(pools, spec=None):
    loaded = weighers.load(['CapacityWeigher'], weighers.BACKEND_REGISTRY)
    return [p.name for p, _ in base.weigh(loaded, pools, spec or {})]


def test_most_free_first_and_negative_multiplier_stacks():
    pools = [pool('a@b#1', free_capacity_gb=10),
             pool('a@b#2', free_capacity_gb=90)]
    assert _order(pools) == ['a@b#2', 'a@b#1']
    CONF.set_override('capacity_weight_multiplier', -1.0)
    try:
        assert _order(pools) == ['a@b#1', 'a@b#2']
    finally:
        CONF.clear_override('capacity_weight_multiplier')


def test_thin_pools_weigh_virtual_free_space():
    thin = pool('a@b#thin', free_capacity_gb=10,
                thin_provisioning_support=True,
                max_over_subscription_ratio=10.0, provisioned_capacity_gb=0)
    thick = pool('a@b#thick', free_capacity_gb=50)
    assert _order([thick, thin]) == ['a@b#thin', 'a@b#thick']
    # ... unless the type asks for thick provisioning.
    spec = {'volume_type': {'extra_specs': {'provisioning:type': 'thick'}}}
    assert _order([thick, thin], spec) == ['a@b#thick', 'a@b#thin']


def test_reserved_percentage_lowers_the_weight():
    a = pool('a@b#1', free_capacity_gb=60, reserved_percentage=50)
    b = pool('a@b#2', free_capacity_gb=40)
    assert _order([a, b]) == ['a@b#2', 'a@b#1']


def test_infinite_capacity_ranks_last():
    inf = pool('a@b#inf', free_capacity_gb=float('inf'))
    assert _order([inf, pool('a@b#1', free_capacity_gb=1)])[0] == 'a@b#1'
