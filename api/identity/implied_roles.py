"""Role inference rules: /v3/roles/{prior}/implies[/{implied}] and
/v3/role_inferences (admin only, as keystone's defaults for project
tokens). A HEAD on one rule answers 204, as keystone's does."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.views import groups as views
from stratus.db.api import implied_roles


def _one(prior, implied):
    return {'role_inference': views.inference(prior, implied),
            'links': common.self_link('roles/%s/implies/%s' % (
                prior['id'], implied['id']))}


class ImpliesController(common.RestController):

    @pecan.expose()
    def get_all(self, prior_role_id, **kwargs):
        authz.admin_or_system_reader('list_implied_roles')
        prior, implied = implied_roles.implied_by(prior_role_id)
        return wsgi.response({
            'role_inference': views.inference(prior, implied),
            'links': common.self_link('roles/%s/implies' % prior_role_id)})

    @pecan.expose()
    def get_one(self, prior_role_id, implied_role_id, **kwargs):
        authz.admin_or_system_reader('get_implied_role')
        return wsgi.response(_one(*implied_roles.rule_get(
            prior_role_id, implied_role_id)))

    @pecan.expose()
    def head_one(self, prior_role_id, implied_role_id, **kwargs):
        authz.admin_or_system_reader('check_implied_role')
        implied_roles.rule_get(prior_role_id, implied_role_id)
        return common.no_content()

    @pecan.expose()
    def put(self, prior_role_id, implied_role_id, **kwargs):
        authz.admin('create_implied_role')
        return common.created(_one(*implied_roles.rule_create(
            prior_role_id, implied_role_id)))

    @pecan.expose()
    def delete(self, prior_role_id, implied_role_id, **kwargs):
        authz.admin('delete_implied_role')
        implied_roles.rule_delete(prior_role_id, implied_role_id)
        return common.no_content()


class RoleInferencesController(common.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        authz.admin_or_system_reader('list_role_inference_rules')
        return wsgi.response({'role_inferences': [
            views.inference(prior, implied)
            for prior, implied in implied_roles.rule_list()]})
