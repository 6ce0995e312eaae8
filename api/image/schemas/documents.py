"""The JSON schemas served at /v2/schemas/{image,images,member,members,
task,tasks} (clients may fetch them to learn the attributes)."""
from stratus.api.image import tasks
from stratus.api.image.schemas import images as req


def _read_only(schema, description):
    return dict(schema, readOnly=True, description=description)


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
    })
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
    return _collection('members', member())


DOCUMENTS = {'image': image, 'images': images, 'member': member,
             'members': members, 'task': tasks.task_document,
             'tasks': tasks.tasks_document}
