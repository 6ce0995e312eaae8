"""/volume/v3/qos-specs: QoS specs and their association with volume types
(cinder's qos_specs_manage; admin only by default policy).

Cinder validates a body before it checks policy, so a malformed body is a
400 even for a user the policy would refuse.
"""
from oslo_utils import strutils
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import qos_specs as schemas
from stratus.api.volume.views import qos_specs as views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import qos_specs as db_qos

_POLICY = 'volume_extension:qos_specs_manage:'
CONSUMERS = ('back-end', 'front-end', 'both')
DEFAULT_CONSUMER = 'back-end'
# What cinder answers for another consumer: the repr of its enum field.
_CONSUMER_ERROR = (
    "Valid consumer of QoS specs are: QoSConsumerValues(default=<class "
    "'oslo_versionedobjects.fields.UnspecifiedDefault'>,nullable=False,"
    "valid_values=('back-end', 'front-end', 'both'))")
_DB_MAX_INT = 0x7FFFFFFF
_PAGING = ('limit', 'marker', 'offset', 'sort', 'sort_key', 'sort_dir')


def _require_admin(ctxt, rule):
    """The qos_specs_manage rules are admin_api; the refusal in cinder's
    words."""
    policy.require_authenticated(ctxt)
    if not ctxt.is_admin:
        raise exception.PolicyNotAuthorized(action=_POLICY + rule)


def _consumer(value):
    """None takes the default, as cinder's object field does."""
    if value is None:
        return DEFAULT_CONSUMER
    if value not in CONSUMERS:
        raise exception.InvalidQoSSpecs(reason=_CONSUMER_ERROR)
    return value


def _name(value):
    """cinder's name_skip_leading_trailing_spaces format."""
    if not value:
        raise exception.InvalidName(reason="The 'name' can not be None.")
    value = value.strip()
    if not value:
        raise exception.InvalidName(reason="The 'name' can not be empty.")
    if len(value) > 255:
        raise exception.InvalidName(reason="The 'name' can not be greater "
                                           "than 255 characters.")
    return value


def _check_lengths(specs):
    """Keys of 1-255 and string values of at most 255 characters, with
    oslo's messages (cinder's validate_dictionary_string_length)."""
    try:
        for key, value in specs.items():
            strutils.check_string_length(key, 'Key "%s"' % key, 1, 255)
            if value is not None:
                strutils.check_string_length(
                    value, 'Value for key "%s"' % key, 0, 255)
    except (TypeError, ValueError) as exc:
        raise exception.Invalid(reason=str(exc))


def _vol_type_id(kwargs):
    type_id = wsgi.query_value(kwargs, 'vol_type_id')
    if not type_id:
        raise exception.Invalid('Volume Type id must not be None.')
    return type_id


def _paging(kwargs):
    """(limit, marker, offset, sort pairs) read as cinder's
    get_pagination_params and get_sort_params read them, with their
    messages; the page is at most max_limit, which is also the default."""
    limit = CONF.api.max_limit
    raw = wsgi.query_value(kwargs, 'limit')
    if raw is not None:
        try:
            limit = int(raw)
        except ValueError:
            raise exception.Invalid('limit param must be an integer')
        if limit < 0:
            raise exception.Invalid('limit param must be positive')
        limit = min(limit, CONF.api.max_limit)
    try:
        offset = strutils.validate_integer(
            wsgi.query_value(kwargs, 'offset', 0), 'offset', 0, _DB_MAX_INT)
    except ValueError as exc:
        raise exception.Invalid(str(exc))
    sort = wsgi.query_value(kwargs, 'sort')
    if sort is not None:
        if 'sort_key' in kwargs or 'sort_dir' in kwargs:
            raise exception.Invalid(
                "The 'sort_key' and 'sort_dir' parameters are deprecated "
                "and cannot be used with the 'sort' parameter.")
        pairs = []
        for item in sort.strip().split(','):
            key, _sep, direction = item.partition(':')
            pairs.append((key.strip(), (direction or 'desc').strip()))
    else:
        pairs = [(wsgi.query_value(kwargs, 'sort_key', 'created_at').strip(),
                  wsgi.query_value(kwargs, 'sort_dir', 'desc').strip())]
    for _key, direction in pairs:
        if direction not in ('asc', 'desc'):
            raise exception.Invalid(reason="Unknown sort direction, must be "
                                           "'desc' or 'asc'.")
    return limit, wsgi.query_value(kwargs, 'marker'), offset, pairs


