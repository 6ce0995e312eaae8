"""JSON schemas of the metadata definitions API: what requests are checked
against, and the documents served at /v2/schemas/metadefs/*. Their shapes
are glance's (a closed object per resource, a collection wrapping it)."""
import copy

_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string', None]
_STRING = {'type': 'string'}
_READ_ONLY_TIME = {'type': 'string', 'readOnly': True, 'format': 'date-time'}


def _stamped(what):
    return {
        'created_at': dict(_READ_ONLY_TIME,
                           description='When the %s was created' % what),
        'updated_at': dict(_READ_ONLY_TIME,
                           description='When the %s last changed' % what),
    }


def _links():
    return {'schema': {'readOnly': True, 'type': 'string'},
            'self': {'readOnly': True, 'type': 'string'}}


# One property definition (a JSON schema fragment users store).
PROPERTY_FIELDS = {
    'name': {'type': 'string', 'maxLength': 80},
    'title': _STRING,
    'description': _STRING,
    'operators': {'type': 'array', 'items': _STRING},
    'type': {'type': 'string', 'enum': _TYPES},
    'required': {'$ref': '#/definitions/stringArray'},
    'minimum': {'type': 'number'},
    'maximum': {'type': 'number'},
    'maxLength': {'$ref': '#/definitions/positiveInteger'},
    'minLength': {'$ref': '#/definitions/positiveIntegerDefault0'},
    'pattern': {'type': 'string', 'format': 'regex'},
    'enum': {'type': 'array'},
    'readonly': {'type': 'boolean'},
    'default': {},
    'items': {'type': 'object', 'properties': {
        'type': {'type': 'string', 'enum': _TYPES},
        'enum': {'type': 'array'}}},
    'maxItems': {'$ref': '#/definitions/positiveInteger'},
    'minItems': {'$ref': '#/definitions/positiveIntegerDefault0'},
    'uniqueItems': {'type': 'boolean', 'default': False},
    'additionalItems': {'type': 'boolean'},
}


def _definitions(string_array_min=None):
    string_array = {'type': 'array', 'items': _STRING, 'uniqueItems': True}
    if string_array_min is not None:
        string_array['minItems'] = string_array_min
    return {
        'positiveInteger': {'type': 'integer', 'minimum': 0},
        'positiveIntegerDefault0': {'allOf': [
            {'$ref': '#/definitions/positiveInteger'}, {'default': 0}]},
        'stringArray': string_array,
        'property': {'type': 'object', 'additionalProperties': {
            'type': 'object', 'required': ['title', 'type'],
            'properties': PROPERTY_FIELDS}},
    }


def _closed(name, properties, required=None, definitions=None):
    doc = {'name': name, 'properties': properties,
           'additionalProperties': False}
    if definitions:
        doc['definitions'] = definitions
    if required:
        doc['required'] = required
    return doc


def _collection(name, item, as_dict=False):
    item = copy.deepcopy(item)
    definitions = item.pop('definitions', None)
    container = ({'type': 'object', 'additionalProperties': item}
                 if as_dict else {'type': 'array', 'items': item})
    doc = {'name': name,
           'properties': {name: container, 'first': _STRING,
                          'next': _STRING, 'schema': _STRING},
           'links': [{'rel': 'first', 'href': '{first}'},
                     {'rel': 'next', 'href': '{next}'},
                     {'rel': 'describedby', 'href': '{schema}'}]}
    if definitions:
        doc['definitions'] = definitions
    return doc


def namespace():
    props = {
        'namespace': {'type': 'string', 'maxLength': 80,
                      'description': 'Unique name of the namespace'},
        'display_name': {'type': 'string', 'maxLength': 80,
                         'description': 'Name shown by user interfaces'},
        'description': {'type': 'string', 'maxLength': 500,
                        'description': 'What the namespace is about'},
        'visibility': {'type': 'string', 'enum': ['public', 'private'],
                       'description': 'Who may see the namespace'},
        'protected': {'type': 'boolean',
                      'description': 'Whether deleting is refused'},
        'owner': {'type': 'string', 'maxLength': 255,
                  'description': 'Project owning the namespace'},
        'resource_type_associations': {'type': 'array', 'items': {
            'type': 'object', 'properties': {
                'name': _STRING, 'prefix': _STRING,
                'properties_target': _STRING}}},
        'properties': {'$ref': '#/definitions/property'},
        'objects': {'type': 'array', 'items': {
            'type': 'object', 'properties': {
                'name': _STRING, 'description': _STRING,
                'required': {'$ref': '#/definitions/stringArray'},
                'properties': {'$ref': '#/definitions/property'}}}},
        'tags': {'type': 'array', 'items': {
            'type': 'object', 'properties': {'name': _STRING}}},
    }
    props.update(_stamped('namespace'))
    props.update(_links())
    return _closed('namespace', props, ['namespace'], _definitions())


def metadef_object():
    props = {
        'name': {'type': 'string', 'maxLength': 80},
        'description': _STRING,
        'required': {'$ref': '#/definitions/stringArray'},
        'properties': {'$ref': '#/definitions/property'},
    }
    props.update(_links())
    props.update(_stamped('object'))
    return _closed('object', props, ['name'], _definitions())


def metadef_property():
    definitions = _definitions(string_array_min=1)
    del definitions['property']
    return _closed('property', copy.deepcopy(PROPERTY_FIELDS),
                   ['type', 'title', 'name'], definitions)


def tag():
    props = {'name': {'type': 'string', 'maxLength': 80}}
    props.update(_stamped('tag'))
    return _closed('tag', props, ['name'])


# POST /namespaces/{ns}/tags: the list of tags to set.
TAG_LIST = _closed('tags', {'tags': {'type': 'array', 'items': {
    'type': 'object', 'properties': {'name': _STRING},
    'required': ['name'], 'additionalProperties': False}}})


def resource_type_association():
    props = {
        'name': {'type': 'string', 'maxLength': 80,
                 'description': 'Resource type name, as Heat names them'},
        'prefix': {'type': 'string', 'maxLength': 80,
                   'description': 'Prefix of the namespace properties on '
                                  'this resource type, separator included'},
        'properties_target': {'type': 'string', 'maxLength': 80,
                              'description': 'Which of the resource\'s '
                                             'metadata the properties go to'},
    }
    props.update(_stamped('association'))
    return _closed('resource_type_association', props, ['name'])


def _property_collection():
    item = metadef_property()
    item['required'] = ['type', 'title']
    return _collection('properties', item, as_dict=True)


DOCUMENTS = {
    'namespace': namespace,
    'namespaces': lambda: _collection('namespaces', namespace()),
    'object': metadef_object,
    'objects': lambda: _collection('objects', metadef_object()),
    'property': metadef_property,
    'properties': _property_collection,
    'tag': tag,
    'tags': lambda: _collection('tags', tag()),
    'resource_type': resource_type_association,
    'resource_types': lambda: _collection('resource_type_associations',
                                          resource_type_association()),
}
