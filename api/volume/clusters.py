"""/volume/v3/clusters (3.7): this cloud runs no clustered volume
services, so lists are empty and a named cluster is not found, in
cinder's words."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.common import exception

_LIST_KEYS = {'name', 'binary', 'is_up', 'disabled', 'num_hosts',
              'num_down_hosts'}
_REPLICATION_KEYS = {'replication_status', 'frozen', 'active_backend_id'}
_NAME = {'type': 'string', 'minLength': 1, 'maxLength': 255}
_NULLABLE = {'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255}
_ENABLE = {'type': 'object',
           'properties': {'name': _NAME, 'binary': _NULLABLE},
           'required': ['name'], 'additionalProperties': False}
_DISABLE = {'type': 'object',
            'properties': {'name': _NAME, 'binary': _NULLABLE,
                           'disabled_reason': {'type': ['string', 'null'],
                                               'maxLength': 255}},
            'required': ['name'], 'additionalProperties': False}


def _check_version():
    if wsgi.version() < (3, 7):
        raise exception.NotFound('The resource could not be found.')


def _not_found(name, binary):
    # cinder names the lookup filters it found nothing for.
    return exception.ClusterNotFound(id=str({'binary': binary,
                                             'name': name}))


def _list(kwargs):
    ctxt = wsgi.context()
    _check_version()
    policy.require_admin(ctxt, 'clusters:get_all')
    allowed = set(_LIST_KEYS)
    if wsgi.version() >= (3, 26):
        allowed |= _REPLICATION_KEYS
    invalid = set(kwargs) - allowed
    if invalid:
        raise exception.Invalid(reason='Invalid filter keys: %s'
                                % ', '.join(sorted(invalid)))
    for key in ('disabled', 'is_up'):
        if key in kwargs:
            common.query_bool(kwargs, key)
    return wsgi.response({'clusters': []})


class ClustersController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'enable': ['PUT'],
                       'disable': ['PUT']}

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs)

    @pecan.expose()
    def get_one(self, name, **kwargs):
        ctxt = wsgi.context()
        _check_version()
        policy.require_admin(ctxt, 'clusters:get')
        raise _not_found(name, 'cinder-volume')

    def _update(self, schema):
        ctxt = wsgi.context()
        _check_version()
        body = request_validation.body(schema)
        policy.require_admin(ctxt, 'clusters:update')
        raise _not_found(body['name'], body.get('binary') or 'cinder-volume')

    @pecan.expose()
    def enable(self):
        self._update(_ENABLE)

    @pecan.expose()
    def disable(self):
        self._update(_DISABLE)
