"""Bodies of snapshot create/update and actions."""
from stratus.api.volume.schemas import common

# cinder's create takes no display_description (its update does).
create = common.wrap('snapshot', {
    'name': common.NAME, 'display_name': common.NAME,
    'description': common.DESCRIPTION,
    # cinder's uuid_allow_null: a null id passes and the lookup answers 404.
    'volume_id': {'oneOf': [common.UUID, {'type': 'null'}]},
    'force': common.BOOLEAN, 'metadata': common.METADATA_OR_NULL},
    ['volume_id'])
update = common.wrap('snapshot', {
    'name': common.NAME, 'description': common.DESCRIPTION,
    'display_name': common.NAME, 'display_description': common.DESCRIPTION},
    extra={'anyOf': [{'required': [k]} for k in (
        'name', 'description', 'display_name', 'display_description')]})
reset_status = common.wrap('os-reset_status', {
    'status': {'type': 'string', 'format': 'snapshot_status'}}, ['status'])

# cinder's snapshot metadata: keys without '/', other top-level keys let
# through (unlike a volume's).
_METADATA = {'type': 'object',
             'patternProperties': {'^[a-zA-Z0-9-_:. ]{1,255}$': {
                 'type': 'string', 'maxLength': 255}},
             'additionalProperties': False}
metadata = {'type': 'object', 'properties': {'metadata': _METADATA},
            'required': ['metadata'], 'additionalProperties': True}
metadata_item = {'type': 'object', 'properties': {'meta': dict(
    _METADATA, minProperties=1, maxProperties=1)},
    'required': ['meta'], 'additionalProperties': True}
