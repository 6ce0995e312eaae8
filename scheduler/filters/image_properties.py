"""ImagePropertiesFilter: the node can run the image's architecture,
hypervisor type and VM mode."""
from stratus.scheduler import host_state
from stratus.scheduler.filters import base


def _wanted(properties):
    """(arch, hv_type, vm_mode) the image asks for; None = any. The legacy
    property names are still honoured, as upstream does."""
    arch = host_state.canonical_arch(properties.get('hw_architecture') or
                                     properties.get('architecture'))
    hv_type = (properties.get('img_hv_type') or
               properties.get('hypervisor_type') or '').lower() or None
    vm_mode = host_state.canonical_vm_mode(properties.get('hw_vm_mode') or
                                           properties.get('vm_mode'))
    return arch, hv_type, vm_mode


def _matches(wanted, offered):
    # A node that does not know its architecture accepts any.
    return all(w is None or o is None or w == o
               for w, o in zip(wanted, offered))


class ImagePropertiesFilter(base.HostFilter):
    """Images without these properties run anywhere."""
    run_once_per_request = True

    def host_passes(self, host, spec):
        properties = (spec.get('image') or {}).get('properties') or {}
        wanted = _wanted(properties)
        if wanted == (None, None, None):
            return True
        if any(_matches(wanted, offered)
               for offered in host.supported_instances):
            return True
        return self.reject(
            'image needs %s, node supports %s', _show(wanted),
            ', '.join(_show(o) for o in host.supported_instances) or 'none')


def _show(triple):
    return '/'.join(value or '*' for value in triple)
