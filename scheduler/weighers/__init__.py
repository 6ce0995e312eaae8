"""Host weighers by their upstream class names, as
[filter_scheduler] weight_classes lists them."""
from stratus.scheduler.weighers.cpu import CPUWeigher
from stratus.scheduler.weighers.disk import DiskWeigher
from stratus.scheduler.weighers.ram import RAMWeigher

REGISTRY = {cls.__name__: cls for cls in (RAMWeigher, CPUWeigher,
                                          DiskWeigher)}


def load(names):
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        raise ValueError('Unknown scheduler weigher(s) %s; known: %s' % (
            ', '.join(unknown), ', '.join(sorted(REGISTRY))))
    return [REGISTRY[name]() for name in names]
