"""os-start, os-stop, reboot, pause/unpause, suspend/resume, forceDelete,
restore: 202, no body. nova leaves the value of all but reboot open (any
JSON, `{}` included, as several SDKs send)."""
from stratus.api import validation
from stratus.api import wsgi

_reboot = {
    'type': 'object',
    'properties': {'type': {'type': 'string',
                            'enum': ['HARD', 'Hard', 'hard', 'SOFT', 'Soft',
                                     'soft']}},
    'required': ['type'],
    'additionalProperties': False,
}
def _simple(method):
    def handler(compute, ctxt, server_id, value):
        getattr(compute, method)(ctxt, server_id)
        return wsgi.response(status=202)
    return handler


def reboot(compute, ctxt, server_id, value):
    validation.check({'type': 'object', 'properties': {'reboot': _reboot},
                      'required': ['reboot']}, {'reboot': value})
    compute.reboot(ctxt, server_id, value['type'].upper())
    return wsgi.response(status=202)


HANDLERS = {
    'os-start': _simple('start'),
    'os-stop': _simple('stop'),
    'pause': _simple('pause'),
    'unpause': _simple('unpause'),
    'suspend': _simple('suspend'),
    'resume': _simple('resume'),
    'reboot': reboot,
    'forceDelete': _simple('force_delete'),
    'restore': _simple('restore'),
}
