"""/compute/v2.1/extensions: nova's fixed extension list (any user);
show takes the alias."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import extension_list
from stratus.common import exception


def _extension(alias, name, description):
    return {'alias': alias, 'description': description, 'links': [],
            'name': name,
            'namespace': 'http://docs.openstack.org/compute/ext/fake_xml',
            'updated': '2014-12-03T00:00:00Z'}


class ExtensionsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        policy.require_authenticated(wsgi.context())
        policy.check_scope(wsgi.context(), 'os_compute_api:extensions')
        return wsgi.response({'extensions': [
            _extension(*e) for e in extension_list.EXTENSIONS]})

    @pecan.expose()
    def get_one(self, alias, **kwargs):
        policy.require_authenticated(wsgi.context())
        policy.check_scope(wsgi.context(), 'os_compute_api:extensions')
        for entry in extension_list.EXTENSIONS:
            if entry[0] == alias:
                return wsgi.response({'extension': _extension(*entry)})
        raise exception.NotFound('The resource could not be found.')
