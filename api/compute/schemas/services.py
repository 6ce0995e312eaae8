"""Bodies of PUT /os-services/{enable,disable,disable-log-reason} (2.1)."""

_host_binary = {
    'host': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    'binary': {'type': 'string', 'minLength': 1, 'maxLength': 255},
}

enable_disable = {
    'type': 'object',
    'properties': dict(_host_binary),
    'required': ['host', 'binary'],
    'additionalProperties': False,
}

disable_log_reason = {
    'type': 'object',
    'properties': dict(_host_binary, disabled_reason={
        'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': r'^[^\s].*'}),
    'required': ['host', 'binary', 'disabled_reason'],
    'additionalProperties': False,
}

ACTIONS = {'enable': enable_disable, 'disable': enable_disable,
           'disable-log-reason': disable_log_reason}
