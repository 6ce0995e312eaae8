"""The `policy` member of /v3/policies bodies (keystone validates the
member itself with its older validator, so error paths start below it and
its messages quote these schemas: same keys, same order; extra attributes
are kept)."""
_policy = {'blob': {'type': 'string'},
           'type': {'type': 'string', 'maxLength': 255}}

policy_create = {'type': 'object', 'properties': _policy,
                 'required': ['blob', 'type'], 'additionalProperties': True}
policy_update = {'type': 'object', 'properties': _policy,
                 'minProperties': 1, 'additionalProperties': True}
