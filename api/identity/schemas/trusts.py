"""Body of POST /v3/OS-TRUST/trusts (keystone's trust schema: unknown
keys are kept as extra attributes)."""
from stratus.api.identity.schemas import keystone_bodies as kb


_nullable_string = {'type': ['string', 'null']}

trust_create = {
    'type': 'object',
    'properties': {
        'trust': {
            'type': 'object',
            'properties': {
                'trustor_user_id': {'type': 'string'},
                'trustee_user_id': {'type': 'string'},
                'impersonation': {'type': 'boolean'},
                'project_id': _nullable_string,
                'remaining_uses': {'type': ['integer', 'null'],
                                   'minimum': 1},
                # keystone's order of types shows in the refusal.
                'expires_at': {'type': ['null', 'string']},
                'allow_redelegation': {'type': ['boolean', 'null']},
                'redelegation_count': {'type': ['integer', 'null'],
                                       'minimum': 0},
                'redelegated_trust_id': _nullable_string,
                'roles': {
                    'type': 'array',
                    'items': {
                        'type': 'object',
                        'properties': {
                            'id': {'type': 'string', 'minLength': 1,
                                   'maxLength': 64,
                                   'pattern': '^[a-zA-Z0-9-]+$'},
                            'name': {'type': 'string', 'minLength': 1,
                                     'maxLength': 255,
                                     'pattern': r'[\S]+'},
                        },
                        'minProperties': 1,
                        'maxProperties': 1,
                        'additionalProperties': False,
                    },
                },
            },
            'required': ['trustor_user_id', 'trustee_user_id',
                         'impersonation'],
        },
    },
    'required': ['trust'],
    'additionalProperties': False,
}

# keystone's keyword order (the first failing one is reported).
trust_create = kb.in_order(trust_create, ('additionalProperties', 'required'),
                           ('required', 'additionalProperties'))
