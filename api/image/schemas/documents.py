"""The JSON schemas served at /v2/schemas/{image,images,member,members,
task,tasks} (clients may fetch them to learn the attributes)."""
from stratus.api.image import tasks
from stratus.api.image.schemas import images as req


def _read_only(schema, description):
    return dict(schema, readOnly=True, description=description)


_HASH = {'type': 'string', 'maxLength': 128}
_LOCATION = {
    'type': 'object',
    'properties': {
        'url': {'type': 'string', 'maxLength': 255},
        'metadata': {'type': 'object'},
        'validation_data': {
            'description': 'Checksum and hash the data must match',
            'type': 'object', 'writeOnly': True,
            'additionalProperties': False,
            'properties': {
                'checksum': {'type': 'string', 'minLength': 32,
                             'maxLength': 32},
                'os_hash_algo': {'type': 'string', 'maxLength': 64},
                'os_hash_value': _HASH},
            'required': ['os_hash_algo', 'os_hash_value']}},
    'required': ['url', 'metadata'],
}


def _deployment_properties():
    """The properties a devstack glance adds from its schema-image.json:
    what glanceclient checks an image change against."""
    uuid_ref = {'type': ['null', 'string'], 'pattern': req.UUID_PATTERN}
    return {
        'kernel_id': dict(uuid_ref, description='Image of the kernel an '
                          'AMI-style image boots'),
        'ramdisk_id': dict(uuid_ref, description='Image of the ramdisk an '
                           'AMI-style image boots'),
        'instance_uuid': {'type': 'string', 'description': 'Server the '
                          'image was taken from (informational)'},
        'architecture': {'type': 'string', 'description': 'CPU '
                         'architecture of the operating system'},
        'os_distro': {'type': 'string', 'description': 'Operating system '
                      'distribution'},
        'os_version': {'type': 'string', 'description': 'Operating system '
                       'version'},
        'description': {'type': 'string', 'description': 'What the image '
                        'is'},
        'cinder_encryption_key_id': {'type': 'string', 'description':
                                     'Key Manager key of an encrypted '
                                     'volume\'s image'},
        'cinder_encryption_key_deletion_policy': {
            'type': 'string', 'enum': ['on_image_deletion', 'do_not_delete'],
            'description': 'Whether deleting the image deletes that key'},
    }


def image():
    props = {key: dict(value) for key, value in req.ATTRIBUTES.items()}
    props.update({
        'status': _read_only({'type': 'string',
                              'enum': list(req.STATUSES)},
                             'Status of the image'),
        'checksum': _read_only({'type': ['null', 'string'],
                                'maxLength': 32}, 'md5 hash of image data'),
        'os_hash_algo': _read_only({'type': ['null', 'string'],
                                    'maxLength': 64},
                                   'Algorithm of os_hash_value'),
        'os_hash_value': _read_only({'type': ['null', 'string'],
                                     'maxLength': 128},
                                    'Hexdigest of the image data'),
        'size': _read_only({'type': ['null', 'integer']},
                           'Size of image file in bytes'),
        'virtual_size': _read_only({'type': ['null', 'integer']},
                                   'Virtual size of image in bytes'),
        'created_at': _read_only({'type': 'string'},
                                 'Date and time of image registration'),
        'updated_at': _read_only({'type': 'string'},
                                 'Date and time of the last image '
                                 'modification'),
        'self': _read_only({'type': 'string'}, 'An image self url'),
        'file': _read_only({'type': 'string'}, 'An image file url'),
        'schema': _read_only({'type': 'string'}, 'An image schema url'),
        'direct_url': _read_only({'type': 'string'},
                                 'URL of the image data in its store'),
        'stores': _read_only({'type': 'string'},
                             'Stores holding the data (multiple stores '
                             'only), comma-separated'),
        'locations': {'type': 'array', 'items': _LOCATION,
                      'description': 'URLs of the image data in its '
                                     'stores'},
    })
    props.update(_deployment_properties())
    return {
        'name': 'image',
        'properties': props,
        'additionalProperties': {'type': 'string'},
        'links': [{'rel': 'self', 'href': '{self}'},
                  {'rel': 'enclosure', 'href': '{file}'},
                  {'rel': 'describedby', 'href': '{schema}'}],
    }


def _collection(name, item):
    return {
        'name': name,
        'properties': {
            name: {'type': 'array', 'items': item},
            'schema': {'type': 'string'},
            'first': {'type': 'string'},
            'next': {'type': 'string'},
        },
        'links': [{'rel': 'first', 'href': '{first}'},
                  {'rel': 'next', 'href': '{next}'},
                  {'rel': 'describedby', 'href': '{schema}'}],
    }


def images():
    return _collection('images', image())


def member():
    return {
        'name': 'member',
        'properties': {
            'image_id': {'type': 'string', 'description': 'An identifier '
                         'for the image'},
            'member_id': {'type': 'string', 'description': 'An identifier '
                          'for the image member (project id)'},
            'status': {'type': 'string',
                       'enum': list(req.MEMBER_STATUSES)},
            'created_at': {'type': 'string'},
            'updated_at': {'type': 'string'},
            'schema': {'type': 'string', 'readOnly': True},
        },
    }


def members():
    # glance serves the member documents in their minimal form.
    return {'name': 'members',
            'properties': {'members': {'type': 'array', 'items': member()},
                           'schema': {'type': 'string'}},
            'links': [{'rel': 'describedby', 'href': '{schema}'}]}


DOCUMENTS = {'image': image, 'images': images, 'member': member,
             'members': members, 'task': tasks.task_document,
             'tasks': tasks.tasks_document}
