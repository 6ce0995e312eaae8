"""Body of POST /os-server-external-events: each microversion step adds
one event name (2.51 volume-extended, 2.76 power-update, 2.82
accelerator-request-bound, 2.93 volume-reimaged)."""
from stratus.api import validation

NETWORK_EVENTS = ('network-changed', 'network-vif-plugged',
                  'network-vif-unplugged', 'network-vif-deleted')
STATUSES = ('failed', 'completed', 'in-progress')
# (first microversion, name) for the names after 2.1.
_LATER_NAMES = (((2, 51), 'volume-extended'), ((2, 76), 'power-update'),
                ((2, 82), 'accelerator-request-bound'),
                ((2, 93), 'volume-reimaged'))


def _create(names):
    return {
        'type': 'object',
        'properties': {'events': {
            'type': 'array', 'minItems': 1,
            'items': {
                'type': 'object',
                'properties': {
                    'name': {'type': 'string', 'enum': list(names)},
                    'server_uuid': {'type': 'string', 'format': 'uuid'},
                    'status': {'type': 'string', 'enum': list(STATUSES)},
                    'tag': {'type': 'string', 'maxLength': 255},
                },
                'required': ['name', 'server_uuid'],
                'additionalProperties': False,
            }}},
        'required': ['events'],
        'additionalProperties': False,
    }


def _steps():
    steps, names, since = [], list(NETWORK_EVENTS), (2, 1)
    for first, name in _LATER_NAMES:
        last = (first[0], first[1] - 1)
        steps.append((since, last, _create(names)))
        names, since = names + [name], first
    steps.append((since, None, _create(names)))
    return steps


CREATE = _steps()


def create_schema(version):
    return validation.for_version(version, CREATE)
