"""The QoS a volume's connection carries: the specs of its type's QoS spec
when the consumer is the front end (the hypervisor enforces them), with
per-GB limits turned into fixed ones for the volume's size."""
from stratus.db.api import qos_specs as db_qos

FRONT_END_CONSUMERS = ('front-end', 'both')
TUNE_OPTIONS = ('read_iops_sec', 'read_bytes_sec', 'write_iops_sec',
                'write_bytes_sec', 'total_iops_sec', 'total_bytes_sec')


def _per_gb(specs, size):
    """<option>_per_gb times the size, at least <option>_per_gb_min and at
    most <option>_max, becomes <option> (cinder's per-GB QoS)."""
    for option in TUNE_OPTIONS:
        per_gb = '%s_per_gb' % option
        if per_gb not in specs:
            continue
        minimum = int(specs.pop('%s_per_gb_min' % option, 0))
        value = max(minimum, int(specs.pop(per_gb)) * size)
        maximum = int(specs.pop('%s_max' % option, value))
        specs[option] = min(value, maximum)
    return specs


def front_end_specs(volume):
    """The connection_info data's qos_specs: a dict, or None when the
    volume's type has no spec or its consumer is the back end."""
    spec = db_qos.for_type(volume.get('volume_type_id'))
    if spec is None or spec['consumer'] not in FRONT_END_CONSUMERS:
        return None
    return _per_gb(dict(spec['specs']), int(volume['size']))
