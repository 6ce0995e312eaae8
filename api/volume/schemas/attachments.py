"""Bodies of the attachments API (3.27; mode from 3.54)."""
from stratus.api.volume.schemas import common

_CONNECTOR = {'type': ['object', 'null']}
create = common.wrap('attachment', {
    'instance_uuid': {'type': 'string', 'maxLength': 36},
    'volume_uuid': {'type': 'string', 'maxLength': 36},
    'connector': _CONNECTOR,
    'mode': {'type': 'string', 'enum': ['rw', 'ro']}},
    ['volume_uuid'])
update = common.wrap('attachment', {'connector': {'type': 'object'}},
                     ['connector'])
