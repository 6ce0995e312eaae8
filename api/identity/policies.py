"""/v3/policies (keystone's deprecated policy blobs: CRUD, ?type filter,
extra attributes kept) and OS-ENDPOINT-POLICY below each policy: its
association with an endpoint, a service, or a service in a region, and
the endpoints it applies to. Admin only, as keystone's defaults for
project-scoped tokens."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import policies as schemas
from stratus.api.identity.views import policies as views
from stratus.common import exception
from stratus.db.api import policies

EXTENSION = 'OS-ENDPOINT-POLICY'
# Keys of a policy body that are not extra attributes.
_KNOWN = ('id', 'blob', 'type', 'links')


def _values(body):
    values = {k: body[k] for k in ('blob', 'type') if k in body}
    values['extra'] = {k: v for k, v in body.items() if k not in _KNOWN}
    return values


class _Association:
    """PUT (associate), GET/HEAD (check: 204) and DELETE of one target;
    `target` maps the route's ids after the policy id to their names."""
    kind = None
    target = ()

    def _run(self, verb, policy_id, ids):
        authz.admin('%s_policy_association_for_%s' % (verb, self.kind))
        target = dict(zip(self.target, ids))
        {'create': policies.association_set,
         'check': policies.association_check,
         'delete': policies.association_delete}[verb](policy_id, **target)
        return common.no_content()


class EndpointAssociationsController(_Association, common.RestController):
    """.../OS-ENDPOINT-POLICY/endpoints[/{endpoint_id}]"""
    kind = 'endpoint'
    target = ('endpoint_id',)

    @pecan.expose()
    def get_all(self, policy_id, **kwargs):
        authz.admin('list_endpoints_for_policy')
        rows = policies.policy_endpoints(policy_id)
        return wsgi.response(common.collection(
            'endpoints', [views.policy_endpoint(r) for r in rows],
            'policies/%s/%s/endpoints' % (policy_id, EXTENSION)))

    @pecan.expose()
    def get_one(self, policy_id, endpoint_id, **kwargs):
        return self._run('check', policy_id, [endpoint_id])

    @pecan.expose()
    def put(self, policy_id, endpoint_id, **kwargs):
        return self._run('create', policy_id, [endpoint_id])

    @pecan.expose()
    def delete(self, policy_id, endpoint_id, **kwargs):
        return self._run('delete', policy_id, [endpoint_id])


class RegionAssociationsController(_Association, common.RestController):
    """.../OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}"""
    kind = 'region_and_service'
    target = ('service_id', 'region_id')

    @pecan.expose()
    def get_one(self, policy_id, service_id, region_id, **kwargs):
        return self._run('check', policy_id, [service_id, region_id])

    @pecan.expose()
    def put(self, policy_id, service_id, region_id, **kwargs):
        return self._run('create', policy_id, [service_id, region_id])

    @pecan.expose()
    def delete(self, policy_id, service_id, region_id, **kwargs):
        return self._run('delete', policy_id, [service_id, region_id])


class ServiceAssociationsController(_Association, common.RestController):
    """.../OS-ENDPOINT-POLICY/services/{service_id}"""
    kind = 'service'
    target = ('service_id',)
    regions = RegionAssociationsController()

    @pecan.expose()
    def get_one(self, policy_id, service_id, **kwargs):
        return self._run('check', policy_id, [service_id])

    @pecan.expose()
    def put(self, policy_id, service_id, **kwargs):
        return self._run('create', policy_id, [service_id])

    @pecan.expose()
    def delete(self, policy_id, service_id, **kwargs):
        return self._run('delete', policy_id, [service_id])


def _not_a_route():
    raise exception.NotFound('The resource could not be found.')


class _Segment(common.RestController):
    """A fixed path segment: only its children are routes (a 404 for the
    rest, e.g. the API reference's GET .../OS-ENDPOINT-POLICY/policy
    below a policy, which keystone does not serve)."""

    @pecan.expose()
    def get_all(self, *args, **kwargs):
        _not_a_route()

    @pecan.expose()
    def get_one(self, *args, **kwargs):
        _not_a_route()


class PolicyExtensionController(_Segment):
    endpoints = EndpointAssociationsController()
    services = ServiceAssociationsController()


class PoliciesController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        authz.admin('list_policies')
        rows = policies.policy_list(type=wsgi.query_value(kwargs, 'type'))
        return wsgi.response(common.collection(
            'policies', [views.policy(r) for r in rows], 'policies'))

    @pecan.expose()
    def get_one(self, policy_id, **kwargs):
        authz.admin('get_policy')
        return wsgi.response({'policy': views.policy(
            policies.policy_get(policy_id))})

    @pecan.expose()
    def post(self, **kwargs):
        authz.admin('create_policy')
        body = common.member_body('policy', schemas.policy_create)
        return common.created({'policy': views.policy(
            policies.policy_create(_values(body)))})

    @pecan.expose()
    def patch(self, policy_id, **kwargs):
        authz.admin('update_policy')
        body = common.member_body('policy', schemas.policy_update)
        if body.get('id', policy_id) != policy_id:
            raise exception.ValidationError('Cannot change policy ID')
        return wsgi.response({'policy': views.policy(
            policies.policy_update(policy_id, _values(body)))})

    @pecan.expose()
    def delete(self, policy_id, **kwargs):
        authz.admin('delete_policy')
        policies.policy_delete(policy_id)
        return common.no_content()


class EndpointPolicyController(common.RestController):
    """/v3/endpoints/{id}/OS-ENDPOINT-POLICY/policy"""

    @pecan.expose()
    def get_all(self, endpoint_id, **kwargs):
        authz.admin('get_policy_for_endpoint')
        return wsgi.response({'policy': views.endpoint_policy(
            policies.endpoint_policy(endpoint_id))})


class EndpointExtensionController(_Segment):
    policy = EndpointPolicyController()


pecan.route(PoliciesController, EXTENSION, PolicyExtensionController())
