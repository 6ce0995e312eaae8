"""Bodies of the service, endpoint and region APIs (unknown attributes
are ignored, as keystone tolerates them)."""
from stratus.api.identity.schemas import keystone_bodies as kb


_text = {'type': ['string', 'null'], 'maxLength': 255}
_enabled = {'type': 'boolean'}
# keystone's url check: a scheme, a colon, something after it.
_url = {'type': 'string', 'minLength': 1, 'maxLength': 2048,
        'pattern': r'^[a-zA-Z0-9+.-]+:.+'}
_region_id = {'type': ['string', 'null'], 'maxLength': 255}


def _wrap(key, properties, required=(), update=False):
    inner = {'type': 'object', 'properties': properties}
    if required:
        inner['required'] = list(required)
    if update:
        inner['minProperties'] = 1
    return {'type': 'object', 'properties': {key: inner},
            'required': [key]}


_service = {'type': {'type': 'string', 'minLength': 1, 'maxLength': 255},
            'name': _text, 'description': {'type': ['string', 'null']},
            'enabled': _enabled}
service_create = _wrap('service', _service, required=['type'])
service_update = _wrap('service', _service, update=True)

_endpoint = {'service_id': {'type': 'string', 'minLength': 1,
                            'maxLength': 64},
             # keystone's order: it shows in the refusal.
             'interface': {'type': 'string',
                           'enum': ['admin', 'internal', 'public']},
             'url': _url, 'region_id': _region_id, 'region': _region_id,
             'enabled': _enabled}
endpoint_create = _wrap('endpoint', _endpoint,
                        required=['service_id', 'interface', 'url'])
endpoint_update = _wrap('endpoint', _endpoint, update=True)

_region = {'id': {'type': 'string', 'minLength': 1, 'maxLength': 255},
           'description': {'type': ['string', 'null']},
           'parent_region_id': _region_id}
region_create = _wrap('region', _region)
region_update = _wrap('region', {k: v for k, v in _region.items()
                                 if k != 'id'}, update=True)

# What keystone refuses is refused first, in its words (keystone_bodies).
service_create = kb.first(kb.service_create, service_create)
service_update = kb.first(kb.service_update, service_update)
endpoint_create = kb.first(kb.endpoint_create, endpoint_create)
endpoint_update = kb.first(kb.endpoint_update, endpoint_update)
region_create = kb.first(kb.region_create, region_create)
region_update = kb.first(kb.region_update, region_update)
