"""Bodies of volume type create/update, extra specs and type access."""
from stratus.api.volume.schemas import common

_NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255}
create = common.wrap('volume_type', {
    'name': _NAME, 'description': common.DESCRIPTION,
    'extra_specs': common.EXTRA_SPECS,
    'os-volume-type-access:is_public': common.BOOLEAN}, ['name'])
update = common.wrap('volume_type', {
    'name': dict(_NAME, type=['string', 'null']),
    'description': common.DESCRIPTION, 'is_public': common.BOOLEAN},
    extra={'anyOf': [{'required': ['name']}, {'required': ['description']},
                     {'required': ['is_public']}]})
extra_specs = {'type': 'object',
               'properties': {'extra_specs': dict(common.EXTRA_SPECS,
                                                  minProperties=1)},
               'required': ['extra_specs'], 'additionalProperties': False}
extra_spec_item = dict(common.EXTRA_SPECS, minProperties=1, maxProperties=1)
add_access = common.wrap('addProjectAccess', {
    'project': {'type': 'string', 'minLength': 1, 'maxLength': 255}},
    ['project'])
remove_access = common.wrap('removeProjectAccess', {
    'project': {'type': 'string', 'minLength': 1, 'maxLength': 255}},
    ['project'])
