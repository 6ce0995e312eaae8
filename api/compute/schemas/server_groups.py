"""Body of POST /os-server-groups and the list query, per microversion."""
from stratus.api import validation
from stratus.api.compute import query

# 2.1 policies; the soft ones came with 2.15.
POLICIES_21 = ['anti-affinity', 'affinity']
POLICIES_215 = POLICIES_21 + ['soft-anti-affinity', 'soft-affinity']

_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'^(?! )[^\x00-\x1f]*(?<! )$'}


def _create(properties, required):
    return {
        'type': 'object',
        'properties': {
            'server_group': {
                'type': 'object',
                'properties': dict(properties, name=_name),
                'required': ['name', required],
                'additionalProperties': False,
            },
        },
        'required': ['server_group'],
        'additionalProperties': False,
    }


def _policies(policies):
    return {'policies': {
        'type': 'array', 'items': {'type': 'string', 'enum': policies},
        'uniqueItems': True, 'minItems': 1, 'maxItems': 1}}


# 2.64: one policy as a string, and rules (max_server_per_host).
_POLICY_264 = {
    'policy': {'type': 'string', 'enum': POLICIES_215},
    'rules': {
        'type': 'object',
        'properties': {'max_server_per_host': {
            'type': ['integer', 'string'], 'pattern': '^[0-9]*$',
            'minimum': 1}},
        'additionalProperties': False,
    },
}

CREATE = [((2, 1), (2, 14), _create(_policies(POLICIES_21), 'policies')),
          ((2, 15), (2, 63), _create(_policies(POLICIES_215), 'policies')),
          ((2, 64), None, _create(_POLICY_264, 'policy'))]


def create(version):
    return validation.for_version(version, CREATE)


def list_query(version):
    return query.schema({
        'all_projects': query.multi({'type': 'string'}),
        'limit': query.multi(query.NON_NEGATIVE_INT),
        'offset': query.multi(query.NON_NEGATIVE_INT),
    }, strict=version >= (2, 75))
