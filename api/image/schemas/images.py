"""Request bodies of the images API and the attribute rules glance
applies before any schema: read-only and reserved names."""

DISK_FORMATS = ('ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2',
                'vdi', 'iso', 'ploop')
CONTAINER_FORMATS = ('ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker',
                     'compressed')
VISIBILITIES = ('public', 'private', 'shared', 'community')
STATUSES = ('queued', 'saving', 'active', 'killed', 'deleted',
            'pending_delete', 'deactivated', 'uploading', 'importing')
MEMBER_STATUSES = ('pending', 'accepted', 'rejected')

# The service fills these in: a request naming one is refused with 403.
READ_ONLY = ('checksum', 'os_hash_algo', 'os_hash_value', 'size',
             'virtual_size', 'status', 'created_at', 'updated_at',
             'direct_url', 'self', 'file', 'schema', 'stores')
RESERVED = ('location', 'locations', 'deleted', 'deleted_at')
RESERVED_PREFIX = 'os_glance'

UUID_PATTERN = ('^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
         '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$')
_INT = {'type': 'integer', 'minimum': 0, 'maximum': 2147483647}

# One schema per base attribute, shared by create and by JSON patch.
ATTRIBUTES = {
    'id': {'type': 'string', 'pattern': UUID_PATTERN},
    'name': {'type': ['null', 'string'], 'maxLength': 255},
    'visibility': {'type': 'string', 'enum': list(VISIBILITIES)},
    'protected': {'type': 'boolean'},
    'os_hidden': {'type': 'boolean'},
    'owner': {'type': ['null', 'string'], 'maxLength': 255},
    'container_format': {'type': ['null', 'string'],
                         'enum': [None] + list(CONTAINER_FORMATS)},
    'disk_format': {'type': ['null', 'string'],
                    'enum': [None] + list(DISK_FORMATS)},
    'min_ram': _INT,
    'min_disk': _INT,
    'tags': {'type': 'array', 'maxItems': 128, 'uniqueItems': False,
             'items': {'type': 'string', 'minLength': 1, 'maxLength': 255}},
}
PATCH_TYPES = ('application/openstack-images-v2.1-json-patch',
               'application/openstack-images-v2.0-json-patch')

member_create = {
    'type': 'object',
    'properties': {'member': {'type': 'string', 'minLength': 1,
                              'maxLength': 255}},
    'required': ['member'],
    'additionalProperties': False,
}

# openstacksdk sends the member id along; glance reads only the status.
member_update = {
    'type': 'object',
    'properties': {'status': {'type': 'string',
                              'enum': list(MEMBER_STATUSES)}},
    'required': ['status'],
}
