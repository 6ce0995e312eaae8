"""/v2/tasks (list, show; create and delete refused as glance 33 answers
them) and /v2/images/{id}/tasks. The tasks API is admin-only
(tasks_api_access); glance deprecated it in favour of image import."""
import urllib.parse

import pecan
from pecan import rest

from stratus.api import timefmt
from stratus.api import wsgi
from stratus.api.image import access
from stratus.api.image import routes
from stratus.api.image.metadefs import access as metadef_access
from stratus.api.image.schemas import images as image_schemas
from stratus.api import validation
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import image_tasks as db_tasks

STATUSES = ('pending', 'processing', 'success', 'failure')


_TASK_PROPERTIES = {
    'id': {'type': 'string', 'pattern': image_schemas.UUID_PATTERN,
           'description': 'Task identifier'},
    'type': {'type': 'string', 'enum': ['import', 'api_image_import',
                                        'location_import'],
             'description': 'Kind of task'},
    'status': {'type': 'string', 'enum': list(STATUSES),
               'description': 'Where the task is'},
    'input': {'type': ['null', 'object'],
              'description': 'Parameters of the task'},
    'result': {'type': ['null', 'object'],
               'description': 'Outcome of the task'},
    'owner': {'type': 'string', 'description': 'Project of the task'},
    'message': {'type': 'string',
                'description': 'Explanation, usually of a failure'},
    'image_id': {'type': 'string', 'description': 'Image of the task'},
    'request_id': {'type': 'string',
                   'description': 'Request that started the task'},
    'user_id': {'type': 'string', 'description': 'User of the task'},
    'expires_at': {'type': ['null', 'string'],
                   'description': 'When the task may be removed'},
    'created_at': {'type': 'string', 'description': 'Creation time'},
    'updated_at': {'type': 'string', 'description': 'Last change time'},
    'self': {'readOnly': True, 'type': 'string'},
    'schema': {'readOnly': True, 'type': 'string'},
}


def task_schema(partial=False):
    """glance's task schema (closed); the partial one, for lists, hides
    input, result and message."""
    props = {key: dict(value) for key, value in _TASK_PROPERTIES.items()
             if not (partial and key in ('input', 'result', 'message'))}
    return {'name': 'task', 'properties': props,
            'additionalProperties': False}


def task_document():
    """/v2/schemas/task (glance serves the minimal form)."""
    doc = task_schema()
    del doc['additionalProperties']
    return doc


def tasks_document():
    """/v2/schemas/tasks."""
    item = task_schema(partial=True)
    del item['additionalProperties']
    return {'name': 'tasks',
            'properties': {'tasks': {'type': 'array', 'items': item},
                           'schema': {'type': 'string'}},
            'links': [{'rel': 'describedby', 'href': '{schema}'}]}


def _enforce_access():
    if not wsgi.context().is_admin:
        raise exception.Forbidden('You are not authorized to complete '
                                  'tasks_api_access action.')


def _time(value):
    return timefmt.iso_z(value) if value is not None else None


def stub(task):
    """A task as /v2/tasks lists it."""
    body = {'id': task['id'], 'type': task['type'],
            'status': task['status'], 'owner': task['owner'],
            'created_at': _time(task['created_at']),
            'updated_at': _time(task['updated_at']),
            'self': '/v2/tasks/%s' % task['id'],
            'schema': '/v2/schemas/task'}
    if task['expires_at']:
        body['expires_at'] = _time(task['expires_at'])
    return body


def detail(task):
    body = stub(task)
    body.update(input=task['input'], result=task['result'],
                message=task['message'])
    for key in ('image_id', 'request_id', 'user_id'):
        if task[key]:
            body[key] = task[key]
    return body


