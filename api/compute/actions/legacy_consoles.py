"""The console actions of 2.1-2.5 (os-getVNCConsole, os-getSPICEConsole,
os-getSerialConsole, os-getRDPConsole), which POST
/servers/{id}/remote-consoles replaced at 2.6; from 2.6 nova finds no
method for them: 404 before reading the value.

As for remote consoles, stratus's drivers serve no graphical or serial
console, which nova answers as a compute with that console disabled: 409
while the server has no host, else 400 "Unavailable console type <type>.".
RDP went with the Hyper-V driver: a bare 400 before anything else."""
from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute.actions import nova_order
from stratus.common import exception

POLICY = 'os_compute_api:os-remote-consoles'
BAD_REQUEST = ('The server could not comply with the request since it is '
               'either malformed or otherwise incorrect.')


def _typed(types):
    return {'type': 'object',
            'properties': {'type': {'type': 'string', 'enum': types}},
            'required': ['type'], 'additionalProperties': False}


def _up_to_25(handler):
    def versioned(compute, ctxt, server_id, value):
        if wsgi.version() >= (2, 6):
            raise exception.NotFound('The resource could not be found.')
        return handler(compute, ctxt, server_id, value)
    versioned.checks_own_policy = True
    return versioned


def _console(name, types):
    @nova_order.action(name, _typed(types))
    def handler(compute, ctxt, server_id, value):
        # nova: the policy on the caller's own project, then the server.
        policy.require_member(ctxt, POLICY)
        instance = compute.get(ctxt, server_id, extras=False)
        if not instance['host']:
            raise exception.InstanceNotReady(instance_id=server_id)
        raise exception.Invalid('Unavailable console type %s.'
                                % value['type'])
    return _up_to_25(handler)


def _rdp(compute, ctxt, server_id, value):
    raise exception.Invalid(BAD_REQUEST)


HANDLERS = {
    # xvpvnc stays in nova's schema (XenServer's) and is refused below it.
    'os-getVNCConsole': _console('os-getVNCConsole', ['novnc', 'xvpvnc']),
    'os-getSPICEConsole': _console('os-getSPICEConsole', ['spice-html5']),
    'os-getSerialConsole': _console('os-getSerialConsole', ['serial']),
    'os-getRDPConsole': _up_to_25(_rdp),
}
