"""Bodies of the volume actions this family adds (cinder's
volume_actions, volume_image_metadata and admin_actions schemas)."""
import copy

from stratus.api.volume.schemas import common
from stratus.api.volume.schemas import types

# cinder's image_metadata parameter type: values are text that fits a
# MySQL TEXT column (64 KiB of UTF-8).
IMAGE_METADATA = {'type': 'object',
                  'patternProperties': {'^[a-zA-Z0-9-_:. /]{1,255}$': {
                      'type': 'string', 'format': 'mysql_text'}},
                  'additionalProperties': False}

set_bootable = common.wrap('os-set_bootable', {'bootable': common.BOOLEAN},
                           ['bootable'])
update_readonly_flag = common.wrap('os-update_readonly_flag', {
    'readonly': common.BOOLEAN}, ['readonly'])
set_image_metadata = common.wrap('os-set_image_metadata', {
    'metadata': IMAGE_METADATA}, ['metadata'])
unset_image_metadata = common.wrap('os-unset_image_metadata', {
    'key': {'type': 'string', 'minLength': 1, 'maxLength': 255}}, ['key'])

DISK_FORMATS = ['raw', 'vmdk', 'vdi', 'qcow2', 'vhd', 'vhdx', 'ploop']
upload_image = common.wrap('os-volume_upload_image', {
    'image_name': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'force': common.BOOLEAN,
    'disk_format': {'type': 'string', 'enum': DISK_FORMATS},
    'container_format': types.DESCRIPTION}, ['image_name'])
# 3.1: visibility and protected.
upload_image_31 = copy.deepcopy(upload_image)
upload_image_31['properties']['os-volume_upload_image']['properties'].update(
    visibility={'type': 'string',
                'enum': ['community', 'public', 'private', 'shared']},
    protected=common.BOOLEAN)

force_detach = common.wrap('os-force_detach', {
    'connector': {'type': ['string', 'object', 'null']},
    'attachment_id': {'type': ['string', 'null']}})
retype = common.wrap('os-retype', {
    'new_type': {'type': 'string'},
    'migration_policy': {'type': ['string', 'null'],
                         'enum': ['on-demand', 'never']}}, ['new_type'])
migrate_volume = common.wrap('os-migrate_volume', {
    'host': {'type': 'string', 'maxLength': 255},
    'force_host_copy': common.BOOLEAN, 'lock_volume': common.BOOLEAN},
    ['host'])
# 3.16: host may be null and a cluster may be named instead.
migrate_volume_316 = common.wrap('os-migrate_volume', {
    'host': {'type': ['string', 'null'], 'maxLength': 255},
    'force_host_copy': common.BOOLEAN, 'lock_volume': common.BOOLEAN,
    'cluster': {'type': ['string', 'null'], 'minLength': 0,
                'maxLength': 255}})
migrate_volume_completion = common.wrap('os-migrate_volume_completion', {
    'new_volume': {'type': 'string', 'format': 'uuid'},
    'error': {'type': ['string', 'null', 'boolean']}}, ['new_volume'])
extend_volume_completion = common.wrap('os-extend_volume_completion', {
    'error': {'type': ['string', 'null', 'boolean']}})
reimage = common.wrap('os-reimage', {
    'image_id': {'type': 'string', 'format': 'uuid'},
    'reimage_reserved': common.BOOLEAN}, ['image_id'])
