"""/image/v2/images/{id}/members: the projects a shared image is offered
to. The owner adds and removes members; each member accepts or rejects
for itself and then sees (or stops seeing) the image in its list."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.image import access
from stratus.api.image.schemas import images as schemas
from stratus.api.image.views import images as views
from stratus.common import exception
from stratus.db.api import image_members

_SCHEMA = '/v2/schemas/members'


def _shared_image(ctxt, image_id):
    image = access.get_visible(ctxt, image_id)
    if image['visibility'] != 'shared':
        raise exception.Forbidden('Only shared images have members.')
    return image


def _member(image_id, member_id):
    row = image_members.member_get(image_id, member_id)
    if row is None:
        raise exception.ImageMemberNotFound(image_id=image_id,
                                            member_id=member_id)
    return row


class MembersController(rest.RestController):

    @pecan.expose()
    def get_all(self, image_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'get_members')
        image = _shared_image(ctxt, image_id)
        rows = image_members.member_list(image_id)
        if not access.owns(ctxt, image):
            # A member sees its own membership only.
            rows = [r for r in rows if r['member'] == ctxt.project_id]
        return wsgi.response({'members': [views.member(r) for r in rows],
                              'schema': _SCHEMA})

    @pecan.expose()
    def get_one(self, image_id, member_id):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'get_member')
        image = _shared_image(ctxt, image_id)
        if not access.owns(ctxt, image) and member_id != ctxt.project_id:
            raise exception.ImageMemberNotFound(image_id=image_id,
                                                member_id=member_id)
        return wsgi.response(views.member(_member(image_id, member_id)))

    @pecan.expose()
    def post(self, image_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'add_member')
        body = validation.body(schemas.member_create)
        image = _shared_image(ctxt, image_id)
        if not access.owns(ctxt, image):
            raise exception.Forbidden(action='add_member')
        row = image_members.member_create(image_id, body['member'])
        return wsgi.response(views.member(row))

    @pecan.expose()
    def put(self, image_id, member_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'modify_member')
        body = validation.body(schemas.member_update)
        _shared_image(ctxt, image_id)
        _member(image_id, member_id)
        if member_id != ctxt.project_id and not ctxt.is_admin:
            # Only the member decides; the owner may not accept for it.
            raise exception.Forbidden(action='modify_member')
        row = image_members.member_update(image_id, member_id,
                                          body['status'])
        return wsgi.response(views.member(row))

    @pecan.expose()
    def delete(self, image_id, member_id):
        ctxt = wsgi.context()
        policy.require_member(ctxt, 'delete_member')
        image = _shared_image(ctxt, image_id)
        if not access.owns(ctxt, image):
            raise exception.Forbidden(action='delete_member')
        image_members.member_delete(image_id, member_id)
        return wsgi.response(status=204)
