"""/compute/v2.1/flavors: list, detail, show, create, delete; update of the
description from 2.55."""
import uuid

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import flavor_extras
from stratus.api.compute import query
from stratus.api.compute.schemas import flavors as schemas
from stratus.api.compute.views import flavors as views
from stratus.common import exception
from stratus.db.api import flavors as db_flavors

_TRUE = ('1', 't', 'true', 'on', 'y', 'yes')
_FALSE = ('0', 'f', 'false', 'off', 'n', 'no')


def _is_public(ctxt, kwargs):
    """Query is_public: absent -> True; 'None' -> all (admin only)."""
    value = wsgi.query_value(kwargs, 'is_public')
    if not ctxt.is_admin or value is None:
        return True
    if value.lower() == 'none':
        return None
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise exception.Invalid('Invalid is_public filter [%s]' % value)


def _int_query(kwargs, key):
    value = wsgi.query_value(kwargs, key)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise exception.Invalid('Invalid %s filter [%s]' % (key, value))


def _list(kwargs):
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'os_compute_api:flavors')
    query.check(kwargs, schemas.list_query(wsgi.version()))
    limit, marker = query.limit_marker(kwargs)
    return db_flavors.flavor_list(
        is_public=_is_public(ctxt, kwargs),
        project_id=None if ctxt.is_admin else ctxt.project_id,
        min_memory_mb=_int_query(kwargs, 'minRam'),
        min_root_gb=_int_query(kwargs, 'minDisk'),
        sort_key=wsgi.query_value(kwargs, 'sort_key', 'flavorid'),
        sort_dir=wsgi.query_value(kwargs, 'sort_dir', 'asc'),
        limit=limit, marker=marker,
        name=wsgi.query_value(kwargs, 'name')
        if wsgi.version() >= (2, 102) else None)


def _page(rows, view, kwargs, collection):
    body = {'flavors': view}
    links = query.next_links(kwargs, collection, len(rows),
                             rows[-1]['flavorid'] if rows else None)
    if links:
        body['flavors_links'] = links
    return wsgi.response(body)


def _values(body):
    flavorid = body.get('id')
    if flavorid in (None, 'auto'):
        flavorid = str(uuid.uuid4())
    values = {
        'flavorid': str(flavorid), 'name': body['name'],
        'memory_mb': int(body['ram']), 'vcpus': int(body['vcpus']),
        'root_gb': int(body['disk']),
        'ephemeral_gb': int(body.get('OS-FLV-EXT-DATA:ephemeral', 0)),
        'swap': int(body.get('swap', 0)),
        'rxtx_factor': float(body.get('rxtx_factor', 1.0)),
        'is_public': str(body.get('os-flavor-access:is_public',
                                  True)).lower() in _TRUE,
        'description': body.get('description'),
    }
    if values['memory_mb'] < 1 or values['vcpus'] < 1:
        raise exception.ValidationError(
            field='ram/vcpus', reason='Value must be at least 1.')
    return values


class FlavorsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'action': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        rows = _list(kwargs)
        base, version = wsgi.host_url(), wsgi.version()
        return _page(rows, [views.basic(r, base, version) for r in rows],
                     kwargs, 'flavors')

    @pecan.expose()
    def detail(self, **kwargs):
        rows = _list(kwargs)
        base, version = wsgi.host_url(), wsgi.version()
        return _page(rows, [views.detail(r, base, version) for r in rows],
                     kwargs, 'flavors/detail')

    @pecan.expose()
    def get_one(self, flavor_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:flavors')
        query.strict_from_2102()
        row = db_flavors.flavor_get(
            flavor_id, project_id=None if ctxt.is_admin else ctxt.project_id)
        return wsgi.response({'flavor': views.detail(
            row, wsgi.host_url(), wsgi.version())})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-flavor-manage:create')
        version = wsgi.version()
        body = validation.body(schemas.create_schema(version))['flavor']
        row = db_flavors.flavor_create(_values(body))
        return wsgi.response({'flavor': views.detail(row, wsgi.host_url(),
                                                     version)})

    @pecan.expose()
    def put(self, flavor_id):
        """2.55: set the description, the one mutable field."""
        version = wsgi.version()
        if version < (2, 55):
            raise exception.NotFound('The resource could not be found.')
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-flavor-manage:update')
        body = validation.body(schemas.update)['flavor']
        row = db_flavors.flavor_update(flavor_id,
                                       {'description': body['description']})
        return wsgi.response({'flavor': views.detail(row, wsgi.host_url(),
                                                     version)})

    @pecan.expose()
    def action(self, flavor_id):
        return flavor_extras.flavor_action(flavor_id)

    @pecan.expose()
    def delete(self, flavor_id):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-flavor-manage:delete')
        db_flavors.flavor_delete(flavor_id)
        return wsgi.response(status=202)


pecan.route(FlavorsController, 'os-extra_specs',
            flavor_extras.ExtraSpecsController())
pecan.route(FlavorsController, 'os-flavor-access',
            flavor_extras.FlavorAccessController())
