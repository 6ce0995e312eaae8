"""Bodies of the attachments API (3.27; mode from 3.54; os-complete
3.44)."""
import copy

from stratus.api.volume.schemas import common

create = common.wrap('attachment', {
    'instance_uuid': common.UUID, 'volume_uuid': common.UUID,
    'connector': {'type': ['object', 'null']}}, ['volume_uuid'])
create_354 = copy.deepcopy(create)
create_354['properties']['attachment']['properties']['mode'] = {
    'type': 'string', 'enum': ['rw', 'ro']}
update = common.wrap('attachment', {
    'connector': {'type': 'object', 'minProperties': 1}}, ['connector'])
complete = {'type': 'object', 'properties': {'os-complete': {}},
            'required': ['os-complete'], 'additionalProperties': False}
