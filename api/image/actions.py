"""/image/v2/images/{id}/actions/deactivate|reactivate (204).

A deactivated image keeps its data but only admins may download it.
Both actions are idempotent; any other status answers 403, as glance.
"""
import pecan
from pecan import rest

from stratus.api import wsgi
from stratus.api.image import access
from stratus.common import exception
from stratus.common import log
from stratus.db.api import images as db_images

LOG = log.getLogger(__name__)


def _transition(image_id, action, source, target):
    ctxt = wsgi.context()
    access.require_member(ctxt, action)
    image = access.get_owned(ctxt, image_id, action)
    if image['status'] == target:
        return wsgi.response(status=204)
    try:
        db_images.set_status(image_id, (source,), target)
    except exception.ImageStatusConflict as exc:
        raise exception.Forbidden("Not allowed to %s image in status '%s'"
                                  % (action, exc.kwargs['status']))
    LOG.info('Image %s is %s', image_id, target)
    return wsgi.response(status=204)


class ActionsController(rest.RestController):
    _custom_actions = {'deactivate': ['POST'], 'reactivate': ['POST']}

    @pecan.expose()
    def deactivate(self, image_id):
        return _transition(image_id, 'deactivate', 'active', 'deactivated')

    @pecan.expose()
    def reactivate(self, image_id):
        return _transition(image_id, 'reactivate', 'deactivated', 'active')
