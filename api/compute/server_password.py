"""/servers/{id}/os-server-password: the encrypted password the guest
posted to the metadata service (GET), and clearing it (DELETE).

Kept as nova keeps it: split over system_metadata password_0..password_3
(255 characters each)."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.db.api import instances

CHUNKS = 4
CHUNK_LENGTH = 255


def password_of(instance):
    system = instance.get('system_metadata') or {}
    return ''.join(system.get('password_%d' % i) or ''
                   for i in range(CHUNKS))


def chunks(password):
    """The system_metadata items that store `password` ('' clears)."""
    password = password or ''
    return {'password_%d' % i:
            password[i * CHUNK_LENGTH:(i + 1) * CHUNK_LENGTH]
            for i in range(CHUNKS)}


def _instance(server_id):
    from stratus.api.compute.servers import COMPUTE
    return COMPUTE.get(wsgi.context(), server_id)


class ServerPasswordController(rest.RestController):

    @pecan.expose()
    def get_all(self, server_id):
        instance = _instance(server_id)
        policy.require_reader(wsgi.context(),
                              'os_compute_api:os-server-password:show')
        return wsgi.response({'password': password_of(instance)})

    @pecan.expose()
    def delete(self, server_id=None):
        instance = _instance(server_id)
        policy.require_member(wsgi.context(),
                              'os_compute_api:os-server-password:clear')
        system = dict(instance['system_metadata'] or {})
        system.update(chunks(''))
        instances.update(instance['uuid'], {'system_metadata': system})
        return wsgi.response(status=204)
