"""/volume/v3/workers/cleanup (3.24): which services a cleanup request
would go to. cinder's scheduler sends it to every matching scheduler and
every matching volume service that is up ("cleaning") and lists the
volume services that are down ("unavailable"); by default only services
that are down match (is_up false). Stratus volume services recover their
stuck resources when they start, so nothing more is sent here."""
import pecan
from oslo_utils import strutils
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import common
from stratus.common import exception
from stratus.db.api import services as db_services

# cinder's binaries as the API names them, and stratus's daemons.
_BINARIES = {'cinder-volume': 'stratus-volume',
             'cinder-scheduler': 'stratus-scheduler'}
_RESOURCE_TYPES = ('Volume', 'Snapshot')
_HOST = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255}
_CLEANUP = {'type': ['object', 'null'], 'properties': {
    'cluster_name': _HOST, 'disabled': common.BOOLEAN, 'host': _HOST,
    'is_up': common.BOOLEAN,
    'binary': {'enum': list(_BINARIES)},
    'resource_id': {'oneOf': [{'type': 'string', 'format': 'uuid'},
                              {'type': 'null'}]},
    'resource_type': {'type': ['string', 'null']},
    'service_id': {'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
                   'maxLength': 11}},
    'additionalProperties': False}


def _view(row):
    binary = {v: k for k, v in _BINARIES.items()}.get(row['binary'],
                                                      row['binary'])
    return {'id': row['id'], 'host': row['host'], 'binary': binary,
            'cluster_name': None}


class WorkersController(rest.RestController):
    _custom_actions = {'cleanup': ['POST']}

    @pecan.expose()
    def put(self, *args):
        # cinder routes only POST cleanup; a PUT (what openstacksdk sends)
        # finds no method there: a plain 404.
        wsgi.context()
        raise exception.NotFound('The resource could not be found.')

    @pecan.expose()
    def cleanup(self):
        ctxt = wsgi.context()
        if wsgi.version() < (3, 24):
            raise exception.NotFound('The resource could not be found.')
        body = request_validation.check(
            _CLEANUP, validation.load_json(pecan.request)
            if pecan.request.body else None) or {}
        policy.require_admin(ctxt, 'workers:cleanup')
        resource_type = body.get('resource_type')
        if resource_type and resource_type.title() not in _RESOURCE_TYPES:
            raise exception.Invalid(
                reason='Resource type %s not valid, must be Volume or '
                       'Snapshot' % resource_type.title())
        if body.get('resource_id') and not {
                'service_id', 'cluster_name', 'host'} & set(body):
            # No workers table: no resource is ever pending cleanup.
            # cinder words it from a tuple (its message is never
            # formatted); the words are kept.
            raise exception.Invalid(reason=str((
                'There is no resource with UUID %s pending cleanup.',
                body['resource_id'])))
        is_up = strutils.bool_from_string(body.get('is_up', False))
        disabled = body.get('disabled')
        cleaning, unavailable = [], []
        for row in db_services.service_list(binaries=tuple(
                _BINARIES.values())):
            if not _matches(row, body, is_up, disabled):
                continue
            if row['binary'] == 'stratus-scheduler' or row['is_up']:
                cleaning.append(_view(row))
            else:
                unavailable.append(_view(row))
        return wsgi.response({'cleaning': cleaning,
                              'unavailable': unavailable}, status=202)


def _matches(row, body, is_up, disabled):
    if body.get('binary') and row['binary'] != _BINARIES[body['binary']]:
        return False
    if body.get('host') and row['host'] != body['host']:
        return False
    if body.get('service_id') not in (None, '') and \
            str(row['id']) != str(body['service_id']):
        return False
    if body.get('cluster_name'):
        return False        # no service is in a cluster
    if disabled is not None and bool(row['disabled']) != \
            strutils.bool_from_string(disabled):
        return False
    return row['is_up'] == is_up
