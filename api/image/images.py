"""/image/v2/images: list, show, create, update (JSON patch), delete."""
import uuid

import pecan
from pecan import rest

from stratus.api import wsgi
from stratus.api.image import access
from stratus.api.image import actions
from stratus.api.image import filters
from stratus.api.image import image_data
from stratus.api.image import image_import
from stratus.api.image import image_rules
from stratus.api.image import import_methods
from stratus.api.image import locations
from stratus.api.image import members
from stratus.api.image import patch as json_patch
from stratus.api.image import store
from stratus.api.image import tags
from stratus.api.image import tasks as image_tasks
from stratus.api.image.metadefs import access as metadef_access
from stratus.api.image.schemas import images as schemas
from stratus.api.image.views import images as views
from stratus.common import exception
from stratus.common import log
from stratus.db.api import image_list
from stratus.db.api import images as db_images

LOG = log.getLogger(__name__)


def _split(body):
    """(column values, properties, tags) of a create body."""
    values = {key: body[key] for key in db_images.SETTABLE if key in body}
    props = {key: value for key, value in body.items()
             if key not in schemas.ATTRIBUTES}
    return values, props, list(dict.fromkeys(body.get('tags') or []))


def _create_values(ctxt, body):
    """Column values, properties and tags of a checked create body (the
    volume service's upload-to-image creates images through this too)."""
    image_rules.check_create_body(body)
    values, props, tag_list = _split(body)
    owner = values.get('owner') or ctxt.project_id
    if owner != ctxt.project_id and not ctxt.is_admin:
        raise exception.Forbidden("You are not permitted to create images "
                                  "owned by '%s'" % owner)
    values.setdefault('visibility', 'shared')
    if values['visibility'] == 'public' and not ctxt.is_admin:
        raise exception.ImageForbidden(action='publicize_image')
    image_rules.check_create_values(body)
    image_rules.check_property_count(props)
    values.update(id=body.get('id') or str(uuid.uuid4()), owner=owner,
                  status='queued')
    values.setdefault('min_disk', 0)
    values.setdefault('min_ram', 0)
    return values, props, tag_list


class ImagesController(rest.RestController):
    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        access.require_reader(ctxt, 'get_images')
        params = pecan.request.GET
        args = filters.list_args(params)
        found, _more = image_list.image_list(
            project_id=ctxt.project_id, is_admin=ctxt.is_admin, **args)
        body = {'images': [views.image(i) for i in found],
                'schema': '/v2/schemas/images'}
        body.update(filters.links(params, found[-1]['id'] if found else None,
                                  args['limit'], len(found) == args['limit']))
        return wsgi.response(body)

    @pecan.expose()
    def get_one(self, image_id):
        ctxt = wsgi.context()
        access.require_reader(ctxt, 'get_image')
        return wsgi.response(views.image(access.get_visible(ctxt, image_id)))

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        body = metadef_access.body(pecan.request)
        image_rules.check_create_body(body)
        access.require_member(ctxt, 'add_image')
        values, props, tag_list = _create_values(ctxt, body)
        image = db_images.create(values, props, tag_list)
        LOG.info('Created image %s (%s)', image['id'], image['name'])
        headers = {'Location': '%s/image/v2/images/%s' % (wsgi.host_url(),
                                                          image['id'])}
        if import_methods.ENABLED:
            headers['OpenStack-image-import-methods'] = \
                import_methods.header_value()
        return wsgi.response(views.image(image), status=201, headers=headers)

    @pecan.expose()
    def patch(self, image_id):
        ctxt = wsgi.context()
        ops = json_patch.parse(pecan.request)
        access.require_member(ctxt, 'modify_image')
        image = access.get_owned(ctxt, image_id, 'modify_image')
        values, set_props, remove_props, tag_list = json_patch.apply(
            ctxt, image, ops)
        image = db_images.update(image_id, values, set_props, remove_props,
                                 tag_list)
        return wsgi.response(views.image(image))

    @pecan.expose()
    def delete(self, image_id):
        ctxt = wsgi.context()
        access.require_member(ctxt, 'delete_image')
        image = access.get_owned(ctxt, image_id, 'delete_image')
        if image['protected']:
            raise exception.ImageProtected(image_id=image_id)
        db_images.delete(image_id)
        store.delete(image_id)
        store.delete(image_id, store.staging_dir())
        LOG.info('Deleted image %s', image_id)
        return wsgi.response(status=204)


for _path, _controller in (
        ('file', image_data.ImageDataController()),
        ('actions', actions.ActionsController()),
        ('members', members.MembersController()),
        ('tags', tags.TagsController()),
        ('stage', image_import.StageController()),
        ('import', image_import.ImportController()),
        ('tasks', image_tasks.ImageTasksController()),
        ('locations', locations.LocationsController())):
    pecan.route(ImagesController, _path, _controller)
