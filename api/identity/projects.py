"""/v3/projects: CRUD (unknown attributes are kept and returned, as
keystone's extra attributes), name/domain/enabled filters, keystone's
hierarchy queries, and the user and group grants below each project."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity import grants
from stratus.api.identity import project_tags
from stratus.api.identity.schemas import resources as schemas
from stratus.api.identity.views import resources as views
from stratus.api.identity.schemas import query_strings
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import identity
from stratus.db.api import project_tags as tag_store


def default_domain(ctxt):
    """Keystone's choice when a body names no domain: the token's domain,
    then its project's domain, then the configured default."""
    return (ctxt.domain_id or ctxt.project_domain_id or
            CONF.identity.default_domain_id)


def _check_parent(body, domain_id):
    # Only top-level projects exist here; their parent is their domain.
    if body.get('parent_id') not in (None, domain_id):
        raise exception.ValidationError(
            field='project/parent_id',
            reason='Nested projects are not supported; the parent must be '
                   'the domain.')
    if body.get('is_domain'):
        raise exception.ValidationError(
            field='project/is_domain',
            reason='Projects acting as domains are not supported.')


def _hierarchy(kwargs, body):
    """?parents_as_list|parents_as_ids|subtree_as_list|subtree_as_ids.

    Every project here is top-level: its only parent is its domain (which
    keystone lists as a project acting as a domain, but which no user
    holds a project role on, so the list form leaves it out), and it has
    no subtree.
    """
    flags = {key: bool(common.bool_query(kwargs, key)) for key in (
        'parents_as_list', 'parents_as_ids', 'subtree_as_list',
        'subtree_as_ids', 'include_limits')}
    for kind in ('parents', 'subtree'):
        if flags[kind + '_as_list'] and flags[kind + '_as_ids']:
            raise exception.ValidationError(
                'Cannot use %s_as_list and %s_as_ids query params at the '
                'same time.' % (kind, kind))
    if flags['parents_as_list']:
        body['parents'] = []
    elif flags['parents_as_ids']:
        body['parents'] = {body['domain_id']: None}
    if flags['subtree_as_list']:
        body['subtree'] = []
    elif flags['subtree_as_ids']:
        body['subtree'] = None
    return body


def _values(body):
    values = dict(body)
    values['extra'] = schemas.extra(body)
    return values


class ProjectsController(common.RestController):
    users = grants.TargetActorsController('project', 'user')
    groups = grants.TargetActorsController('project', 'group')
    tags = project_tags.ProjectTagsController()

    @pecan.expose()
    def get_all(self, **kwargs):
        common.query(query_strings.projects, kwargs)
        authz.admin_or_system_reader('list_projects')
        rows = identity.project_list(
            name=wsgi.query_value(kwargs, 'name'),
            domain_id=wsgi.query_value(kwargs, 'domain_id'),
            enabled=common.bool_query(kwargs, 'enabled'))
        parent_id = wsgi.query_value(kwargs, 'parent_id')
        if parent_id is not None:
            # Every project is top-level: the children of a domain are its
            # projects, a project has none.
            rows = [r for r in rows if r['domain_id'] == parent_id]
        if common.bool_query(kwargs, 'is_domain'):
            # Keystone stores each domain as a project acting as a domain.
            return wsgi.response(common.collection('projects', [
                views.domain_as_project(d) for d in identity.domain_list(
                    name=wsgi.query_value(kwargs, 'name'),
                    enabled=common.bool_query(kwargs, 'enabled'))
                if parent_id is None], 'projects'))
        rows = project_tags.with_tags(project_tags.filtered(rows, kwargs))
        return wsgi.response(common.collection(
            'projects', [views.project(r) for r in rows], 'projects'))

    @pecan.expose()
    def get_one(self, project_id, **kwargs):
        authz.authenticated()
        row = identity.project_get(project_id)
        authz.admin_or_member_of('get_project', project_id)
        project_tags.with_tags([row])
        return wsgi.response({'project': _hierarchy(kwargs,
                                                    views.project(row))})

    @pecan.expose()
    def post(self, **kwargs):
        body = common.body(schemas.project_create)['project']
        ctxt = authz.admin('create_project')
        body['domain_id'] = body.get('domain_id') or default_domain(ctxt)
        _check_parent(body, body['domain_id'])
        row = identity.project_create(_values(body))
        if body.get('tags'):
            tag_store.replace(row['id'], body['tags'])
        project_tags.with_tags([row])
        return common.created({'project': views.project(row)})

    @pecan.expose()
    def patch(self, project_id, **kwargs):
        body = common.body(schemas.project_update)['project']
        authz.admin('update_project')
        row = identity.project_get(project_id)
        if body.get('domain_id') not in (None, row['domain_id']):
            raise exception.ValidationError(field='project/domain_id',
                                            reason='Cannot change Domain ID.')
        _check_parent(body, row['domain_id'])
        row = identity.project_update(project_id, _values(body))
        if 'tags' in body:
            tag_store.replace(project_id, body['tags'])
        project_tags.with_tags([row])
        return wsgi.response({'project': views.project(row)})

    @pecan.expose()
    def delete(self, project_id, **kwargs):
        authz.admin('delete_project')
        identity.project_delete(project_id)
        return common.no_content()
