"""The `networks` of a create request, checked as nova's
_get_requested_networks checks them, then looked up in a cloud with no
networking service: 'auto' and 'none' stand, any named network or port
is one that does not exist (400, nova's NetworkNotFound/PortNotFound)."""
import uuid as uuidlib

from stratus.common import exception


def _uuid_like(value):
    try:
        uuidlib.UUID(str(value))
    except ValueError:
        return False
    return True


def check_shape(requested):
    """nova's shape checks of a list of requests, in its order (before
    anything is looked up)."""
    if not isinstance(requested, list):
        return
    ports = []
    for network in requested:
        port = network.get('port')
        if port:
            if port in ports:
                raise exception.Invalid(
                    "Port ID '%s' was specified twice: you cannot attach "
                    "a port multiple times." % port)
            if network.get('fixed_ip') is not None:
                raise exception.Invalid(
                    "Specified Fixed IP '%s' cannot be used with port "
                    "'%s': the two cannot be specified together." % (
                        network['fixed_ip'], port))
            ports.append(port)
            continue
        if 'uuid' not in network:
            raise exception.Invalid("Bad network format: missing 'uuid'")
        if not _uuid_like(network['uuid']):
            raise exception.Invalid('Bad networks format: network uuid is '
                                    'not in proper format (%s)' %
                                    network['uuid'])


def resolve(requested):
    """What the server is built with: 'auto', 'none' or [] (no network
    service has anything to give). Absent is 'auto' as in nova."""
    if requested is None:
        return 'auto'
    if isinstance(requested, str):
        return requested
    check_shape(requested)
    for network in requested:
        if network.get('port'):
            raise exception.Invalid('Port id %s could not be found.' %
                                    network['port'])
        raise exception.Invalid('Network %s could not be found.' %
                                network['uuid'])
    return []
