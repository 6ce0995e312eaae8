"""/os-aggregates: host aggregates (admin only), their hosts and metadata
(POST /os-aggregates/{id}/action), and the image cache request (2.81)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import aggregates as schemas
from stratus.api.compute.views import aggregates as views
from stratus.common import exception
from stratus.api.compute import aggregate_rules
from stratus.db.api import aggregates as db

_POLICY = 'os_compute_api:os-aggregates:%s'


def _admin(action):
    ctxt = wsgi.context()
    policy.require_admin(ctxt, _POLICY % action)
    return ctxt


def _check_id(aggregate_id):
    try:
        int(str(aggregate_id))
    except ValueError:
        raise exception.Invalid(reason='id must be an integer')


def _one(row, status=200, created=False):
    return wsgi.response({'aggregate': views.aggregate(
        row, wsgi.version(), created=created)}, status=status)


def _empty_200():
    """nova's 200 without a body (pecan turns an empty 200 into a 204
    unless the body is a generator that yields)."""
    resp = wsgi.response(status=200)
    resp.app_iter = (chunk for chunk in [b''])
    resp.content_length = 0
    return resp


def _add_host(aggregate_id, body):
    try:
        return aggregate_rules.add_host(aggregate_id, body['host'])
    except exception.Invalid as error:
        # nova answers a refused zone move 409 here, 400 elsewhere.
        raise exception.Conflict(error.message)


def _remove_host(aggregate_id, body):
    host = body['host']
    try:
        return aggregate_rules.remove_host(aggregate_id, host)
    except (exception.AggregateNotFound, exception.AggregateHostNotFound,
            exception.ComputeHostNotFound):
        raise exception.NotFound('Cannot remove host %s in aggregate %s'
                                 % (host, aggregate_id))
    except exception.Invalid as error:
        raise exception.Conflict(error.message)


def _set_metadata(aggregate_id, body):
    return aggregate_rules.set_metadata(aggregate_id, body['metadata'])


_ACTIONS = {'add_host': (_add_host, schemas.add_host),
            'remove_host': (_remove_host, schemas.remove_host),
            'set_metadata': (_set_metadata, schemas.set_metadata)}


class AggregatesController(rest.RestController):
    _custom_actions = {'action': ['POST'], 'images': ['POST']}

    @pecan.expose()
    def get_all(self):
        query.strict_from_2102()
        _admin('index')
        version = wsgi.version()
        return wsgi.response({'aggregates': [
            views.aggregate(row, version) for row in db.get_all()]})

    @pecan.expose()
    def get_one(self, aggregate_id):
        query.strict_from_2102()
        _admin('show')
        _check_id(aggregate_id)
        return _one(db.get(aggregate_id))

    @pecan.expose()
    def post(self):
        body = validation.body(schemas.create)['aggregate']
        _admin('create')
        return _one(aggregate_rules.create(
            body['name'], body.get('availability_zone')), created=True)

    @pecan.expose()
    def put(self, aggregate_id):
        body = validation.body(schemas.update)['aggregate']
        _admin('update')
        _check_id(aggregate_id)
        return _one(aggregate_rules.update(aggregate_id, body))

    @pecan.expose()
    def delete(self, aggregate_id):
        _admin('delete')
        _check_id(aggregate_id)
        aggregate_rules.delete(aggregate_id)
        return _empty_200()

    @pecan.expose()
    def action(self, aggregate_id):
        body = validation.load_json(pecan.request)
        if not isinstance(body, dict) or len(body) != 1:
            raise exception.Invalid('Malformed request body')
        name = next(iter(body))
        if name not in _ACTIONS:
            raise exception.Invalid('There is no such action: %s' % name)
        handler, schema = _ACTIONS[name]
        body = validation.check(schema, body)[name]
        _admin(name)
        _check_id(aggregate_id)
        return _one(handler(aggregate_id, body))

    @pecan.expose()
    def images(self, aggregate_id):
        """2.81: cache images on the aggregate's hosts. The computes'
        driver keeps no image cache, so the request is accepted and each
        host reports it unsupported, as nova's do without support."""
        if wsgi.version() < (2, 81):
            raise exception.NotFound('The resource could not be found.')
        body = validation.body(schemas.images)
        policy.require_admin(wsgi.context(), 'compute:aggregates:images')
        _check_id(aggregate_id)
        ids = [item['id'] for item in body['cache']]
        if len(ids) != len(set(ids)):
            raise exception.Invalid('Duplicate images in request')
        db.get(aggregate_id)
        return wsgi.response(status=202)
