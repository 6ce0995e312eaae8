"""A volume type's size limits (extra specs provisioning:min_vol_size and
provisioning:max_vol_size), checked as cinder's provision_filter_on_size
checks them; a volume without a type is held to the default type's."""
from stratus.common import exception
from stratus.db.api import volume_types

MIN_SIZE_KEY = 'provisioning:min_vol_size'
MAX_SIZE_KEY = 'provisioning:max_vol_size'


def check(volume_type_id, size, project_id=None):
    """Invalid (400) when `size` GiB is outside the type's limits."""
    try:
        vtype = volume_types.type_get(volume_type_id) if volume_type_id \
            else volume_types.default_type(project_id)
    except exception.VolumeTypeNotFound:
        vtype = volume_types.default_type(project_id)
    if not vtype:
        return
    specs = vtype['extra_specs'] or {}
    size = int(size)
    low, high = specs.get(MIN_SIZE_KEY), specs.get(MAX_SIZE_KEY)
    if low and size < int(low):
        raise exception.Invalid(
            reason="Specified volume size of '%d' is less than the minimum "
                   "required size of '%s' for volume type '%s'." % (
                       size, low, vtype['name']))
    if high and size > int(high):
        raise exception.Invalid(
            reason="Specified volume size of '%d' is greater than the "
                   "maximum allowable size of '%s' for volume type '%s'." % (
                       size, high, vtype['name']))
