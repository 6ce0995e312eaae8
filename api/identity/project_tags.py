"""/v3/projects/{id}/tags[/{tag}], tags in project bodies, and the tag
filters of the project list (tags, tags-any, not-tags, not-tags-any)."""
import pecan

from stratus.api import wsgi
from stratus.api.identity import authz
from stratus.api.identity import common
from stratus.api.identity.schemas import project_tags as schemas
from stratus.db.api import identity
from stratus.db.api import project_tags

FILTERS = (('tags', 'all_of'), ('tags-any', 'any_of'),
           ('not-tags', 'none_of_all'), ('not-tags-any', 'none_of_any'))


def with_tags(rows):
    """The project rows, each with its 'tags' (one query for all)."""
    tags = project_tags.tags_by_project([r['id'] for r in rows])
    for row in rows:
        row['tags'] = tags.get(row['id'], [])
    return rows


def filtered(rows, kwargs):
    """Rows passing the tag filters of the query (comma-separated)."""
    given = {arg: wsgi.query_value(kwargs, key).split(',')
             for key, arg in FILTERS
             if wsgi.query_value(kwargs, key) is not None}
    if not given:
        return rows
    ids = project_tags.matching_ids(**given)
    return [r for r in rows if r['id'] in ids]


def _collection(project_id, tags):
    return {'tags': tags, 'links': common.self_link(
        'projects/%s/tags' % project_id)}


class ProjectTagsController(common.RestController):
    """The tags of one project; PUT and DELETE without a tag act on all
    of them."""

    @pecan.expose()
    def get_all(self, project_id, **kwargs):
        authz.authenticated()
        identity.project_get(project_id)
        authz.admin_or_member_of('list_project_tags', project_id)
        return wsgi.response(_collection(
            project_id, project_tags.tag_list(project_id)))

    @pecan.expose()
    def get_one(self, project_id, tag, **kwargs):
        authz.authenticated()
        identity.project_get(project_id)
        authz.admin_or_member_of('get_project_tag', project_id)
        project_tags.check(project_id, tag)
        return common.no_content()

    @pecan.expose()
    def put(self, project_id, tag=None, **kwargs):
        if tag is None:
            body = common.body(schemas.tags_replace)
            authz.admin('update_project_tags')
            tags = common.check_value(schemas.tag_list, body.get('tags', {}))
            identity.project_get(project_id)
            return wsgi.response(_collection(
                project_id, project_tags.replace(project_id, tags)))
        authz.admin('create_project_tag')
        common.check_value(schemas.tag, tag)
        tags = project_tags.tag_list(project_id)
        # Keystone checks the list as it would be: over 80, or the tag
        # already there, is a 400.
        common.check_value(schemas.tag_list, tags + [tag])
        project_tags.replace(project_id, tags + [tag])
        return wsgi.response(status=201, headers={
            'Location': '%s/projects/%s/tags/%s' % (common.base_url(),
                                                    project_id, tag)})

    @pecan.expose()
    def delete(self, project_id, tag=None, **kwargs):
        if tag is None:
            authz.admin('delete_project_tags')
            project_tags.replace(project_id, [])
        else:
            authz.admin('delete_project_tag')
            project_tags.delete(project_id, tag)
        return common.no_content()
