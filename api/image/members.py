"""/image/v2/images/{id}/members: the projects a shared image is offered
to. The owner adds and removes members; each member accepts or rejects
for itself and then sees (or stops seeing) the image in its list.
Answers carry glance's texts (its image_members controller and
deserializer)."""
import pecan
from pecan import rest

from stratus.api import wsgi
from stratus.api.image import access
from stratus.api.image.metadefs import access as metadef_access
from stratus.api.image.schemas import images as schemas
from stratus.api.image.views import images as views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import image_members

_SCHEMA = '/v2/schemas/members'


def _image(ctxt, image_id):
    try:
        return access.get_visible(ctxt, image_id)
    except exception.NotFound:
        raise exception.NotFound('Image %s not found.' % image_id)


def _shared(image, refusal):
    """glance wraps 'Only shared images have members.' per operation."""
    if image['visibility'] != 'shared':
        raise refusal


def _member(image_id, member_id):
    row = image_members.member_get(image_id, member_id)
    if row is None:
        raise exception.NotFound('%s not found in the member list of the '
                                 'image %s.' % (member_id, image_id))
    return row


def _body(key, example):
    body = metadef_access.body(pecan.request)
    if not isinstance(body, dict):
        raise exception.Invalid('Expected a %s in the form: {"%s": "%s"}'
                                % (key, key, example))
    return body


class MembersController(rest.RestController):

    @pecan.expose()
    def get_all(self, image_id):
        ctxt = wsgi.context()
        access.require_reader(ctxt, 'get_members')
        image = _image(ctxt, image_id)
        _shared(image, exception.Forbidden(
            'Not allowed to list members for image %s: Only shared images '
            'have members.' % image_id))
        rows = image_members.member_list(image_id)
        if not access.owns(ctxt, image):
            # A member sees its own membership only.
            rows = [r for r in rows if r['member'] == ctxt.project_id]
        return wsgi.response({'members': [views.member(r) for r in rows],
                              'schema': _SCHEMA})

    @pecan.expose()
    def get_one(self, image_id, member_id):
        ctxt = wsgi.context()
        access.require_reader(ctxt, 'get_member')
        image = _image(ctxt, image_id)
        # glance hides the refusal as a 404.
        _shared(image, exception.NotFound('Only shared images have '
                                          'members.'))
        if not access.owns(ctxt, image) and member_id != ctxt.project_id:
            raise exception.NotFound('%s not found in the member list of '
                                     'the image %s.' % (member_id, image_id))
        return wsgi.response(views.member(_member(image_id, member_id)))

    @pecan.expose()
    def post(self, image_id):
        ctxt = wsgi.context()
        body = _body('member', 'image_id')
        if 'member' not in body:
            raise exception.Invalid('Member to be added not specified')
        member_id = body['member']
        if not member_id:
            raise exception.Invalid("Member can't be empty")
        if not isinstance(member_id, str) or len(member_id) > 255:
            raise exception.Invalid('Expected a member in the form: '
                                    '{"member": "image_id"}')
        access.require_member(ctxt, 'add_member')
        image = _image(ctxt, image_id)
        _shared(image, exception.Forbidden('Not allowed to create members '
                                           'for image %s.' % image_id))
        if not access.owns(ctxt, image):
            raise exception.ImageForbidden(action='add_member')
        if image_members.member_get(image_id, member_id) is not None:
            raise exception.Conflict('Member %s is duplicated for image %s'
                                     % (member_id, image_id))
        count = len(image_members.member_list(image_id)) + 1
        if 0 <= CONF.image.image_member_quota < count:
            raise exception.ImageLimitExceeded(
                'Image member limit exceeded for image %s: The limit has '
                'been exceeded on the number of allowed image members for '
                'this image. Attempted: %d, Maximum: %d:'
                % (image_id, count, CONF.image.image_member_quota))
        row = image_members.member_create(image_id, member_id)
        return wsgi.response(views.member(row))

    @pecan.expose()
    def put(self, image_id, member_id):
        ctxt = wsgi.context()
        body = _body('status', 'status')
        if 'status' not in body:
            raise exception.Invalid('Status not specified')
        access.require_member(ctxt, 'modify_member')
        image = _image(ctxt, image_id)
        _shared(image, exception.Forbidden('Not allowed to update members '
                                           'for image %s.' % image_id))
        _member(image_id, member_id)
        if member_id != ctxt.project_id and not ctxt.is_admin:
            # Only the member decides; the owner may not accept for it.
            raise exception.ImageForbidden(action='modify_member')
        if body['status'] not in schemas.MEMBER_STATUSES:
            raise exception.Invalid('Incorrect request: Status must be '
                                    '"pending", "accepted" or "rejected".')
        row = image_members.member_update(image_id, member_id,
                                          body['status'])
        return wsgi.response(views.member(row))

    @pecan.expose()
    def delete(self, image_id, member_id):
        ctxt = wsgi.context()
        access.require_member(ctxt, 'delete_member')
        image = _image(ctxt, image_id)
        _shared(image, exception.Forbidden('Not allowed to delete members '
                                           'for image %s.' % image_id))
        _member(image_id, member_id)
        if not access.owns(ctxt, image):
            raise exception.ImageForbidden(action='delete_member')
        image_members.member_delete(image_id, member_id)
        return wsgi.response(status=204)
