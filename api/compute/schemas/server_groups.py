"""Body of POST /os-server-groups, per microversion."""
from stratus.api import validation

# 2.1 policies; the soft ones came with 2.15.
POLICIES_21 = ['anti-affinity', 'affinity']
POLICIES_215 = POLICIES_21 + ['soft-anti-affinity', 'soft-affinity']

_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'^(?! )[^\x00-\x1f]*(?<! )$'}


def _create(policies):
    return {
        'type': 'object',
        'properties': {
            'server_group': {
                'type': 'object',
                'properties': {
                    'name': _name,
                    'policies': {
                        'type': 'array',
                        'items': {'type': 'string', 'enum': policies},
                        'uniqueItems': True,
                        'minItems': 1, 'maxItems': 1,
                    },
                },
                'required': ['name', 'policies'],
                'additionalProperties': False,
            },
        },
        'required': ['server_group'],
        'additionalProperties': False,
    }


CREATE = [((2, 1), (2, 14), _create(POLICIES_21)),
          ((2, 15), (2, 63), _create(POLICIES_215))]


def create(version):
    return validation.for_version(version, CREATE)
