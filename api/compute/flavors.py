"""/compute/v2.1/flavors: list, detail, show, create, delete (2.1)."""
import uuid

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import flavor_extras
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
    raise exception.Invalid(reason='Invalid is_public filter [%s]' % value)


def _int_query(kwargs, key):
    value = wsgi.query_value(kwargs, key)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise exception.Invalid(reason='Invalid %s filter [%s]' % (key, value))


def _list(kwargs):
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'os_compute_api:flavors')
    sort_key = wsgi.query_value(kwargs, 'sort_key', 'flavorid')
    sort_dir = wsgi.query_value(kwargs, 'sort_dir', 'asc')
    if sort_key not in db_flavors.SORT_KEYS or sort_dir not in ('asc',
                                                                 'desc'):
        raise exception.Invalid(reason='Invalid sort_key or sort_dir')
    return db_flavors.flavor_list(
        is_public=_is_public(ctxt, kwargs),
        project_id=None if ctxt.is_admin else ctxt.project_id,
        min_memory_mb=_int_query(kwargs, 'minRam'),
        min_root_gb=_int_query(kwargs, 'minDisk'),
        sort_key=sort_key, sort_dir=sort_dir,
        limit=_int_query(kwargs, 'limit'),
        marker=wsgi.query_value(kwargs, 'marker'))


class FlavorsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'action': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        base = wsgi.host_url()
        return wsgi.response({'flavors': [views.basic(r, base)
                                          for r in _list(kwargs)]})

    @pecan.expose()
    def detail(self, **kwargs):
        base = wsgi.host_url()
        return wsgi.response({'flavors': [views.detail(r, base)
                                          for r in _list(kwargs)]})

    @pecan.expose()
    def get_one(self, flavor_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:flavors')
        row = db_flavors.flavor_get(
            flavor_id, project_id=None if ctxt.is_admin else ctxt.project_id)
        return wsgi.response({'flavor': views.detail(row, wsgi.host_url())})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-flavor-manage:create')
        body = validation.body(schemas.create)['flavor']
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
            'is_public': body.get('os-flavor-access:is_public', True),
        }
        if values['memory_mb'] < 1 or values['vcpus'] < 1:
            raise exception.ValidationError(
                field='ram/vcpus', reason='Value must be at least 1.')
        row = db_flavors.flavor_create(values)
        return wsgi.response({'flavor': views.detail(row, wsgi.host_url())})

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
