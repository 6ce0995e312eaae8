"""/volume/v3/os-services: the block-storage daemons and their state."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume.views import services as views
from stratus.db.api import services as db_services

BINARIES = ('stratus-scheduler', 'stratus-volume')


class ServicesController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:services:index')
        rows = db_services.service_list(
            binary=wsgi.query_value(kwargs, 'binary'),
            host=wsgi.query_value(kwargs, 'host'), binaries=BINARIES)
        version = wsgi.version()
        return wsgi.response({'services': [views.service(r, version)
                                           for r in rows]})
