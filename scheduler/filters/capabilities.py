"""CapabilitiesFilter: the pool reports what the volume type's extra specs
ask for (volume_backend_name, ``capabilities:<key>``, operators such as
``<is> True``). Specs scoped to anything but ``capabilities`` (vendor
keys, ``provisioning:type``, ``RESKEY:...``) are not capabilities and are
skipped, as cinder does."""
from stratus.scheduler.filters import base
from stratus.scheduler.filters import extra_specs_ops


class CapabilitiesFilter(base.HostFilter):
    run_once_per_request = True

    def host_passes(self, pool, spec):
        extra_specs = (spec.get('volume_type') or {}).get('extra_specs') or {}
        for key, wanted in sorted(extra_specs.items()):
            scope = key.split(':')
            if len(scope) > 1 and scope[0] != 'capabilities':
                continue
            if scope[0] == 'capabilities':
                scope = scope[1:]
            value = pool.capabilities
            for part in scope:
                if not isinstance(value, dict) or part not in value:
                    return self.reject("backend doesn't provide capability "
                                       "'%s' (volume type asks %s=%s)", part,
                                       key, wanted)
                value = value[part]
            values = value if isinstance(value, list) else [value]
            if not any(extra_specs_ops.match(v, wanted) for v in values):
                return self.reject('volume type extra spec requirement '
                                   '"%s=%s" does not match reported '
                                   'capability "%s"', key, wanted, value)
        return True
