"""os-start, os-stop, reboot, pause/unpause, suspend/resume: 202, no body."""
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
_null = {'type': 'null'}


def _simple(method):
    def handler(compute, ctxt, server_id, value):
        validation.check(_null, value)
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
}


def _soft_deleted_only(action):
    """forceDelete and restore apply to soft-deleted servers only; deletes
    here are immediate (no reclaim interval), so any server answers 409 as
    nova does outside SOFT_DELETED."""
    def handler(compute, ctxt, server_id, value):
        validation.check(_null, value)
        compute.soft_deleted_action(ctxt, server_id, action)
        return wsgi.response(status=202)
    return handler


HANDLERS['forceDelete'] = _soft_deleted_only('forceDelete')
HANDLERS['restore'] = _soft_deleted_only('restore')
