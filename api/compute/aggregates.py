"""/os-aggregates: host aggregates are not modelled; the list is empty so
that clients which read it first (`openstack hypervisor show`) work."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi


class AggregatesController(rest.RestController):

    @pecan.expose()
    def get_all(self):
        policy.require_admin(wsgi.context(), 'os_compute_api:os-aggregates:'
                                             'index')
        return wsgi.response({'aggregates': []})
