"""/image/v2/images/{id}/tags/{tag}: add (PUT) and remove (DELETE), with
glance's answers: the tag checked against the image schema first, 'Image
... not found.' for an image one cannot see, 403 naming modify_image for
another project's, the tag quota (413) and a bare 404 for a tag the
image does not have."""
import pecan
from pecan import rest

from stratus.api import wsgi
from stratus.api.image import access
from stratus.api.image import image_rules
from stratus.api.image.schemas import image_document
from stratus.common import exception
from stratus.db.api import images as db_images


def _image(image_id):
    ctxt = wsgi.context()
    access.require_member(ctxt, 'modify_image')
    try:
        image = access.get_visible(ctxt, image_id)
    except exception.NotFound:
        raise exception.NotFound('Image %s not found.' % image_id)
    if not access.owns(ctxt, image):
        raise exception.ImageForbidden(action='modify_image')
    return image


class TagsController(rest.RestController):

    @pecan.expose()
    def put(self, image_id, tag):
        image_document.validate({'tags': [tag]})
        image = _image(image_id)
        if tag not in image['tags']:
            try:
                image_rules.check_tag_count(image['tags'] + [tag])
            except exception.ImageLimitExceeded as exc:
                raise exception.ImageLimitExceeded(
                    'Image tag limit exceeded for image %s: %s:'
                    % (image_id, exc))
        db_images.add_tag(image_id, tag)
        return wsgi.response(status=204)

    @pecan.expose()
    def delete(self, image_id, tag):
        image = _image(image_id)
        if tag not in image['tags']:
            raise exception.NotFound('The resource could not be found.')
        db_images.remove_tag(image_id, tag)
        return wsgi.response(status=204)
