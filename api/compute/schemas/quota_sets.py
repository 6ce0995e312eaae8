"""Body of PUT /os-quota-sets/{project_id} (2.1)."""
from stratus.db.api import quotas

# nova-network's quotas: still accepted (and ignored) before 2.36.
LEGACY_NETWORK = ('fixed_ips', 'floating_ips', 'security_groups',
                  'security_group_rules', 'networks')

_limit = {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
          'minimum': -1, 'maximum': 2147483647}
# The strings oslo's bool_from_string accepts, as nova's boolean type does.
_boolean = {'type': ['boolean', 'string'], 'enum': [
    True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
    'y', 't', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off',
    'NO', 'No', 'no', 'n', 'f']}

_properties = {name: _limit for name in quotas.RESOURCES + LEGACY_NETWORK}
_properties['force'] = _boolean

update = {
    'type': 'object',
    'properties': {
        'quota_set': {
            'type': 'object',
            'properties': _properties,
            'additionalProperties': False,
        },
    },
    'required': ['quota_set'],
    'additionalProperties': False,
}

TRUE_STRINGS = ('true', '1', 'on', 'yes', 'y', 't')
