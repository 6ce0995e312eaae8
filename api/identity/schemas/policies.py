"""The `policy` member of /v3/policies bodies (keystone validates the
member itself, so error paths start below it; extra attributes are
kept)."""
_policy = {'blob': {'type': 'string'},
           'type': {'type': 'string', 'maxLength': 255}}

policy_create = {'type': 'object', 'properties': _policy,
                 'required': ['blob', 'type']}
policy_update = {'type': 'object', 'properties': _policy,
                 'minProperties': 1}
