"""PATCH /v2/images/{id}: a JSON patch (media type
application/openstack-images-v2.1-json-patch, or the older 2.0 form),
read and checked as glance's deserializer does (all operations before
any is applied), then applied as its controller does."""
import re

from stratus.api.image import access
from stratus.api.image import image_rules
from stratus.api.image.metadefs import access as metadef_access
from stratus.api.image.schemas import image_document
from stratus.api.image.schemas import images as schemas
from stratus.common import exception

_OPS = ('add', 'remove', 'replace')
_DRAFT = {schemas.PATCH_TYPES[0]: 10, schemas.PATCH_TYPES[1]: 4}
# glance refuses a PATCH of these (read-only) whatever the operation.
READ_ONLY = ('created_at', 'updated_at', 'status', 'checksum', 'size',
             'virtual_size', 'direct_url', 'self', 'file', 'schema', 'id',
             'os_hash_algo', 'os_hash_value')
# How deep a path may go: /locations/N for add and remove.
_DEPTH = {'locations': {'add': 2, 'remove': 2, 'replace': 1}}
_ARRAYS = ('locations', 'tags')


def _bad(message):
    return exception.Invalid(message)


def _op(raw, draft):
    if draft == 10:
        op = raw.get('op')
        if op is None:
            raise _bad('Unable to find `op` in JSON Schema change. It must '
                       'be one of the following: %s.' % ', '.join(_OPS))
        if op not in _OPS:
            raise _bad('Invalid operation: `%s`. It must be one of the '
                       'following: %s.' % (op, ', '.join(_OPS)))
        if 'path' not in raw:
            raise _bad("Unable to find 'path' in JSON Schema change")
        return op, raw['path']
    found = [op for op in _OPS if op in raw]
    if len(found) > 1:
        raise _bad('Operation objects must contain only one member named '
                   '"add", "remove", or "replace".')
    if not found:
        raise _bad('Operation objects must contain exactly one member '
                   'named "add", "remove", or "replace".')
    return found[0], raw[found[0]]


def _pointer(pointer):
    if not isinstance(pointer, str):
        raise _bad('Pointer `%s` does not start with "/".' % (pointer,))
    if not pointer.startswith('/'):
        raise _bad('Pointer `%s` does not start with "/".' % pointer)
    if re.search(r'/\s*?/', pointer[1:]):
        raise _bad('Pointer `%s` contains adjacent "/".' % pointer)
    if len(pointer) > 1 and pointer.endswith('/'):
        raise _bad('Pointer `%s` end with "/".' % pointer)
    if pointer[1:].strip() == '/':
        raise _bad('Pointer `%s` does not contains valid token.' % pointer)
    if re.search('~[^01]', pointer) or pointer.endswith('~'):
        raise _bad('Pointer `%s` contains "~" not part of a recognized '
                   'escape sequence.' % pointer)
    return [part.replace('~1', '/').replace('~0', '~').strip()
            for part in pointer.lstrip('/').split('/')]


def _check_change(op, path, value):
    root = path[0]
    if root in READ_ONLY:
        raise image_rules.read_only(root)
    if image_rules.is_reserved(root):
        raise image_rules.reserved(root)
    if op == 'remove':
        return
    if len(path) == 1:
        image_document.validate({root: value})
    elif root in _ARRAYS:
        image_document.validate({root: [value]})


def parse(request):
    """The request's operations: a list of (op, path parts, value,
    draft), checked as glance's deserializer checks them."""
    content_type = (request.content_type or '').split(';')[0].strip()
    if content_type not in _DRAFT:
        # webob's 415 text (glance adds the allowed types as its detail
        # and in Accept-Patch).
        exc = exception.InvalidContentType(
            'The request media type %s is not supported by this server.'
            % request.environ.get('CONTENT_TYPE', ''))
        exc.headers = {'Accept-Patch': ', '.join(sorted(_DRAFT))}
        raise exc
    draft = _DRAFT[content_type]
    body = metadef_access.body(request)
    if not isinstance(body, list):
        raise _bad('Request body must be a JSON array of operation '
                   'objects.')
    changes = []
    for raw in body:
        if not isinstance(raw, dict):
            raise _bad('Operations must be JSON objects.')
        op, pointer = _op(raw, draft)
        path = _pointer(pointer)
        if len(path) != _DEPTH.get(path[0], {}).get(op, 1):
            raise _bad("Invalid JSON pointer for this resource: '/%s'"
                       % '/'.join(path))
        value = None
        if op != 'remove':
            if 'value' not in raw:
                raise _bad('Operation "%s" requires a member named '
                           '"value".' % op)
            value = raw['value']
        _check_change(op, path, value)
        changes.append((op, path, value, draft))
    return changes


def _locations(ctxt, op, value):
    """glance without show_multiple_locations: locations stay hidden."""
    if op == 'replace' and not value:
        raise exception.Forbidden('Cannot set locations to empty list.')
    if op == 'remove':
        if not ctxt.is_admin:
            raise exception.Forbidden('You are not authorized to complete '
                                      'delete_image_location action.')
        raise exception.Forbidden("It's not allowed to remove locations "
                                  "if locations are invisible.")
    raise exception.Forbidden("It's not allowed to %s locations if "
                              "locations are invisible."
                              % ('add' if op == 'add' else 'update'))


def _check_base_change(ctxt, image, op, name, value):
    if name == 'visibility' and value == 'public' and not ctxt.is_admin:
        raise exception.ImageForbidden(action='publicize_image')
    if name == 'owner' and not ctxt.is_admin and (
            op == 'replace' or value != image['owner']):
        raise exception.Forbidden("Owner can't be updated by non admin.")
    if name in ('container_format', 'disk_format') and \
            value != image[name] and image['status'] != 'queued':
        raise exception.Forbidden('Attribute %s can be only replaced for a '
                                  'queued image.' % name)
    if name in ('min_disk', 'min_ram'):
        image_rules.check_ints({name: value})
    if name == 'tags':
        image_rules.check_tag_count(value)


def apply(ctxt, image, changes):
    """The changes to make to `image`: (values, set_props, remove_props,
    tags or None), ready for db images.update()."""
    values, tags = {}, None
    props = dict(image['properties'])
    for op, path, value, draft in changes:
        name = path[0]
        if name == 'locations':
            _locations(ctxt, op, value)
        if name in schemas.ATTRIBUTES:
            if op == 'remove':
                raise exception.Forbidden('Property %s may not be removed.'
                                          % name)
            if op == 'add' and draft == 4:
                raise exception.Conflict('Property %s already present.'
                                         % name)
            _check_base_change(ctxt, image, op, name, value)
            if name == 'tags':
                tags = list(dict.fromkeys(value))
            else:
                values[name] = value
            continue
        if op == 'add' and draft == 4 and name in props:
            raise exception.Conflict('Property %s already present.' % name)
        if op in ('replace', 'remove') and name not in props:
            raise exception.Conflict('Property %s does not exist.' % name)
        if op == 'remove':
            del props[name]
        else:
            props[name] = value
    # glance checks a new name's length only on create; its database then
    # refuses a longer one (a 500): answer as create does.
    if any(len(k) > 255 for k in props if k not in image['properties']):
        raise exception.Invalid('Custom property should not be greater '
                                'than 255 characters.')
    old = image['properties']
    set_props = {k: v for k, v in props.items() if old.get(k) != v}
    remove_props = [k for k in old if k not in props]
    if any(k not in old for k in set_props):
        image_rules.check_property_count(props)
    return values, set_props, remove_props, tags
