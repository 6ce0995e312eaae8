"""AggregateInstanceExtraSpecsFilter: the flavor's extra specs (unscoped
or scoped aggregate_instance_extra_specs:) match the metadata of the
host's aggregates."""
from stratus.scheduler.filters import base
from stratus.scheduler.filters import extra_specs_ops

SCOPE = 'aggregate_instance_extra_specs'


class AggregateInstanceExtraSpecsFilter(base.HostFilter):
    """As nova's: keys of another scope ('hw:', 'quota:'...) are not this
    filter's; every other key must be in an aggregate of the host with a
    value that matches (operators as in capabilities: '<in>', '>='...)."""
    run_once_per_request = True

    def host_passes(self, host, spec):
        specs = (spec.get('flavor') or {}).get('extra_specs') or {}
        metadata = getattr(host, 'aggregate_metadata', None) or {}
        for key, wanted in specs.items():
            scope, _sep, name = key.partition(':')
            if not _sep:
                name = key
            elif scope != SCOPE:
                continue
            values = metadata.get(name)
            if not values:
                return self.reject('extra spec %s is in no aggregate of '
                                   'the host', name)
            if not any(extra_specs_ops.match(value, wanted)
                       for value in values):
                return self.reject('aggregate values %s do not match %s',
                                   sorted(values), wanted)
        return True
