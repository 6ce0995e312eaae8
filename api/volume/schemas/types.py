"""Bodies of volume type create/update, extra specs and type access, as
cinder's schemas (its parameter types: the order of the properties
decides which error is reported first)."""
from stratus.api.volume.schemas import common
from stratus.api.volume.schemas import printable

DESCRIPTION = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255,
               'pattern': printable.DESCRIPTION_PATTERN}
_KEY = '^[a-zA-Z0-9-_:. /]{1,255}$'
_KEY_NO_SPACES = '^[a-zA-Z0-9-_:.]{1,255}$'
# Type create: the usual metadata keys, string or null values.
SPECS_WITH_NULL = {'type': 'object', 'patternProperties': {
    _KEY: {'type': ['string', 'null'], 'maxLength': 255}},
    'additionalProperties': False}
# The extra specs routes: keys without spaces or slashes.
SPECS_NO_SPACES = {'type': 'object', 'patternProperties': {
    _KEY_NO_SPACES: {'type': ['string', 'null'], 'minLength': 0,
                     'maxLength': 255}},
    'additionalProperties': False}

create = common.wrap('volume_type', {
    'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
             'format': 'name'},
    'description': DESCRIPTION,
    'extra_specs': SPECS_WITH_NULL,
    'os-volume-type-access:is_public': common.BOOLEAN}, ['name'])
# An empty update passes the schema; the controller then refuses it.
update = common.wrap('volume_type', {
    'name': {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255},
    'description': DESCRIPTION, 'is_public': common.BOOLEAN})
extra_specs = {'type': 'object',
               'properties': {'extra_specs': SPECS_NO_SPACES},
               'required': ['extra_specs'], 'additionalProperties': False}
extra_spec_item = dict(SPECS_NO_SPACES, minProperties=1, maxProperties=1)
_PROJECT = {'project': {'type': 'string', 'minLength': 1, 'maxLength': 255}}
add_access = common.wrap('addProjectAccess', _PROJECT, ['project'])
remove_access = common.wrap('removeProjectAccess', _PROJECT, ['project'])
