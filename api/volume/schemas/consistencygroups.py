"""Bodies of the deprecated consistency-group and cgsnapshot calls.
cinder keeps these schemas loose on purpose (the API is frozen): most
keys take any type and unknown keys pass."""
from stratus.api.volume.schemas import common

_NAME = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}
_STRING = {'type': 'string'}


def _loose(key, properties, required=()):
    return {'type': 'object',
            'properties': {key: {'type': 'object',
                                 'properties': properties,
                                 'required': list(required),
                                 'additionalProperties': True}},
            'required': [key], 'additionalProperties': True}


create = _loose('consistencygroup', {
    'name': _NAME, 'description': common.DESCRIPTION,
    'volume_types': {}, 'availability_zone': {}}, ['volume_types'])

create_from_src = _loose('consistencygroup-from-src', {
    'name': _NAME, 'description': common.DESCRIPTION,
    'cgsnapshot_id': _STRING, 'source_cgid': _STRING})

# An object naming consistencygroup, an empty object or null (cinder
# tests the body for truth, so it never closed the empty cases).
delete = {'oneOf': [
    _loose('consistencygroup', {'force': common.BOOLEAN}),
    {'type': 'object', 'properties': {}, 'additionalProperties': False},
    {'type': 'null'}]}

update = _loose('consistencygroup', {
    'name': _NAME, 'description': common.DESCRIPTION,
    'add_volumes': {'type': ['string', 'null']},
    'remove_volumes': {'type': ['string', 'null']}})

cgsnapshot_create = _loose('cgsnapshot', {
    'consistencygroup_id': _STRING, 'name': _STRING,
    'description': _STRING}, ['consistencygroup_id'])
