"""Bodies of OS-EP-FILTER's endpoint groups (keystone refuses unknown
attributes here, and any filter key but service_id, region_id and
interface: see api/identity/ep_filter.py)."""
from stratus.api.identity.schemas import keystone_bodies as kb
from stratus.api.identity.schemas import resources
from stratus.db.api import catalog

_filters = {'type': 'object', 'properties': {
    'interface': {'type': 'string', 'enum': sorted(catalog.INTERFACES)},
    'service_id': {'type': 'string'},
    'region_id': {'type': ['string', 'null']},
    'enabled': {'type': 'boolean'}}}
_group = {'description': {'type': ['string', 'null']}, 'filters': _filters,
          'name': resources.name_255}


def _body(required=(), update=False):
    inner = {'type': 'object', 'properties': _group,
             'additionalProperties': False}
    if required:
        inner['required'] = list(required)
    if update:
        inner['minProperties'] = 1
    schema = {'type': 'object', 'properties': {'endpoint_group': inner},
              'additionalProperties': False}
    if update:
        schema['required'] = ['endpoint_group']
    return schema


# Keystone's create schema does not require the member: a body without
# one fails later, on its missing filters.
endpoint_group_create = _body(required=['name', 'filters'])
endpoint_group_update = _body(update=True)

# keystone's keyword order (the first failing one is reported).
endpoint_group_create = kb.in_order(
    endpoint_group_create, (), ('required', 'additionalProperties'))
endpoint_group_update = kb.in_order(
    endpoint_group_update, ('required',),
    ('minProperties', 'additionalProperties'))