def record(task):
    """A task as /v2/images/{id}/tasks shows it: the stored record."""
    def iso(value):
        return value.isoformat() if value is not None else None
    return {'id': task['id'], 'type': task['type'],
            'status': task['status'], 'owner': task['owner'],
            'expires_at': iso(task['expires_at']),
            'created_at': iso(task['created_at']),
            'updated_at': iso(task['updated_at']),
            'deleted_at': None, 'deleted': False,
            'image_id': task['image_id'], 'request_id': task['request_id'],
            'user_id': task['user_id'], 'input': task['input'],
            'result': task['result'], 'message': task['message']}


def _list_args(params):
    sort_dir = params.pop('sort_dir', 'desc')
    if sort_dir not in ('asc', 'desc'):
        raise exception.Invalid('Invalid sort direction: %s' % sort_dir)
    sort_key = params.pop('sort_key', 'created_at')
    if sort_key not in db_tasks.SORT_KEYS:
        raise exception.Invalid('Invalid sort key: %s' % sort_key)
    status, type_ = params.get('status'), params.get('type')
    if status and status not in STATUSES:
        raise exception.Invalid('Invalid status value: %s' % status)
    if type_ and type_ != 'import':
        raise exception.Invalid('Invalid type value: %s' % type_)
    limit = params.pop('limit', None)
    if limit is not None:
        try:
            limit = int(limit)
        except ValueError:
            raise exception.Invalid('limit param must be an integer')
        if limit < 0:
            raise exception.Invalid('limit param must be positive')
    else:
        limit = CONF.image.limit_param_default
    return {'sort_key': sort_key, 'sort_dir': sort_dir,
            'status': status or None, 'type_': type_ or None,
            'marker': params.pop('marker', None),
            'limit': min(CONF.image.api_limit_max, limit)}


class TasksController(routes.Dispatcher):
    ROUTES = (
        ((), {'POST': 'create', 'GET': 'index'}),
        (('*',), {'GET': 'show', 'DELETE': 'delete'}),
    )

    def index(self):
        _enforce_access()
        params = dict(pecan.request.GET)
        args = _list_args(dict(params))
        tasks = db_tasks.list_page(**args)
        body = {'tasks': [stub(t) for t in tasks], 'first': '/v2/tasks',
                'schema': '/v2/schemas/tasks'}
        params.pop('marker', None)
        if params:
            body['first'] += '?' + urllib.parse.urlencode(params)
        if tasks and len(tasks) == args['limit']:
            params['marker'] = tasks[-1]['id']
            body['next'] = '/v2/tasks?' + urllib.parse.urlencode(params)
        return wsgi.response(body)

    def show(self, task_id):
        _enforce_access()
        return wsgi.response(detail(db_tasks.get(task_id)))

    def create(self):
        _enforce_access()
        body = validation.load_json(pecan.request)
        if not isinstance(body, dict):
            raise exception.Invalid('Body expected in request.')
        for key in ('type', 'input'):
            if key not in body:
                raise exception.Invalid("Task '%s' is required" % key)
        metadef_access.validate(task_schema(), body)
        # The legacy import task fetches a URL; stratus fetches none (as
        # web-download, it is not enabled), so every URL fails glance's
        # import filter.
        uri = (body['input'] or {}).get('import_from')
        raise exception.Invalid('URI for legacy import task does not pass '
                                'filtering: %s' % uri)

    def delete(self, task_id):
        _enforce_access()
        raise routes.MethodNotAllowed(pecan.request.method, 'GET').with_text(
            'This operation is currently not permitted on Glance Tasks. '
            'They are auto deleted after reaching the time based on their '
            'expires_at property.')


class ImageTasksController(rest.RestController):
    """GET /v2/images/{id}/tasks."""

    @pecan.expose()
    def get_all(self, image_id):
        ctxt = wsgi.context()
        access.require_reader(ctxt, 'get_image')
        try:
            access.get_visible(ctxt, image_id)
        except exception.ImageNotFound:
            raise exception.NotFound('The resource could not be found.')
        return wsgi.response({'tasks': [
            record(t) for t in db_tasks.list_page(image_id=image_id,
                                                  sort_dir='asc')]})
