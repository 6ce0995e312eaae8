"""Who sees and who changes an image (glance's rules).

An image is seen by its owner, by admins, by everyone when public or
community, and by the members of a shared image. An image the caller
cannot see answers 404; one it sees but does not own answers 403 on
changes.
"""
from stratus.api import policy
from stratus.common import exception
from stratus.db.api import image_members
from stratus.db.api import images as db_images


def owns(ctxt, image):
    return policy.owns(ctxt, image['owner'])


def visible(ctxt, image):
    if owns(ctxt, image) or image['visibility'] in ('public', 'community'):
        return True
    if image['visibility'] == 'shared' and ctxt.project_id:
        return image_members.member_get(image['id'],
                                        ctxt.project_id) is not None
    return False


def get_visible(ctxt, image_id):
    """The image if `ctxt` may see it, else 404 in glance's words."""
    try:
        image = db_images.get(image_id)
    except exception.ImageNotFound:
        raise exception.GlanceImageNotFound(image_id=image_id)
    if not visible(ctxt, image):
        raise exception.GlanceImageNotFound(image_id=image_id)
    return image


def get_owned(ctxt, image_id, action):
    """The image if `ctxt` may change it: 404 unseen, 403 not its own."""
    image = get_visible(ctxt, image_id)
    if not owns(ctxt, image):
        raise exception.ImageForbidden(action=action)
    return image


def require_reader(ctxt, action):
    """The policy check of a read, with glance's 403 text."""
    try:
        policy.require_authenticated(ctxt)
        policy.check_scope(ctxt, action, project_scoped=True)
        policy.require_reader(ctxt, action)
    except exception.NotAuthenticated:
        raise
    except exception.Forbidden:
        raise exception.ImageForbidden(action=action)


def require_member(ctxt, action):
    """The policy check of a change, with glance's 403 text."""
    try:
        policy.require_authenticated(ctxt)
        policy.check_scope(ctxt, action, project_scoped=True)
        policy.require_member(ctxt, action)
    except exception.NotAuthenticated:
        raise
    except exception.Forbidden:
        raise exception.ImageForbidden(action=action)
