"""/volume/v3/os-quota-sets/{project_id}: show (?usage=True for in_use
and reserved), defaults, update and delete of a project's volume quotas
(volumes, snapshots, gigabytes, their per-type keys, and the backup and
group limits cinder also shows)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import filters
from stratus.api.volume import request_validation
from stratus.common import exception
from stratus.db.api import volume_quotas

UPDATE = {'type': 'object', 'properties': {'quota_set': {
    'type': 'object', 'minProperties': 1}},
    'required': ['quota_set'], 'additionalProperties': False}
# Keys a quota set body may carry besides the limits (cinder's).
NON_QUOTA_KEYS = ('tenant_id', 'id')
_DB_MAX_INT = 2147483647


def _integer(value, key):
    """oslo's validate_integer, with its words, as cinder uses it."""
    try:
        number = int(str(value))
    except (ValueError, UnicodeEncodeError):
        raise exception.Invalid('%s must be an integer' % key)
    if number < -1:
        raise exception.Invalid('%s must be >= -1' % key)
    if number > _DB_MAX_INT:
        raise exception.Invalid('%s must be <= %d' % (key, _DB_MAX_INT))
    return number


def _limits_of(body, known):
    """cinder's quota_set format check: integers in range, then the
    keys it does not know, all named at once."""
    values, bad = {}, []
    for key, value in body.items():
        if key not in known and key not in NON_QUOTA_KEYS:
            bad.append(key)
        elif key not in NON_QUOTA_KEYS:
            values[key] = _integer(value, key)
    if bad:
        raise exception.Invalid(reason='Bad key(s) in quota set: %s'
                                % ', '.join(bad))
    return values


def _check_usage(project_id, values):
    """A limit below what is in use and reserved is refused (-1 and
    per_volume_gigabytes aside)."""
    limits, usage, reserved = volume_quotas.get(project_id)
    for key, value in values.items():
        if key == 'per_volume_gigabytes' or value == -1:
            continue
        used = usage.get(key, 0) + reserved.get(key, 0)
        if value < used:
            raise exception.Invalid(
                'Quota %s limit must be equal or greater than existing '
                'resources. Current usage is %s and the requested limit '
                'is %s.' % (key, used, value))


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


class QuotaSetsController(rest.RestController):
    _custom_actions = {'defaults': ['GET']}

    @pecan.expose()
    def get_one(self, project_id, **kwargs):
        _authorize(project_id, 'volume_extension:quotas:show')
        limits, usage, reserved = volume_quotas.get(project_id)
        usage_asked = wsgi.query_value(kwargs, 'usage')
        if usage_asked is not None and filters.bool_param('usage',
                                                          usage_asked):
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
        body = request_validation.body(UPDATE)['quota_set']
        known = volume_quotas.defaults()
        values = _limits_of(body, known)
        if len(project_id) > 255:
            raise exception.Invalid(
                'quota_set_name has more than 255 characters.')
        _check_usage(project_id, values)
        limits = volume_quotas.update(project_id, values,
                                      skip_validation=True)
        return wsgi.response({'quota_set': limits})

    @pecan.expose()
    def delete(self, project_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:quotas:delete')
        volume_quotas.delete(project_id)
        return common.empty_200()
