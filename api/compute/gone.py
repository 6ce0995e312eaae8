"""Families nova removed (nova-network, cells v1, cloudpipe, agents,
certificates, fping, XenAPI consoles, virtual interfaces).

nova still routes them and answers 410 Gone at every microversion, before
looking anything up, but only for the methods and paths its route table
maps; any other method or path matches no route there, a 404."""
import json

import pecan

from stratus.common import exception

ID = '{id}'
# family -> {path under the family (segments, '{id}' for any): methods}
ROUTES = {
    'os-agents': {(): ('GET', 'POST'), (ID,): ('PUT', 'DELETE')},
    'os-cells': {
        (): ('POST', 'GET'), ('capacities',): ('GET',),
        ('detail',): ('GET',), ('info',): ('GET',),
        ('sync_instances',): ('POST',), (ID,): ('GET', 'PUT', 'DELETE'),
        (ID, 'capacities'): ('GET',)},
    'os-certificates': {(): ('POST',), (ID,): ('GET',)},
    'os-cloudpipe': {(): ('GET', 'POST'), (ID,): ('PUT',)},
    'os-fixed-ips': {(ID,): ('GET',), (ID, 'action'): ('POST',)},
    'os-floating-ip-dns': {
        (): ('GET',), (ID,): ('PUT', 'DELETE'),
        (ID, 'entries', ID): ('GET', 'PUT', 'DELETE')},
    'os-floating-ips-bulk': {(): ('GET', 'POST'), (ID,): ('GET', 'PUT')},
    'os-fping': {(): ('GET',), (ID,): ('GET',)},
    'os-security-group-default-rules': {
        (): ('GET', 'POST'), (ID,): ('GET', 'DELETE')},
    # Under /servers/{server_id}/.
    'consoles': {(): ('GET', 'POST'), (ID,): ('GET', 'DELETE')},
    'os-virtual-interfaces': {(): ('GET',)},
}
# The actions of POST /os-fixed-ips/{id}/action.
FIXED_IP_ACTIONS = ('reserve', 'unreserve')

# Root families of /compute/v2.1 and sub-resources of /servers/{id}.
ROOT_FAMILIES = ('os-agents', 'os-cells', 'os-certificates', 'os-cloudpipe',
                 'os-fixed-ips', 'os-floating-ip-dns', 'os-floating-ips-bulk',
                 'os-fping', 'os-security-group-default-rules')
SERVER_FAMILIES = ('consoles', 'os-virtual-interfaces')


def _routed(routes, segments, method):
    for path, methods in routes.items():
        if len(path) == len(segments) and method in methods and all(
                part == ID or part == given
                for part, given in zip(path, segments)):
            return path
    return None


def _fixed_ip_action():
    """nova reads the action key first: bad JSON or not one key is a
    400, an unknown action too."""
    try:
        body = json.loads(pecan.request.body)
        if len(body) != 1:
            raise exception.Invalid('Malformed request body')
        name = next(iter(body.keys()))
    except ValueError:
        raise exception.Invalid('Malformed request body')
    except (AttributeError, TypeError):
        raise exception.NotFound('The resource could not be found.')
    if name not in FIXED_IP_ACTIONS:
        raise exception.Invalid('There is no such action: %s' % name)


def _family_and_rest(path):
    """The removed family a request path names and the segments after
    it (the routes stay mounted as before: one controller for all)."""
    parts = [part for part in path.split('/') if part]
    for index, part in enumerate(parts):
        if part in ROUTES:
            return part, tuple(parts[index + 1:])
    raise exception.NotFound('The resource could not be found.')


class GoneController:
    def _answer(self):
        family, segments = _family_and_rest(pecan.request.path)
        path = _routed(ROUTES[family], segments, pecan.request.method)
        if path is None:
            raise exception.NotFound('The resource could not be found.')
        if family == 'os-fixed-ips' and path == (ID, 'action'):
            _fixed_ip_action()
        raise exception.Gone()

    @pecan.expose()
    def index(self, *args, **kwargs):
        self._answer()

    @pecan.expose()
    def _default(self, *args, **kwargs):
        self._answer()
