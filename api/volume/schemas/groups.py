"""Bodies of group types and their specs, groups and their actions, and
group snapshots (cinder's request schemas)."""
from stratus.api.volume.schemas import common

NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255}
NAME_ZERO = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}
UUID = {'type': 'string', 'format': 'uuid'}
# cinder's metadata_allows_null: string values only.
_SPECS_NULL = dict(common.METADATA, type=['object', 'null'])

group_type_create = common.wrap('group_type', {
    'name': dict(NAME, format='name'), 'description': common.DESCRIPTION,
    'is_public': common.BOOLEAN, 'group_specs': _SPECS_NULL}, ['name'])
group_type_update = common.wrap('group_type', {
    'name': NAME_ZERO, 'description': common.DESCRIPTION,
    'is_public': common.BOOLEAN})

_SPEC_ITEMS = {'type': 'object',
               'patternProperties': {'^[a-zA-Z0-9-_:.]{1,255}$': {
                   'type': ['string', 'null'], 'maxLength': 255}},
               'additionalProperties': False}
group_specs_create = {'type': 'object',
                      'properties': {'group_specs': _SPEC_ITEMS},
                      'required': ['group_specs'],
                      'additionalProperties': False}
group_specs_update = dict(_SPEC_ITEMS, minProperties=1, maxProperties=1)

create = common.wrap('group', {
    'description': common.DESCRIPTION,
    'group_type': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'name': NAME_ZERO,
    'volume_types': {'type': 'array', 'minItems': 1,
                     'items': {'type': 'string', 'maxLength': 255},
                     'uniqueItems': True},
    'availability_zone': {'type': ['string', 'null'], 'maxLength': 255}},
    ['group_type', 'volume_types'])
create_from_src = common.wrap('create-from-src', {
    'description': common.DESCRIPTION, 'name': NAME_ZERO,
    'source_group_id': UUID, 'group_snapshot_id': UUID},
    extra={'oneOf': [{'required': ['group_snapshot_id']},
                     {'required': ['source_group_id']}]})
update = common.wrap('group', {
    'description': common.DESCRIPTION, 'name': NAME_ZERO,
    'add_volumes': common.DESCRIPTION, 'remove_volumes': common.DESCRIPTION},
    extra={'anyOf': [{'required': [key]} for key in (
        'name', 'description', 'add_volumes', 'remove_volumes')]})
delete = common.wrap('delete', {'delete-volumes': common.BOOLEAN})
reset_status = common.wrap('reset_status', {'status': {
    'type': 'string', 'format': 'group_status'}}, ['status'])
group_snapshot_reset_status = common.wrap('reset_status', {'status': {
    'type': 'string', 'format': 'group_snapshot_status'}}, ['status'])
failover_replication = common.wrap('failover_replication', {
    'allow_attached_volume': common.BOOLEAN,
    'secondary_backend_id': NAME_ZERO})


def single(action):
    """{action: {...}}: enable/disable_replication, list_replication_targets
    (any object inside, as cinder takes it)."""
    return {'type': 'object', 'properties': {action: {'type': 'object'}},
            'required': [action], 'additionalProperties': False}


snapshot_create = common.wrap('group_snapshot', {
    'group_id': UUID, 'name': NAME_ZERO, 'description': common.DESCRIPTION},
    ['group_id'])
