"""/v3/users: CRUD, the user's projects and the self-service password
change."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import application_credentials as app_creds
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import ec2_credentials
from stratus.api.identity import groups
from stratus.api.identity import project_tags
from stratus.api.identity import projects
from stratus.api.identity.schemas import resources as schemas
from stratus.api.identity.views import resources as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.db.api import assignments
from stratus.db.api import identity

_UNSET = object()


class UserProjectsController(common.RestController):
    """GET /v3/users/{id}/projects: projects the user holds a role on."""

    @pecan.expose()
    def get_all(self, user_id, **kwargs):
        authz.admin_or_self('list_user_projects', user_id)
        identity.user_get(user_id)
        rows = project_tags.with_tags(assignments.user_projects(user_id))
        return wsgi.response(common.collection(
            'projects', [views.project(r) for r in rows],
            'users/%s/projects' % user_id))


class UserPasswordController(common.RestController):
    """POST /v3/users/{id}/password with the original password; like
    keystone it needs no token (an expired password can be changed)."""

    @pecan.expose()
    def post(self, user_id, **kwargs):
        body = common.member_body('user', schemas.password_change)
        identity.change_password(user_id, body['original_password'],
                                 body['password'])
        return common.no_content()


class UsersController(common.RestController):
    projects = UserProjectsController()
    password = UserPasswordController()
    groups = groups.UserGroupsController()
    application_credentials = app_creds.AppCredentialsController()
    access_rules = app_creds.AccessRulesController()
    credentials = ec2_credentials.UserCredentialsController()

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.users, kwargs)
        authz.admin_or_system_reader('list_users')
        rows = identity.user_list(
            name=wsgi.query_value(kwargs, 'name'),
            domain_id=wsgi.query_value(kwargs, 'domain_id'),
            enabled=common.bool_query(kwargs, 'enabled'))
        return wsgi.response(common.collection(
            'users', [views.user(r) for r in rows], 'users'))

    @pecan.expose()
    def get_one(self, user_id, **kwargs):
        authz.admin_or_self('get_user', user_id)
        return wsgi.response({'user': views.user(identity.user_get(user_id))})

    @pecan.expose()
    def post(self, **kwargs):
        body = common.body(schemas.user_create)['user']
        ctxt = authz.admin('create_user')
        body['domain_id'] = body.get('domain_id') or \
            projects.default_domain(ctxt)
        password = body.pop('password', None)
        row = identity.user_create(body, password=password)
        return common.created({'user': views.user(row)})

    @pecan.expose()
    def patch(self, user_id, **kwargs):
        body = common.body(schemas.user_update)['user']
        authz.admin('update_user')
        row = identity.user_get(user_id)
        if body.get('domain_id') not in (None, row['domain_id']):
            raise exception.ValidationError(field='user/domain_id',
                                            reason='Cannot change Domain ID.')
        password = body.pop('password', _UNSET)
        if password is _UNSET:
            row = identity.user_update(user_id, body)
        else:
            row = identity.user_update(user_id, body, password=password)
        return wsgi.response({'user': views.user(row)})

    @pecan.expose()
    def delete(self, user_id, **kwargs):
        authz.admin('delete_user')
        identity.user_delete(user_id)
        return common.no_content()
