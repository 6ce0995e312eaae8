"""The image schema glance serves at /v2/schemas/image and validates
create bodies and PATCH values against: its base attributes (types,
enums, patterns and lengths as glance's) plus the deployment's extra
properties. Descriptions are stratus's own words."""
import jsonschema

from stratus.api.image.schemas import custom_properties
from stratus.api.image.schemas import images as req
from stratus.common import exception

# glance lists these enums in this order; its error messages show them.
STATUS_ENUM = ['queued', 'saving', 'active', 'killed', 'deleted',
               'uploading', 'importing', 'pending_delete', 'deactivated']
VISIBILITY_ENUM = ['community', 'public', 'private', 'shared']


def _ro(schema, description):
    return dict(schema, readOnly=True, description=description)


def _described(schema, description):
    return dict(schema, description=description)


_LOCATION = {
    'type': 'object',
    'properties': {
        'url': {'type': 'string', 'maxLength': 255},
        'metadata': {'type': 'object'},
        'validation_data': {
            'description': 'Checksum and hash the data must match (those '
                           'of the image unless it is queued)',
            'type': 'object', 'writeOnly': True,
            'additionalProperties': False,
            'properties': {
                'checksum': {'type': 'string', 'minLength': 32,
                             'maxLength': 32},
                'os_hash_algo': {'type': 'string', 'maxLength': 64},
                'os_hash_value': {'type': 'string', 'maxLength': 128}},
            'required': ['os_hash_algo', 'os_hash_value']}},
    'required': ['url', 'metadata'],
}


def base_properties():
    nullable_str = {'type': ['null', 'string']}
    return {
        'id': _described({'type': 'string', 'pattern': req.UUID_PATTERN},
                         'Identifier of the image'),
        'name': _described(dict(nullable_str, maxLength=255),
                           'Name of the image, for people'),
        'status': _ro({'type': 'string', 'enum': list(STATUS_ENUM)},
                      'Where the image is in its life'),
        'visibility': _described({'type': 'string',
                                  'enum': list(VISIBILITY_ENUM)},
                                 'Who may see the image'),
        'protected': _described({'type': 'boolean'},
                                'Whether deleting the image is refused'),
        'os_hidden': _described({'type': 'boolean'}, 'Whether image lists '
                                'leave the image out by default'),
        'checksum': _ro(dict(nullable_str, maxLength=32),
                        'MD5 digest of the image data'),
        'os_hash_algo': _ro(dict(nullable_str, maxLength=64),
                            'Hash algorithm of os_hash_value'),
        'os_hash_value': _ro(dict(nullable_str, maxLength=128),
                             'Hex digest of the image data'),
        'owner': _described(dict(nullable_str, maxLength=255),
                            'Project owning the image'),
        'size': _ro({'type': ['null', 'integer']},
                    'Bytes of image data'),
        'virtual_size': _ro({'type': ['null', 'integer']},
                            'Bytes of the disk the image describes'),
        'container_format': _described(
            dict(nullable_str, enum=[None] + list(req.CONTAINER_FORMATS)),
            'Container the data comes in'),
        'disk_format': _described(
            dict(nullable_str, enum=[None] + list(req.DISK_FORMATS)),
            'Format of the disk'),
        'created_at': _ro({'type': 'string'}, 'When the image was '
                          'registered'),
        'updated_at': _ro({'type': 'string'}, 'When the image last '
                          'changed'),
        'tags': _described({'type': 'array', 'items': {
            'type': 'string', 'maxLength': 255}}, 'Strings attached to the '
            'image'),
        'direct_url': _ro({'type': 'string'}, 'URL of the image data in '
                          'its store'),
        'min_ram': _described({'type': 'integer'}, 'RAM (MB) a server '
                              'booted from the image needs'),
        'min_disk': _described({'type': 'integer'}, 'Disk (GB) a server '
                               'booted from the image needs'),
        'self': _ro({'type': 'string'}, 'URL of the image'),
        'file': _ro({'type': 'string'}, 'URL of the image data'),
        'stores': _ro({'type': 'string'}, 'Stores holding the data '
                      '(multiple stores only), comma-separated'),
        'schema': _ro({'type': 'string'}, 'URL of this schema'),
        'locations': _described({'type': 'array', 'items': _LOCATION},
                                'URLs of the image data in its stores'),
    }


def image():
    """The raw image schema (glance's permissive form)."""
    properties, required = custom_properties.merge(base_properties())
    doc = {'name': 'image', 'properties': properties,
           'additionalProperties': {'type': 'string'}}
    if required:
        doc['required'] = required
    doc['links'] = [{'rel': 'self', 'href': '{self}'},
                    {'rel': 'enclosure', 'href': '{file}'},
                    {'rel': 'describedby', 'href': '{schema}'}]
    return doc


def location():
    """glance's schema of the body of POST /v2/images/{id}/locations,
    checked as {"add_location": body}."""
    return {
        'name': 'location',
        'properties': {'add_location': {
            'type': 'object',
            'description': 'Location to add and what its data must match',
            'properties': {
                'url': {'type': 'string', 'readOnly': True,
                        'description': 'URL of the new location'},
                'validation_data': {
                    'description': 'Hash the data at the URL must have',
                    'type': 'object', 'writeOnly': True,
                    'additionalProperties': False,
                    'properties': {
                        'os_hash_algo': {
                            'type': 'string', 'maxLength': 64,
                            'enum': ['sha1', 'sha256', 'sha512', 'md5']},
                        'os_hash_value': {'type': 'string',
                                          'maxLength': 128}},
                    'dependentRequired': {
                        'os_hash_value': ['os_hash_algo'],
                        'os_hash_algo': ['os_hash_value']}}},
            'required': ['url']}},
        'additionalProperties': {'type': 'string'},
    }


def validate(obj, schema=None):
    """glance's 400 for an image body (or the part of one a PATCH
    operation sets) its image schema refuses: jsonschema's whole report
    on one line, as glance's plain-text fault shows it."""
    schema = schema or image()
    validator = jsonschema.validators.validator_for(schema)(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(obj))
    if error is not None:
        raise exception.Invalid("Provided object does not match schema "
                                "'%s': %s" % (schema['name'],
                                              str(error).replace('\n', ' ')))
