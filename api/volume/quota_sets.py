"""/volume/v3/os-quota-sets/{project_id}: show (?usage=True for in_use
and reserved), defaults, update and delete of a project's volume quotas
(volumes, snapshots, gigabytes, their per-type keys, and the backup and
group limits cinder also shows)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume.schemas.common import BOOLEAN
from stratus.common import exception
from stratus.db.api import volume_quotas

_LIMIT = {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
          'minimum': -1, 'maximum': 2147483647}
UPDATE = {'type': 'object', 'properties': {'quota_set': {
    'type': 'object', 'properties': {'skip_validation': BOOLEAN},
    'additionalProperties': _LIMIT}},
    'required': ['quota_set'], 'additionalProperties': False}


def _authorize(project_id, action):
    ctxt = wsgi.context()
    policy.require_reader(ctxt, action)
    if not ctxt.is_admin and project_id != ctxt.project_id:
        raise exception.Forbidden(action=action)
    return ctxt


def _with_usage(limits, usage, reserved):
    return {name: {'limit': limit, 'in_use': usage.get(name, 0),
                   'reserved': reserved.get(name, 0)}
            for name, limit in limits.items()}


def _limits_of(body):
    values = {}
    for name, value in body.items():
        if name == 'skip_validation':
            continue
        value = int(value)
        if value < -1:
            raise exception.ValidationError(
                field='quota_set/%s' % name,
                reason='Quota limit must be -1 or greater.')
        values[name] = value
    return values


class QuotaSetsController(rest.RestController):
    _custom_actions = {'defaults': ['GET']}

    @pecan.expose()
    def get_one(self, project_id, **kwargs):
        _authorize(project_id, 'volume_extension:quotas:show')
        limits, usage, reserved = volume_quotas.get(project_id)
        if common.query_bool(kwargs, 'usage'):
            body = _with_usage(limits, usage, reserved)
        else:
            body = dict(limits)
        body['id'] = project_id
        return wsgi.response({'quota_set': body})

    @pecan.expose()
    def defaults(self, project_id=None, **kwargs):
        if project_id is None:
            raise exception.NotFound()
        _authorize(project_id, 'volume_extension:quotas:show')
        body = volume_quotas.defaults()
        body['id'] = project_id
        return wsgi.response({'quota_set': body})

    @pecan.expose()
    def put(self, project_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:quotas:update')
        body = validation.body(UPDATE)['quota_set']
        skip = common.is_true(body.get('skip_validation', True),
                              'skip_validation')
        limits = volume_quotas.update(project_id, _limits_of(body),
                                      skip_validation=skip)
        return wsgi.response({'quota_set': limits})

    @pecan.expose()
    def delete(self, project_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:quotas:delete')
        volume_quotas.delete(project_id)
        return common.empty_200()
