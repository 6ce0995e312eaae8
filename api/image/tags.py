"""/image/v2/images/{id}/tags/{tag}: add (PUT) and remove (DELETE)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.image import access
from stratus.common import exception
from stratus.db.api import images as db_images


def _check(image_id, tag, action):
    ctxt = wsgi.context()
    policy.require_member(ctxt, action)
    access.get_owned(ctxt, image_id, action)
    if not tag or len(tag) > 255:
        raise exception.Invalid(reason='A tag is 1 to 255 characters long')


class TagsController(rest.RestController):

    @pecan.expose()
    def put(self, image_id, tag):
        _check(image_id, tag, 'modify_image')
        db_images.add_tag(image_id, tag)
        return wsgi.response(status=204)

    @pecan.expose()
    def delete(self, image_id, tag):
        _check(image_id, tag, 'modify_image')
        db_images.remove_tag(image_id, tag)
        return wsgi.response(status=204)
