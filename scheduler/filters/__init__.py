"""Host filters by their upstream class names, as
[filter_scheduler] enabled_filters lists them; volume backend filters as
[DEFAULT] scheduler_default_filters lists them."""
from stratus.scheduler.filters.aggregate_instance_extra_specs import (
    AggregateInstanceExtraSpecsFilter)
from stratus.scheduler.filters.availability_zone import AvailabilityZoneFilter
from stratus.scheduler.filters.capabilities import CapabilitiesFilter
from stratus.scheduler.filters.capacity import CapacityFilter
from stratus.scheduler.filters.compute import ComputeFilter
from stratus.scheduler.filters.different_host import DifferentHostFilter
from stratus.scheduler.filters.disk import DiskFilter
from stratus.scheduler.filters.image_properties import ImagePropertiesFilter
from stratus.scheduler.filters.ram import RamFilter
from stratus.scheduler.filters.same_host import SameHostFilter
from stratus.scheduler.filters.server_group_affinity import (
    ServerGroupAffinityFilter)
from stratus.scheduler.filters.server_group_anti_affinity import (
    ServerGroupAntiAffinityFilter)
from stratus.scheduler.filters.vcpu import CoreFilter

REGISTRY = {cls.__name__: cls for cls in (
    AvailabilityZoneFilter, ComputeFilter, RamFilter, CoreFilter, DiskFilter,
    ImagePropertiesFilter, ServerGroupAntiAffinityFilter,
    ServerGroupAffinityFilter, SameHostFilter, DifferentHostFilter,
    # Not in the default list, as in nova: enable it to use it.
    AggregateInstanceExtraSpecsFilter)}

# Volume backend pools (scheduler.backend_state.BackendState).
BACKEND_REGISTRY = {cls.__name__: cls for cls in (
    AvailabilityZoneFilter, CapacityFilter, CapabilitiesFilter)}


def load(names, registry=None):
    """New filter instances, in the order of `names` (one set per request:
    a filter keeps the reason of its last rejection)."""
    registry = REGISTRY if registry is None else registry
    unknown = [name for name in names if name not in registry]
    if unknown:
        raise ValueError('Unknown scheduler filter(s) %s; known: %s' % (
            ', '.join(unknown), ', '.join(sorted(registry))))
    return [registry[name]() for name in names]
