"""Bodies of the os-services actions (cinder's schemas)."""
import copy

HOST = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255,
        'pattern': r'^[a-zA-Z0-9-._#@:/+\[\]]*$'}
NULLABLE_STRING = {'type': ['string', 'null'], 'minLength': 0,
                   'maxLength': 255}
# The daemons whose log levels can be read and set ('' or '*': all).
# cinder's names (api/service_binaries.py maps them to the daemons).
LOG_BINARIES = ('cinder-scheduler', 'cinder-volume', 'cinder-backup',
                'cinder-api')
BINARY = {'type': 'string', 'enum': list(LOG_BINARIES) + ['', '*']}

enable_and_disable = {
    'type': 'object',
    'properties': {
        'binary': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'host': HOST,
        'cluster': NULLABLE_STRING,
        'service': {'type': 'string', 'minLength': 1, 'maxLength': 255},
    },
    'anyOf': [{'required': ['binary']}, {'required': ['service']}],
    'additionalProperties': False,
}
disable_log_reason = copy.deepcopy(enable_and_disable)
disable_log_reason['properties']['disabled_reason'] = {
    'type': 'string', 'minLength': 1, 'maxLength': 255}
set_log = {
    'type': 'object',
    'properties': {'binary': BINARY, 'server': NULLABLE_STRING,
                   'prefix': NULLABLE_STRING,
                   'level': {'type': ['string', 'null']}},
    'additionalProperties': False,
}
get_log = {
    'type': 'object',
    'properties': {'binary': BINARY, 'server': NULLABLE_STRING,
                   'prefix': NULLABLE_STRING},
    'additionalProperties': False,
}
freeze_and_thaw = {
    'type': 'object',
    'properties': {'cluster': NULLABLE_STRING, 'host': HOST},
    'additionalProperties': False,
}
failover_host = {
    'type': 'object',
    'properties': {'host': HOST, 'backend_id': NULLABLE_STRING,
                   'cluster': NULLABLE_STRING},
    'additionalProperties': False,
}
