"""Attribute mapping rules as keystone 30 accepts them (schema versions
1.0, 2.0 and 3.0 of keystone/federation/utils.py). keystone refuses a
mapping with every schema error, one per line, as a plain 400."""
import copy

import jsonschema

from stratus.common import exception

DEFAULT_SCHEMA_VERSION = '1.0'

_string = {'type': 'string'}
_domain = {'type': 'object',
           'properties': {'id': _string, 'name': _string},
           'additionalProperties': False}
_roles = {'type': 'array', 'items': {
    'type': 'object', 'required': ['name'],
    'properties': {'name': _string}, 'additionalProperties': False}}
_projects = {'type': 'array', 'items': {
    'type': 'object', 'required': ['name', 'roles'],
    'additionalProperties': False,
    'properties': {'name': _string, 'roles': _roles}}}


def _matcher(key):
    """A remote rule matching values: any_one_of, not_any_of, ..."""
    return {'type': 'object', 'additionalProperties': False,
            'required': ['type', key],
            'properties': {'type': _string, key: {'type': 'array'},
                           'regex': {'type': 'boolean'}}}


_local = {
    'type': 'object', 'additionalProperties': False,
    'properties': {
        'user': {
            'type': 'object', 'additionalProperties': False,
            'properties': {
                'id': _string, 'name': _string, 'email': _string,
                'domain': {'$ref': '#/definitions/domain'},
                'type': {'type': 'string', 'enum': ['ephemeral', 'local']},
            }},
        'projects': _projects,
        'group': {'type': 'object', 'oneOf': [
            {'$ref': '#/definitions/group_by_id'},
            {'$ref': '#/definitions/group_by_name'}]},
        'groups': _string,
        'group_ids': _string,
        'domain': {'$ref': '#/definitions/domain'},
    }}

_MATCHERS = ('any_one_of', 'not_any_of', 'blacklist', 'whitelist')

SCHEMA_1_0 = {
    'type': 'object',
    'required': ['rules'],
    'properties': {
        'rules': {
            'minItems': 1, 'type': 'array',
            'items': {
                'type': 'object', 'required': ['local', 'remote'],
                'additionalProperties': False,
                'properties': {
                    'local': {'type': 'array', 'items': _local},
                    'remote': {
                        'minItems': 1, 'type': 'array',
                        'items': {'type': 'object', 'oneOf': [
                            {'$ref': '#/definitions/%s' % name}
                            for name in ('empty',) + _MATCHERS]}},
                }}},
        'schema_version': _string,
    },
    'definitions': dict(
        {name: _matcher(name) for name in _MATCHERS},
        empty={'type': 'object', 'required': ['type'],
               'properties': {'type': _string},
               'additionalProperties': False},
        domain=_domain,
        group_by_id={'type': 'object', 'properties': {'id': _string},
                     'additionalProperties': False, 'required': ['id']},
        group_by_name={'type': 'object',
                       'properties': {'name': _string,
                                      'domain': {
                                          '$ref': '#/definitions/domain'}},
                       'additionalProperties': False,
                       'required': ['name', 'domain']}),
}


def _local_properties(schema):
    return schema['properties']['rules']['items']['properties']['local'][
        'items']['properties']


# 2.0: a project may name its domain.
SCHEMA_2_0 = copy.deepcopy(SCHEMA_1_0)
_local_properties(SCHEMA_2_0)['projects']['items']['properties'][
    'domain'] = _domain
# 3.0: projects may also come as one JSON attribute.
SCHEMA_3_0 = copy.deepcopy(SCHEMA_2_0)
_local_properties(SCHEMA_3_0)['projects_json'] = _string

SCHEMAS = {'1.0': SCHEMA_1_0, '2.0': SCHEMA_2_0, '3.0': SCHEMA_3_0}


def validated(mapping):
    """(rules, schema_version) of a request's `mapping` document."""
    if not isinstance(mapping, dict):
        raise exception.ValidationError(
            "Invalid input for field 'mapping': %r is not of type "
            "'object'" % (mapping,))
    # keystone puts the default in before validating (a null too).
    mapping = dict(mapping, schema_version=mapping.get(
        'schema_version') or DEFAULT_SCHEMA_VERSION)
    version = mapping['schema_version']
    if not isinstance(version, str) or version not in SCHEMAS:
        # keystone fails here with a 500 (an unknown version has no
        # validator); a client error it is.
        raise exception.ValidationError(
            "Invalid input for field 'schema_version': %r is not one of "
            "%s" % (version, sorted(SCHEMAS)))
    checker = jsonschema.Draft4Validator(SCHEMAS[version])
    messages = ''.join(e.message + '\n' for e in
                       sorted(checker.iter_errors(mapping), key=str))
    if messages:
        raise exception.ValidationError(messages)
    return mapping['rules'], version
