"""Request bodies of evacuate, changePassword and trigger_crash_dump (the
action's value), as nova's schemas give them per microversion."""
from stratus.api.compute.schemas import servers as server_schemas

# nova's parameter_types.fqdn (underscores allowed) and admin_password.
_host = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': '^[a-zA-Z0-9-._]*$'}
_password = {'type': 'string'}
_boolean = server_schemas._boolean

# 2.0-2.13: onSharedStorage required.
evacuate = {
    'type': 'object',
    'properties': {'host': _host, 'onSharedStorage': _boolean,
                   'adminPass': _password},
    'required': ['onSharedStorage'],
    'additionalProperties': False,
}
# 2.14-2.28 and again from 2.68 (force gone; 2.95 changes no body).
evacuate_v214 = {
    'type': 'object',
    'properties': {'host': _host, 'adminPass': _password},
    'additionalProperties': False,
}
# 2.29-2.67: force.
evacuate_v229 = {
    'type': 'object',
    'properties': {'host': _host, 'adminPass': _password,
                   'force': _boolean},
    'additionalProperties': False,
}
EVACUATE = [((2, 0), (2, 13), evacuate), ((2, 14), (2, 28), evacuate_v214),
            ((2, 29), (2, 67), evacuate_v229), ((2, 68), None, evacuate_v214)]

change_password = {
    'type': 'object',
    'properties': {'adminPass': _password},
    'required': ['adminPass'],
    'additionalProperties': False,
}

trigger_crash_dump = {'type': 'null'}
