"""/volume/v3/volume-transfers and /volume/v3/os-volume-transfer: giving a
volume to another project.

Both routes answer at every microversion, as cinder's do (its v3
volume-transfers controller carries no version bounds; 3.55 only changes
what it accepts). They differ where cinder's two controllers differ:
volume-transfers takes no_snapshots from 3.55, transfers encrypted volumes
from 3.70 and pages in the database from 3.59; os-volume-transfer never
does. Both slice the list by limit/offset afterwards, as cinder's
common.limited does (so from 3.59 an offset applies twice there too).
"""
import urllib.parse

import pecan
from oslo_utils import strutils
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import transfers as schemas
from stratus.api.volume.views import transfers as views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.volume import transfer_api

TRANSFERS = transfer_api.TransferAPI()
LEGACY = 'os-volume-transfer'
_PAGING_KEYS = ('limit', 'marker', 'offset')
_SORT_KEYS = ('sort', 'sort_key', 'sort_dir')


def _legacy():
    """Whether the request came in on /os-volume-transfer."""
    return pecan.request.path_info.lstrip('/').split('/', 1)[0] == LEGACY


def _params(kwargs):
    return {key: wsgi.query_value(kwargs, key) for key in kwargs}


def _limit(params):
    """cinder's limit: an integer >= 0, at most [api] max_limit."""
    value = params.pop('limit', None)
    if value is None:
        return CONF.api.max_limit
    try:
        limit = int(value)
    except ValueError:
        raise exception.Invalid('limit param must be an integer')
    if limit < 0:
        raise exception.Invalid('limit param must be positive')
    return min(limit, CONF.api.max_limit)


def _offset(params):
    try:
        return strutils.validate_integer(params.pop('offset', 0), 'offset',
                                         0, 2147483647)
    except ValueError as exc:
        raise exception.Invalid(str(exc))


def _sort(params):
    """[(key, direction)] from sort=k:d,... or sort_key/sort_dir
    (default created_at desc), as cinder's get_sort_params reads them."""
    if 'sort' in params and ('sort_key' in params or 'sort_dir' in params):
        raise exception.Invalid("The 'sort_key' and 'sort_dir' parameters "
                                "are deprecated and cannot be used with the "
                                "'sort' parameter.")
    if 'sort' in params:
        sort = []
        for item in params.pop('sort').strip().split(','):
            key, _sep, direction = item.partition(':')
            sort.append((key.strip(), (direction or 'desc').strip()))
    else:
        sort = [(params.pop('sort_key', 'created_at').strip(),
                 params.pop('sort_dir', 'desc').strip())]
    for _key, direction in sort:
        if direction not in ('asc', 'desc'):
            raise exception.Invalid(reason="Unknown sort direction, must be "
                                    "'desc' or 'asc'.")
    return sort


def _next_link(rows, kwargs):
    params = _params(kwargs)
    params['marker'] = rows[-1]['id']
    return [{'rel': 'next', 'href': '%s/%s?%s' % (
        common.base_url(), views.COLLECTION, urllib.parse.urlencode(params))}]


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    policy.require_reader(ctxt, 'volume:get_all_transfers')
    version = wsgi.version()
    params = _params(kwargs)
    paging = {}
    if not _legacy() and version >= (3, 59):
        paging = {'limit': _limit(params), 'marker': params.pop('marker',
                                                                None),
                  'offset': _offset(params), 'sort': _sort(params)}
    # Below 3.59 (and on os-volume-transfer) every other query parameter,
    # paging ones included, is a filter: an unknown key matches nothing.
    if 'name' in params:
        params['display_name'] = params.pop('name')
    all_tenants = strutils.bool_from_string(params.pop('all_tenants',
                                                       'false'))
    rows = TRANSFERS.get_all(ctxt, params, all_tenants, **paging)
    count = len(rows)
    original = _params(kwargs)
    limit, offset = _limit(dict(original)), _offset(dict(original))
    rows = rows[offset:offset + (limit or CONF.api.max_limit)]
    if detailed:
        items = [views.detail(row, version) for row in rows]
    else:
        items = [views.summary(row) for row in rows]
    body = {'transfers': items}
    if rows and limit <= count:
        body['transfers_links'] = _next_link(rows, kwargs)
    return wsgi.response(body)


class TransfersController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'accept': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def get_one(self, transfer_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'volume:get_transfer')
        return wsgi.response({'transfer': views.detail(
            TRANSFERS.get(ctxt, transfer_id), wsgi.version())})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        version = wsgi.version()
        legacy = _legacy()
        schema = schemas.create if legacy or version < (3, 55) \
            else schemas.create_v355
        body = request_validation.body(schema)['transfer']
        volume = TRANSFERS.get_volume(ctxt, body['volume_id'])
        policy.require_member(ctxt, 'volume:create_transfer')
        name = body.get('name')
        if name is not None:
            name = name.strip()
        transfer = TRANSFERS.create(
            ctxt, volume, name,
            no_snapshots=common.is_true(body.get('no_snapshots', False),
                                        'no_snapshots'),
            allow_encrypted=not legacy and version >= (3, 70))
        return wsgi.response({'transfer': views.created(transfer, version)},
                             status=202)

    @pecan.expose()
    def accept(self, transfer_id):
        ctxt = wsgi.context()
        auth_key = request_validation.body(schemas.accept)['accept'][
            'auth_key']
        policy.require_member(ctxt, 'volume:accept_transfer')
        accepted = TRANSFERS.accept(ctxt, transfer_id, auth_key)
        return wsgi.response({'transfer': views.summary(accepted)},
                             status=202)

    @pecan.expose()
    def delete(self, transfer_id):
        ctxt = wsgi.context()
        # The offer is looked up (404) before the policy speaks, as cinder
        # authorizes against its volume.
        TRANSFERS.get(ctxt, transfer_id)
        policy.require_member(ctxt, 'volume:delete_transfer')
        TRANSFERS.delete(ctxt, transfer_id)
        return wsgi.response(status=202)
