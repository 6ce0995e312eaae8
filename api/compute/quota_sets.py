"""/compute/v2.1/os-quota-sets/{project_id}: show, defaults, detail,
update and reset a project's compute quotas. The network quotas go at
2.36, the personality file quotas at 2.57; unknown query parameters are a
400 from 2.75."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import quota_sets as schemas
from stratus.api.compute.views import quota_sets as views
from stratus.common import exception
from stratus.db.api import identity as db_identity
from stratus.db.api import quotas as db_quotas


def _verify_project(project_id):
    """A quota of a project keystone does not know is a client mistake."""
    try:
        db_identity.project_get(project_id)
    except exception.ProjectNotFound:
        raise exception.ProjectIdInvalid(project_id=project_id)


def _authorize_read(project_id, action):
    """Readers see their own project's quotas; admins any project's."""
    ctxt = wsgi.context()
    policy.require_reader(ctxt, action)
    if not ctxt.is_admin and project_id != ctxt.project_id:
        raise exception.Forbidden(action=action)
    _verify_project(project_id)


def _query(kwargs):
    query.check(kwargs, schemas.query_schema(wsgi.version()))


def _no_user_quotas(kwargs):
    # Per-user quotas (?user_id=) are not kept; refuse to write the
    # project's limits when a user's were asked for.
    _query(kwargs)
    if wsgi.query_value(kwargs, 'user_id'):
        raise exception.Invalid(reason='per-user quotas are not supported')


def _limits_of(body):
    values = {}
    for name, value in body.items():
        if name not in db_quotas.RESOURCES:
            continue                    # nova-network's: accepted, ignored
        value = int(value)
        if value < -1:
            raise exception.ValidationError(
                field='quota_set/%s' % name,
                reason='Quota limit must be -1 or greater.')
        values[name] = value
    return values


class QuotaSetsController(rest.RestController):
    _custom_actions = {'defaults': ['GET'], 'detail': ['GET']}

    @pecan.expose()
    def get_one(self, project_id, **kwargs):
        _authorize_read(project_id, 'os_compute_api:os-quota-sets:show')
        _query(kwargs)
        limits, _usage = db_quotas.get(project_id)
        return wsgi.response({'quota_set': views.quota_set(
            limits, wsgi.version(), project_id)})

    @pecan.expose()
    def detail(self, project_id=None, **kwargs):
        if project_id is None:
            raise exception.NotFound()
        _authorize_read(project_id, 'os_compute_api:os-quota-sets:detail')
        _query(kwargs)
        limits, usage = db_quotas.get(project_id)
        return wsgi.response({'quota_set': views.quota_set_detail(
            limits, usage, wsgi.version(), project_id)})

    @pecan.expose()
    def defaults(self, project_id=None, **kwargs):
        if project_id is None:
            raise exception.NotFound()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-quota-sets:defaults')
        _verify_project(project_id)
        return wsgi.response({'quota_set': views.quota_set(
            db_quotas.defaults(), wsgi.version(), project_id)})

    @pecan.expose()
    def put(self, project_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-quota-sets:update')
        _no_user_quotas(kwargs)
        version = wsgi.version()
        body = validation.body(schemas.update_schema(version))['quota_set']
        force = str(body.pop('force', False)).lower() in schemas.TRUE_STRINGS
        values = _limits_of(body)
        _verify_project(project_id)
        limits = db_quotas.update(project_id, values, force=force)
        # The update answer has no id (tempest's schema forbids one).
        return wsgi.response({'quota_set': views.quota_set(limits, version)})

    @pecan.expose()
    def delete(self, project_id, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'os_compute_api:os-quota-sets:delete')
        _no_user_quotas(kwargs)
        db_quotas.delete(project_id)
        return wsgi.response(status=202)
