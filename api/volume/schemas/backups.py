"""Bodies of backup create/update/restore/import and backup actions
(cinder's schemas, by microversion)."""
from stratus.api.volume.schemas import common

UUID = {'type': 'string', 'format': 'uuid'}
UUID_OR_NULL = {'oneOf': [UUID, {'type': 'null'}]}
CONTAINER = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}
NULLABLE_STRING = {'type': ['string', 'null'], 'minLength': 0,
                   'maxLength': 255}
SPECS = {'type': 'object',
         'patternProperties': {'^[a-zA-Z0-9-_:. /]{1,255}$': {
             'type': 'string', 'maxLength': 255}},
         'additionalProperties': False}

_CREATE = {'volume_id': UUID, 'container': CONTAINER,
           'description': common.DESCRIPTION,
           'incremental': common.BOOLEAN, 'force': common.BOOLEAN,
           'name': common.NAME, 'snapshot_id': UUID_OR_NULL}


def create(version):
    properties = dict(_CREATE)
    if version >= (3, 43):
        properties['metadata'] = dict(SPECS, type=['object', 'null'])
    if version >= (3, 51):
        properties['availability_zone'] = NULLABLE_STRING
    return common.wrap('backup', properties, ['volume_id'])


def update(version):
    properties = {'name': common.NAME, 'description': common.DESCRIPTION}
    if version >= (3, 43):
        properties['metadata'] = SPECS
    schema = common.wrap('backup', properties)
    schema['properties']['backup']['type'] = ['object', 'null']
    return schema


restore = common.wrap('restore', {'name': common.NAME,
                                  'volume_id': UUID_OR_NULL})
restore['properties']['restore']['type'] = ['object', 'null']

import_record = common.wrap('backup-record', {
    'backup_service': {'type': 'string', 'minLength': 0, 'maxLength': 255},
    'backup_url': {'type': 'string', 'minLength': 1}},
    ['backup_service', 'backup_url'])

# cinder's backup_status format: any case of a backup status.
BACKUP_STATUSES = ('error', 'error_deleting', 'creating', 'available',
                   'deleting', 'deleted', 'restoring')
reset_status = common.wrap('os-reset_status', {
    'status': {'type': 'string', 'format': 'backup_status'}}, ['status'])
