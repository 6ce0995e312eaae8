"""Body of PUT /os-quota-sets/{project_id} and the quota-set query string,
per microversion."""
import copy

from stratus.api import validation
from stratus.api.compute import query
from stratus.db.api import quotas

# nova-network's quotas: still accepted (and ignored) before 2.36.
LEGACY_NETWORK = ('fixed_ips', 'floating_ips', 'security_groups',
                  'security_group_rules', 'networks')
PERSONALITY = ('injected_files', 'injected_file_content_bytes',
               'injected_file_path_bytes')

_limit = {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
          'minimum': -1, 'maximum': 2147483647}
# The strings oslo's bool_from_string accepts, as nova's boolean type does.
_boolean = {'type': ['boolean', 'string'], 'enum': [
    True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes',
    'y', 't', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off',
    'NO', 'No', 'no', 'n', 'f']}


def _update(names):
    properties = {name: _limit for name in names}
    properties['force'] = _boolean
    return {
        'type': 'object',
        'properties': {
            'quota_set': {
                'type': 'object',
                'properties': copy.deepcopy(properties),
                'additionalProperties': False,
            },
        },
        'required': ['quota_set'],
        'additionalProperties': False,
    }


update = _update(quotas.RESOURCES + LEGACY_NETWORK)
UPDATE = [
    ((2, 1), (2, 35), update),
    # 2.36: no network quotas; 2.57: no personality file quotas.
    ((2, 36), (2, 56), _update(quotas.RESOURCES)),
    ((2, 57), None, _update([r for r in quotas.RESOURCES
                             if r not in PERSONALITY])),
]

TRUE_STRINGS = ('true', '1', 'on', 'yes', 'y', 't')


def update_schema(version):
    return validation.for_version(version, UPDATE)


def query_schema(version):
    """show, detail, update and delete take user_id; strict from 2.75."""
    return query.schema({'user_id': query.multi({'type': 'string'})},
                        strict=version >= (2, 75))
