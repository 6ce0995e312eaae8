"""Bodies of volume type encryption create and update (cinder's schema:
unknown keys pass, key_size may be an integer-like string)."""
import copy

KEY_SIZE = {'type': ['string', 'integer', 'null'], 'minimum': 0,
            'maximum': 2147483647, 'format': 'key_size'}
create = {
    'type': 'object',
    'properties': {'encryption': {
        'type': 'object',
        'properties': {
            'key_size': KEY_SIZE,
            'provider': {'type': 'string', 'minLength': 0, 'maxLength': 255},
            'control_location': {'enum': ['front-end', 'back-end']},
            'cipher': {'type': ['string', 'null'], 'minLength': 0,
                       'maxLength': 255}},
        'required': ['provider', 'control_location'],
        'additionalProperties': True}},
    'required': ['encryption'],
    'additionalProperties': False,
}
update = copy.deepcopy(create)
update['properties']['encryption']['required'] = []
