"""PATCH /v2/images/{id}: a JSON patch (media type
application/openstack-images-v2.1-json-patch, or the older 2.0 form) and
the rules of which attributes may change, and how."""
from stratus.api import validation
from stratus.api.image.schemas import images as schemas
from stratus.common import exception

_OPS = ('add', 'replace', 'remove')


def check_name_allowed(name, creating=False):
    """403 for attributes a request may never set (glance's wording)."""
    if name in schemas.READ_ONLY or (name == 'id' and not creating):
        raise exception.Forbidden("Attribute '%s' is read-only." % name)
    if name in schemas.RESERVED or name.startswith(schemas.RESERVED_PREFIX):
        raise exception.Forbidden("Attribute '%s' is reserved." % name)
    if len(name) > 255:
        raise exception.ValidationError(
            field=name[:40], reason='Property names are at most 255 '
                                    'characters long.')


def _name(path):
    if not path.startswith('/'):
        raise exception.Invalid(reason="JSON path should start with a '/'")
    parts = path[1:].split('/')
    if len(parts) != 1 or not parts[0]:
        raise exception.Invalid(reason="Invalid JSON pointer for this "
                                       "resource: '%s'" % path)
    return parts[0].replace('~1', '/').replace('~0', '~')


def _from_v20(item):
    """{"replace": "/name", "value": ...} -> the 2.1 form."""
    ops = [op for op in _OPS if op in item] if isinstance(item, dict) else []
    if len(ops) != 1:
        raise exception.Invalid(reason='Operation objects must contain '
                                       'exactly one member named "add", '
                                       '"remove", or "replace".')
    converted = {'op': ops[0], 'path': item[ops[0]]}
    if 'value' in item:
        converted['value'] = item['value']
    return converted


def parse(request):
    """The request's operations as a list of (op, name, value)."""
    content_type = (request.content_type or '').split(';')[0].strip()
    if content_type not in schemas.PATCH_TYPES:
        raise exception.InvalidContentType(content_type=content_type or
                                           'none')
    body = validation.load_json(request)
    if content_type == schemas.PATCH_TYPES[1] and isinstance(body, list):
        body = [_from_v20(item) for item in body]
    validation.check(schemas.patch, body)
    ops = []
    for item in body:
        if item['op'] != 'remove' and 'value' not in item:
            raise exception.Invalid(reason="Operation '%s' requires a "
                                    "member named 'value'." % item['op'])
        ops.append((item['op'], _name(item['path']), item.get('value')))
    return ops


def check_base_change(ctxt, image, name, value):
    """Rules on changing base attributes beyond their schema."""
    if name == 'visibility' and value == 'public' and not ctxt.is_admin:
        raise exception.Forbidden(action='publicize_image')
    if name == 'owner' and value != image['owner'] and not ctxt.is_admin:
        raise exception.Forbidden("You are not permitted to modify 'owner' "
                                  "on this image.")
    if name in ('container_format', 'disk_format') and \
            value != image[name] and image['status'] != 'queued':
        raise exception.Forbidden('Attribute %s can be only replaced for a '
                                  'queued image.' % name)


def _base(ctxt, image, op, name, value):
    if op == 'remove':
        raise exception.Forbidden("Attribute '%s' may not be removed." % name)
    validation.check({'type': 'object',
                      'properties': {name: schemas.ATTRIBUTES[name]}},
                     {name: value})
    check_base_change(ctxt, image, name, value)


def _property(props, op, name, value):
    if op in ('replace', 'remove') and name not in props:
        raise exception.Conflict('Property %s does not exist.' % name)
    if op == 'remove':
        del props[name]
        return
    validation.check({'type': 'object', 'properties': {
        name: schemas.PROPERTY}}, {name: value})
    props[name] = value


def apply(ctxt, image, ops):
    """The changes `ops` make to `image`: (values, set_props, remove_props,
    tags or None), ready for db images.update()."""
    values, tags = {}, None
    props = dict(image['properties'])
    for op, name, value in ops:
        check_name_allowed(name)
        if name in schemas.ATTRIBUTES:
            _base(ctxt, image, op, name, value)
            if name == 'tags':
                tags = list(dict.fromkeys(value))
            else:
                values[name] = value
        else:
            _property(props, op, name, value)
    old = image['properties']
    set_props = {k: v for k, v in props.items() if old.get(k) != v}
    remove_props = [k for k in old if k not in props]
    return values, set_props, remove_props, tags
