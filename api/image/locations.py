"""/v2/images/{id}/locations (glance's location API of 2024.2): the
service-only listing of where an image's data lies, and adding a location,
which glance allows normal users only for an http store (there is none
here: one file store)."""
import pecan
from pecan import rest

from stratus.api import wsgi
from stratus.api.image import access
from stratus.api.image import store
from stratus.api.image.metadefs import access as metadef_access
from stratus.api.image.schemas import image_document
from stratus.common import exception


def _denied(rule):
    return exception.Forbidden('You are not authorized to complete %s '
                               'action.' % rule)


def _is_service(ctxt):
    return ctxt.is_admin or 'service' in (ctxt.roles or [])


class LocationsController(rest.RestController):

    @pecan.expose()
    def get_all(self, image_id):
        ctxt = wsgi.context()
        access.require_reader(ctxt, 'get_image')
        image = access.get_visible(ctxt, image_id)
        if not _is_service(ctxt):
            raise _denied('fetch_image_location')
        locations = []
        if image['status'] in ('active', 'deactivated') and \
                store.exists(image_id):
            locations.append({'url': 'file://' + store.path(image_id),
                              'metadata': {}})
        return wsgi.response(locations)

    @pecan.expose()
    def post(self, image_id):
        ctxt = wsgi.context()
        body = metadef_access.body(pecan.request)
        image_document.validate({'add_location': body},
                                image_document.location())
        image = access.get_visible(ctxt, image_id)
        if image['status'] != 'queued':
            raise exception.Conflict("It's not allowed to add locations if "
                                     "image status is %s." % image['status'])
        if not (ctxt.is_admin or access.owns(ctxt, image)):
            raise _denied('add_image_location')
        raise exception.Forbidden('http store must be enabled to use '
                                  'location API by normal user.')
