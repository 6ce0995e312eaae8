"""The query strings keystone 30 checks (its *_index_request_query
schemas), for the list routes stratus serves.

Query values are always strings, so only enums, lengths, patterns and
formats can refuse one.  Most schemas let unknown parameters through
(filters such as name__icontains); the region and endpoint group lists
refuse them.
"""

# keystone's loose boolean (api/validation/parameter_types): the enum's
# order shows in the refusal.
boolean = {'type': ['boolean', 'string', 'null'], 'enum': [
    True, 'True', 'TRUE', 'true', False, 'False', 'FALSE', 'false', '',
    '1', '0', 'y', 'Y', 'n', 'N', 'on', 'ON', 'off', 'OFF', 'yes', 'no']}

_string = {'type': 'string'}
_name = {'type': 'string', 'minLength': 1, 'maxLength': 255,
         'pattern': r'[\S]+'}
_name_64 = dict(_name, maxLength=64)
_id_64 = {'type': 'string', 'minLength': 1, 'maxLength': 64,
          'pattern': r'^[a-zA-Z0-9-]+$'}
_region_id = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255}
_uuid = {'type': 'string', 'format': 'uuid'}
_limit = {'type': ['integer', 'string']}
_sort = {'sort_key': _string,
         'sort_dir': {'type': 'string', 'enum': ['asc', 'desc']}}


def _open(**properties):
    return {'type': 'object', 'properties': properties,
            'additionalProperties': True}


def _closed(**properties):
    return {'type': 'object', 'properties': properties,
            'additionalProperties': False}


regions = _closed(parent_region_id=_region_id)
services = _open()
endpoints = _open(interface={'type': 'string',
                             'enum': ['admin', 'internal', 'public']},
                  region_id={'type': ['string', 'null']},
                  service_id=_string)
endpoint_groups = _closed(name=_name)
credentials = _open(user_id=_string, type=_string)
users = _open(domain_id=_id_64, enabled=boolean, idp_id=_string,
              name=_name, password_expires_at=_string,
              protocol_id=_string, unique_id=_string, marker=_string,
              limit=_limit, **_sort)
groups = _open(domain_id=_id_64, name=_name, marker=_string, limit=_limit,
               **_sort)
domains = _open(enabled=boolean, name=_name_64, marker=_string,
                limit=_limit)
projects = _open(**{
    'domain_id': _id_64, 'enabled': boolean, 'name': _name_64,
    'parent_id': _uuid, 'is_domain': boolean, 'tags': _string,
    'tags-any': _string, 'not-tags': _string, 'not-tags-any': _string,
    'marker': _string, 'limit': _limit})
roles = _open(name=_name, domain_id=_id_64)
trusts = _open(trustor_user_id=_string, trustee_user_id=_string)
identity_providers = _open(enabled=boolean)
service_providers = _open(enabled=boolean)
application_credentials = _open(name=_string)
access_rules = _open(service=_string, path=_string, method=_string)

# keystone's schema repeats `oneOf` and `not`: a dict literal keeps each
# key's first place and last value, so only these two apply, in this order.
role_assignments = {
    'type': 'object',
    'properties': {
        'effective': {}, 'include_names': {}, 'include_subtree': {},
        'group.id': _id_64, 'role.id': _id_64, 'scope.system': {},
        'scope.domain.id': _id_64, 'scope.project.id': _id_64,
        'user.id': _string, 'scope.OS-INHERIT:inherited_to': {}},
    'dependentRequired': {'include_subtree': ['scope.project.id']},
    'oneOf': [{'required': ['user.id']}, {'required': ['group.id']},
              {'allOf': [{'not': {'required': ['user.id']}},
                         {'not': {'required': ['group.id']}}]}],
    'not': {'required': ['effective', 'group']},
    'additionalProperties': True,
}
