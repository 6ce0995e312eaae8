"""/compute/v2.1/os-volumes_boot: nova's old alias of /servers (list,
detail, show, create, update, delete, and nothing below a server). nova
serves it up to 2.102; 2.103 removes it (404 for every request)."""
import inspect

import pecan

from stratus.api import wsgi
from stratus.api.compute import servers
from stratus.common import exception

LAST_VERSION = (2, 102)


def _check_version():
    if wsgi.version() > LAST_VERSION:
        raise exception.NotFound('The resource could not be found.')


class VolumesBootController(servers.ServersController):
    _custom_actions = {'detail': ['GET']}

    def _lookup_child(self, remainder):
        # No sub-resources under the alias (no action, metadata, ...):
        # only this controller's own methods route.
        found = super()._lookup_child(remainder)
        return found if inspect.ismethod(found) else None

    @pecan.expose()
    def get_all(self, **kwargs):
        _check_version()
        return super().get_all(**kwargs)

    @pecan.expose()
    def detail(self, **kwargs):
        _check_version()
        return super().detail(**kwargs)

    @pecan.expose()
    def get_one(self, server_id):
        _check_version()
        return super().get_one(server_id)

    @pecan.expose()
    def post(self):
        _check_version()
        return super().post()

    @pecan.expose()
    def put(self, server_id):
        _check_version()
        return super().put(server_id)

    @pecan.expose()
    def delete(self, server_id):
        _check_version()
        return super().delete(server_id)
