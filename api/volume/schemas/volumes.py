"""Bodies of volume create/update and the volume actions, per
microversion: 3.13 group_id, 3.47 backup_id, 3.53 unknown keys in create
and empty updates are a 400."""
import copy

from stratus.api import validation
from stratus.api.volume.schemas import common

# cinder measures names and descriptions without surrounding spaces.
_NAME = {'type': ['string', 'null'],
         'format': 'name_non_mandatory_remove_white_spaces'}
_DESCRIPTION = {'type': ['string', 'null'],
                'format': 'description_non_mandatory_remove_white_spaces'}
_CREATE = {
    'name': _NAME, 'description': _DESCRIPTION,
    'display_name': _NAME, 'display_description': _DESCRIPTION,
    'volume_type': {'type': ['string', 'null'], 'maxLength': 255},
    'metadata': common.METADATA_OR_NULL,
    'snapshot_id': common.OPTIONAL_UUID,
    'source_volid': common.OPTIONAL_UUID,
    'consistencygroup_id': common.OPTIONAL_UUID,
    'size': common.SIZE_OR_NULL,
    'availability_zone': {'type': ['string', 'null'], 'minLength': 1,
                          'maxLength': 255},
    'multiattach': {'oneOf': [{'type': 'null'}, common.BOOLEAN]},
    'image_id': {'type': ['string', 'null'], 'maxLength': 255},
    'imageRef': {'type': ['string', 'null'], 'maxLength': 255},
}
_ONE_OR_MORE_UUIDS = {'oneOf': [common.UUID, {
    'type': 'array', 'items': common.UUID, 'uniqueItems': True}]}
# Checked only when the hints are not null, as cinder does.
SCHEDULER_HINTS = {'type': 'object', 'properties': {
    'OS-SCH-HNT:scheduler_hints': {
        'type': ['object', 'null'],
        'properties': {'local_to_instance': common.OPTIONAL_UUID,
                       'different_host': _ONE_OR_MORE_UUIDS,
                       'same_host': _ONE_OR_MORE_UUIDS,
                       'query': {'type': ['string', 'object']}},
        'additionalProperties': True}}}


def _create(extra, strict):
    properties = dict(_CREATE, **extra)
    body = common.wrap('volume', properties, additional=not strict)
    body['properties']['OS-SCH-HNT:scheduler_hints'] = {
        'type': ['object', 'null']}
    return body


_GROUP = {'group_id': {'type': ['string', 'null'], 'maxLength': 255}}
_BACKUP = dict(_GROUP, backup_id=common.OPTIONAL_UUID)
CREATE = [
    ((3, 0), (3, 12), _create({}, False)),
    ((3, 13), (3, 46), _create(_GROUP, False)),
    ((3, 47), (3, 52), _create(_BACKUP, False)),
    ((3, 53), None, _create(_BACKUP, True)),
]

_UPDATE = {'name': _NAME, 'description': _DESCRIPTION,
           'display_name': _NAME, 'display_description': _DESCRIPTION,
           'metadata': common.METADATA}
_update = common.wrap('volume', _UPDATE)
_update_353 = copy.deepcopy(_update)
_update_353['properties']['volume']['anyOf'] = [
    {'required': [key]} for key in ('name', 'description', 'display_name',
                                    'display_description', 'metadata')]
UPDATE = [((3, 0), (3, 52), _update), ((3, 53), None, _update_353)]


def create(version):
    return validation.for_version(version, CREATE)


def update(version):
    return validation.for_version(version, UPDATE)


extend = common.wrap('os-extend', {'new_size': common.SIZE}, ['new_size'])
reset_status = common.wrap('os-reset_status', {
    'status': {'type': 'string'}, 'attach_status': {'type': 'string'},
    'migration_status': {'type': 'string'}})
# cinder's: each may be null; its formats word the refusals.
reset_status_nullable = {
    'type': 'object',
    'properties': {'os-reset_status': {
        'type': 'object',
        'format': 'validate_volume_reset_body',
        'properties': {
            'status': {'type': ['string', 'null'],
                       'format': 'volume_status'},
            'attach_status': {'type': ['string', 'null'],
                              'format': 'volume_attach_status'},
            'migration_status': {'type': ['string', 'null'],
                                 'format': 'volume_migration_status'}},
        'additionalProperties': False}},
    'required': ['os-reset_status'],
    'additionalProperties': False}
attach = common.wrap('os-attach', {
    'instance_uuid': common.UUID,
    'mountpoint': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'host_name': {'type': 'string', 'maxLength': 255},
    'mode': {'type': 'string', 'enum': ['rw', 'ro']}}, ['mountpoint'],
    extra={'anyOf': [{'required': ['instance_uuid']},
                     {'required': ['host_name']}]})
detach = {'type': 'object', 'properties': {'os-detach': {
    'type': ['object', 'null'],
    'properties': {'attachment_id': common.OPTIONAL_UUID},
    'additionalProperties': False}},
    'required': ['os-detach'], 'additionalProperties': False}
initialize_connection = common.wrap('os-initialize_connection', {
    'connector': {'type': ['object', 'string']}}, ['connector'])
terminate_connection = common.wrap('os-terminate_connection', {
    'connector': {'type': ['string', 'object', 'null']}}, ['connector'])
metadata = {'type': 'object', 'properties': {'metadata': common.METADATA},
            'required': ['metadata'], 'additionalProperties': False}
metadata_item = {'type': 'object', 'properties': {'meta': dict(
    common.METADATA, minProperties=1, maxProperties=1)},
    'required': ['meta'], 'additionalProperties': False}

# revert (3.40): snapshot_id may be null or missing; the API answers 400.
revert = common.wrap('revert', {'snapshot_id': {'type': ['string', 'null']}},
                     additional=True)
