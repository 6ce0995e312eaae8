"""The checks glance makes of an image's attributes, in its order, for
create and for PATCH: the schema first, then names, then the values its
domain and database refuse, then its count quotas."""
from stratus.api.image.schemas import image_document
from stratus.api.image.schemas import images as schemas
from stratus.common import exception
from stratus.common.conf import CONF

# Never accepted in a create body (glance's deserializer).
DISALLOWED = ('direct_url', 'self', 'file', 'schema', 'stores')
# Attributes glance's image factory refuses on create.
CREATE_READ_ONLY = ('created_at', 'updated_at', 'status', 'checksum',
                    'os_hash_algo', 'os_hash_value', 'size', 'virtual_size')
RESERVED = ('location', 'deleted', 'deleted_at')
MAX_INT = 2 ** 31 - 1


def read_only(name):
    return exception.Forbidden("Attribute '%s' is read-only." % name)


def reserved(name):
    return exception.Forbidden("Attribute '%s' is reserved." % name)


def is_reserved(name):
    return name in RESERVED or name.startswith(schemas.RESERVED_PREFIX)


def check_ints(values):
    """glance's domain (no negatives) then its database (32 bits)."""
    for key in ('min_disk', 'min_ram'):
        value = values.get(key)
        if value and value < 0:
            raise exception.Invalid("Invalid value '%s' for parameter '%s': "
                                    "Cannot be a negative value"
                                    % (value, key))
    for key in ('min_disk', 'min_ram'):
        value = values.get(key)
        if value and value > MAX_INT:
            raise exception.Invalid("'%s' value out of range, must not "
                                    "exceed %d." % (key, MAX_INT))


def check_tag_count(tags):
    if 0 <= CONF.image.image_tag_quota < len(tags):
        raise exception.ImageLimitExceeded(
            what='tags', attempted=len(tags),
            maximum=CONF.image.image_tag_quota)


def check_property_count(props):
    count = len([k for k in props
                 if not k.startswith(schemas.RESERVED_PREFIX)])
    if 0 <= CONF.image.image_property_quota < count:
        raise exception.ImageLimitExceeded(
            what='properties', attempted=count,
            maximum=CONF.image.image_property_quota)


def check_create_body(body):
    """Up to the schema and the names: glance's deserializer."""
    if not isinstance(body, dict):
        raise exception.Invalid(reason='The body must be a JSON object')
    for key in DISALLOWED:
        if key in body:
            raise read_only(key)
    image_document.validate(body)
    for key in body:
        if key in schemas.ATTRIBUTES or key in CREATE_READ_ONLY:
            continue
        if len(key) > 255:
            raise exception.Invalid('Custom property should not be greater '
                                    'than 255 characters.')
        if is_reserved(key):
            raise reserved(key)


def check_create_values(body):
    """After policy: glance's image factory, domain and quotas."""
    tags = body.get('tags') or []
    check_tag_count(tags)
    for key in CREATE_READ_ONLY:
        if key in body:
            raise read_only(key)
    if 'locations' in body:
        raise reserved('locations')
    check_ints(body)
