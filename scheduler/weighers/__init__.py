"""Host weighers by their upstream class names, as
[filter_scheduler] weight_classes lists them; volume pool weighers as
[DEFAULT] scheduler_default_weighers lists them."""
from stratus.scheduler.weighers.capacity import CapacityWeigher
from stratus.scheduler.weighers.cpu import CPUWeigher
from stratus.scheduler.weighers.disk import DiskWeigher
from stratus.scheduler.weighers.ram import RAMWeigher

REGISTRY = {cls.__name__: cls for cls in (RAMWeigher, CPUWeigher,
                                          DiskWeigher)}

BACKEND_REGISTRY = {cls.__name__: cls for cls in (CapacityWeigher,)}


def load(names, registry=None):
    registry = REGISTRY if registry is None else registry
    unknown = [name for name in names if name not in registry]
    if unknown:
        raise ValueError('Unknown scheduler weigher(s) %s; known: %s' % (
            ', '.join(unknown), ', '.join(sorted(registry))))
    return [registry[name]() for name in names]
