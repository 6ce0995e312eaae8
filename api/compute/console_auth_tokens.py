"""/compute/v2.1/os-console-auth-tokens/{token}: before 2.31 nova answers
400 (the rdp-html5 consoles it served are gone); from 2.31 admins check a
token. stratus hands out no console tokens, so none is ever found."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.common import exception

_RULE = 'os_compute_api:os-console-auth-tokens'


class ConsoleAuthTokensController(rest.RestController):
    @pecan.expose()
    def get_one(self, token, **kwargs):
        if wsgi.version() < (2, 31):
            raise exception.Invalid(
                'The server could not comply with the request since it is '
                'either malformed or otherwise incorrect.')
        policy.require_admin(wsgi.context(), _RULE)
        raise exception.NotFound('Token not found')
