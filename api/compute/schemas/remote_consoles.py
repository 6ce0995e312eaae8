"""POST /servers/{id}/remote-consoles bodies: 2.6, mks/webmks from 2.8,
spice-direct from 2.99 (rdp stays listed; the controller refuses it)."""


def create(version):
    protocols = ['vnc', 'spice', 'serial', 'rdp']
    types = ['novnc', 'xvpvnc', 'spice-html5', 'serial', 'rdp-html5']
    if version >= (2, 8):
        protocols.append('mks')
        types.append('webmks')
    if version >= (2, 99):
        types.append('spice-direct')
    return {
        'type': 'object',
        'properties': {'remote_console': {
            'type': 'object',
            'properties': {'protocol': {'type': 'string', 'enum': protocols},
                           'type': {'type': 'string', 'enum': types}},
            'required': ['protocol', 'type'],
            'additionalProperties': False}},
        'required': ['remote_console'], 'additionalProperties': False,
    }
