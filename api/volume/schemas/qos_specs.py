"""Bodies of QoS spec create, set (PUT) and delete_keys (cinder's)."""
from stratus.api.volume.schemas import common

# Create takes any keys beside the name; their values are checked by the
# controller as cinder does (strings of at most 255 characters).
create = {'type': 'object',
          'properties': {'qos_specs': {
              'type': 'object',
              'properties': {'name': {'type': 'string'}},
              'required': ['name'], 'additionalProperties': True}},
          'required': ['qos_specs'], 'additionalProperties': False}

_SPEC_WITH_NULL = {'type': ['string', 'null'], 'maxLength': 255}
set_keys = {'type': 'object',
            'properties': {'qos_specs': dict(
                common.EXTRA_SPECS, patternProperties={
                    '^[a-zA-Z0-9-_:. /]{1,255}$': _SPEC_WITH_NULL})},
            'required': ['qos_specs'], 'additionalProperties': False}

unset_keys = {'type': 'object',
              'properties': {'keys': {
                  'type': 'array',
                  'items': {'type': 'string', 'minLength': 1,
                            'maxLength': 255},
                  'uniqueItems': True}},
              'required': ['keys'], 'additionalProperties': False}
