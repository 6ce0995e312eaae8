"""Body of POST /os-keypairs and the os-keypairs query strings, per
microversion."""
import copy

from stratus.api import validation
from stratus.api.compute import query

# Names: no leading or trailing space (nova's name type) and only
# letters, digits, '-', '_' and space; '@' and '.' came with 2.92.
_NAME = r'^(?! )[a-zA-Z0-9 _-]+(?<! )$'
_NAME_292 = r'^(?! )[a-zA-Z0-9 @._-]+(?<! )$'


def _create(name_pattern, extra=None, required=('name',)):
    properties = {
        'name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                 'pattern': name_pattern},
        'public_key': {'type': 'string'},
    }
    properties.update(extra or {})
    return {
        'type': 'object',
        'properties': {'keypair': {
            'type': 'object', 'properties': properties,
            'required': list(required), 'additionalProperties': False}},
        'required': ['keypair'],
        'additionalProperties': False,
    }


_TYPE = {'type': {'type': 'string', 'enum': ['ssh', 'x509']}}
_USER = dict(_TYPE, user_id={'type': 'string'})

create = _create(_NAME)
CREATE = [
    ((2, 1), (2, 1), create),
    ((2, 2), (2, 9), _create(_NAME, _TYPE)),
    ((2, 10), (2, 91), _create(_NAME, _USER)),
    # 2.92: no more generated keys, so public_key is required.
    ((2, 92), None, _create(_NAME_292, _USER, ('name', 'public_key'))),
]


def create_schema(version):
    return validation.for_version(version, CREATE)


def query_schema(version, paged=False):
    """List (paged=True), show and delete: user_id from 2.10, limit and
    marker on the list from 2.35, unknown parameters 400 from 2.75."""
    properties = {}
    if version >= (2, 10):
        properties['user_id'] = query.multi({'type': 'string'})
    if paged and version >= (2, 35):
        properties['limit'] = query.multi(query.NON_NEGATIVE_INT)
        properties['marker'] = query.multi({'type': 'string'})
    return query.schema(copy.deepcopy(properties),
                        strict=version >= (2, 75))
