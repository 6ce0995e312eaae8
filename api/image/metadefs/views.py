"""Response bodies of the metadata definitions API. As glance renders
them, an attribute without a value is left out, not shown as null."""
from stratus.api import timefmt

NS_SCHEMA = '/v2/schemas/metadefs/namespace'
OBJECT_SCHEMA = '/v2/schemas/metadefs/object'

# The fields a property definition keeps (glance's PropertyType).
PROPERTY_KEYS = ('name', 'type', 'title', 'description', 'operators',
                 'default', 'readonly', 'minimum', 'maximum', 'enum',
                 'pattern', 'minLength', 'maxLength', 'confidential',
                 'items', 'uniqueItems', 'minItems', 'maxItems',
                 'additionalItems')


def _present(body):
    return {key: value for key, value in body.items() if value is not None}


def _times(row):
    return {'created_at': timefmt.iso_z(row['created_at']),
            'updated_at': timefmt.iso_z(row['updated_at'])
            if row.get('updated_at') else None}


def property_schema(definition):
    """A stored property definition, reduced to the kept fields."""
    kept = {key: definition[key] for key in PROPERTY_KEYS
            if definition.get(key) is not None}
    if isinstance(kept.get('items'), dict):
        kept['items'] = {key: value for key, value in kept['items'].items()
                         if key in ('type', 'enum') and value is not None}
    return kept


def properties(definitions, prefix=''):
    return {prefix + name: property_schema(definition)
            for name, definition in definitions.items()}


def namespace_href(name):
    return '/v2/metadefs/namespaces/%s' % name


def namespace(row, associations=(), objects=(), props=None, tags=(),
              prefix=''):
    body = {key: row[key] for key in ('namespace', 'display_name',
                                      'description', 'visibility',
                                      'protected', 'owner')}
    body.update(_times(row))
    body.update(self=namespace_href(row['namespace']), schema=NS_SCHEMA)
    body = _present(body)
    if associations:
        body['resource_type_associations'] = [association(a)
                                              for a in associations]
    if objects:
        body['objects'] = [metadef_object(row['namespace'], o, prefix)
                           for o in objects]
    if props:
        body['properties'] = properties(props, prefix)
    if tags:
        body['tags'] = [{'name': t['name']} for t in tags]
    return body


def metadef_object(ns_name, row, prefix=''):
    required = row.get('required')
    if prefix and required:
        required = [prefix + name for name in required]
    body = {'name': row['name'], 'description': row.get('description'),
            'required': required,
            'properties': properties(row['properties'], prefix)
            if row.get('properties') is not None else None,
            'self': '%s/objects/%s' % (namespace_href(ns_name), row['name']),
            'schema': OBJECT_SCHEMA}
    body.update(_times(row))
    return _present(body)


def metadef_property(row):
    body = property_schema(row['json_schema'])
    body['name'] = row['name']
    return body


def tag(row):
    body = {'name': row['name']}
    body.update(_times(row))
    return _present(body)


def association(assoc):
    body = {key: assoc.get(key) for key in ('name', 'prefix',
                                            'properties_target')}
    body.update(_times(assoc))
    return _present(body)


def resource_type(row):
    body = {'name': row['name']}
    body.update(_times(row))
    return _present(body)
