"""The JSON schemas served at /v2/schemas/{image,images,member,members,
task,tasks} (clients may fetch them to learn the attributes)."""
from stratus.api.image import tasks
from stratus.api.image.schemas import image_document
from stratus.api.image.schemas import images as req


def image():
    return image_document.image()


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