class QosSpecsController(rest.RestController):
    _custom_actions = {'associations': ['GET'], 'associate': ['GET'],
                       'disassociate': ['GET'], 'disassociate_all': ['GET']}

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        _require_admin(ctxt, 'get_all')
        limit, marker, offset, sort = _paging(kwargs)
        filters = {key: wsgi.query_value(kwargs, key) for key in kwargs
                   if key not in _PAGING}
        specs = db_qos.get_all(filters=filters, marker=marker, limit=limit,
                               offset=offset, sort=sort)
        body = {'qos_specs': [views.qos_spec(spec) for spec in specs]}
        # A full page links to the next one (cinder's collection links).
        links = common.next_links(specs, limit, views.COLLECTION, kwargs)
        if links:
            body['qos_specs_links'] = links
        return wsgi.response(body)

    @pecan.expose()
    def get_one(self, qos_id, **kwargs):
        ctxt = wsgi.context()
        _require_admin(ctxt, 'get')
        return wsgi.response(views.detail(db_qos.get(qos_id)))

    @pecan.expose()
    def post(self, **kwargs):
        ctxt = wsgi.context()
        body = request_validation.body(schemas.create)['qos_specs']
        name = _name(body['name'])
        _require_admin(ctxt, 'create')
        specs = {key: value for key, value in body.items() if key != 'name'}
        _check_lengths(specs)
        consumer = specs.get('consumer')
        if consumer or consumer is None:
            # An empty consumer stays a key and fails below, as in cinder.
            specs.pop('consumer', None)
        spec = db_qos.create(name, _consumer(consumer), specs)
        return wsgi.response(views.detail(spec))

    @pecan.expose()
    def put(self, qos_id=None, action=None, **kwargs):
        ctxt = wsgi.context()
        if qos_id is None or action not in (None, 'delete_keys'):
            raise exception.NotFound('The resource could not be found.')
        if action == 'delete_keys':
            keys = request_validation.body(schemas.unset_keys)['keys']
            _require_admin(ctxt, 'delete')
            db_qos.delete_keys(qos_id, keys)
            return wsgi.response(status=202)
        body = request_validation.body(schemas.set_keys)
        _require_admin(ctxt, 'update')
        specs = dict(body['qos_specs'])
        db_qos.get(qos_id)
        consumer = None
        if 'consumer' in specs:
            consumer = _consumer(specs.pop('consumer'))
        db_qos.update(qos_id, specs, consumer)
        # Cinder answers with the body it was given.
        return wsgi.response(body)

    @pecan.expose()
    def delete(self, qos_id=None, **kwargs):
        ctxt = wsgi.context()
        if qos_id is None:
            raise exception.NotFound('The resource could not be found.')
        _require_admin(ctxt, 'delete')
        force = wsgi.query_value(kwargs, 'force', False)
        if not strutils.is_valid_boolstr(force):
            raise exception.InvalidParameterValue(
                err="Value '%s' for 'force' is not a boolean." % force)
        force = strutils.bool_from_string(force, strict=True)
        db_qos.get(qos_id)
        try:
            db_qos.delete(qos_id, force)
        except exception.QoSSpecsInUse:
            raise exception.Invalid('Qos specs still in use.')
        return wsgi.response(status=202)

    @pecan.expose()
    def get_associations(self, qos_id=None, **kwargs):
        if qos_id is None:      # /qos-specs/associations: a spec named so
            return self.get_one('associations')
        ctxt = wsgi.context()
        _require_admin(ctxt, 'get_all')
        return wsgi.response({'qos_associations': [
            views.association(t) for t in db_qos.associations(qos_id)]})

    @pecan.expose()
    def get_associate(self, qos_id=None, **kwargs):
        if qos_id is None:
            return self.get_one('associate')
        ctxt = wsgi.context()
        _require_admin(ctxt, 'update')
        db_qos.associate(qos_id, _vol_type_id(kwargs))
        return wsgi.response(status=202)

    @pecan.expose()
    def get_disassociate(self, qos_id=None, **kwargs):
        if qos_id is None:
            return self.get_one('disassociate')
        ctxt = wsgi.context()
        _require_admin(ctxt, 'update')
        db_qos.disassociate(qos_id, _vol_type_id(kwargs))
        return wsgi.response(status=202)

    @pecan.expose()
    def get_disassociate_all(self, qos_id=None, **kwargs):
        if qos_id is None:
            return self.get_one('disassociate_all')
        ctxt = wsgi.context()
        _require_admin(ctxt, 'update')
        db_qos.disassociate_all(qos_id)
        return wsgi.response(status=202)
