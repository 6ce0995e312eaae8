"""/v2/metadefs/namespaces/{namespace}/{objects,properties,tags}[/{name}]:
what a namespace holds, read by whoever sees the namespace, changed by
admins; nothing of a protected namespace may be deleted."""
import pecan

from stratus.api import wsgi
from stratus.api.image.metadefs import access
from stratus.api.image.metadefs import schemas
from stratus.api.image.metadefs import views
from stratus.common import exception
from stratus.db.api import metadef_contents as db_contents
from stratus.db.api import metadef_namespaces as db_namespaces

_STAMPS = ('created_at', 'updated_at')
_READ_ONLY = {'objects': ('self', 'schema') + _STAMPS,
              'properties': _STAMPS, 'tags': _STAMPS}
_SINGULAR = {'objects': 'object', 'properties': 'property', 'tags': 'tag'}
# Objects word an unseen namespace differently from the rest.
_MISSING = {'objects': access.DB}


def _namespace(kind, name):
    return access.namespace(name, missing=_MISSING.get(kind, access.SHORT))


def _render(kind, ns_name, row):
    if kind == 'objects':
        return views.metadef_object(ns_name, row)
    if kind == 'properties':
        return views.metadef_property(row)
    return views.tag(row)


def _values(kind, req):
    if kind == 'objects':
        return {'name': req['name'], 'description': req.get('description'),
                'required': req.get('required'),
                'properties': req.get('properties')}
    if kind == 'properties':
        return {'name': req['name'],
                'json_schema': views.property_schema(req)}
    return {'name': req['name']}


def _body(kind):
    req = access.body(pecan.request)
    if isinstance(req, dict):
        access.check_read_only(req, _READ_ONLY[kind])
    schema = {'objects': schemas.metadef_object,
              'properties': schemas.metadef_property,
              'tags': schemas.tag}[kind]()
    access.validate(schema, req)
    return req


def index(kind):
    def handler(ns_name):
        _namespace(kind, ns_name)
        access.require_reader('get_metadef_%s' % kind)
        rows = db_contents.list_in(ns_name, kind)
        if kind == 'properties':
            return wsgi.response({'properties': {
                r['name']: views.property_schema(r['json_schema'])
                for r in rows}})
        if kind == 'tags':
            return wsgi.response({'tags': [{'name': r['name']}
                                           for r in rows]})
        return wsgi.response({
            'objects': [views.metadef_object(ns_name, r) for r in rows],
            'schema': 'v2/schemas/metadefs/objects'})
    return handler


def show(kind):
    def handler(ns_name, name):
        _namespace(kind, ns_name)
        access.require_reader('get_metadef_%s' % _SINGULAR[kind])
        if kind == 'properties':
            name = _unprefixed(ns_name, name)
        return wsgi.response(_render(kind, ns_name,
                                     db_contents.get(ns_name, kind, name)))
    return handler


def _unprefixed(ns_name, name):
    """A property asked for by its name on a resource type."""
    resource_type = pecan.request.GET.get('resource_type')
    if not resource_type:
        return name
    assoc = next((a for a in db_namespaces.associations([ns_name])[ns_name]
                  if a['name'] == resource_type), None)
    if assoc is None and resource_type not in [
            r['name'] for r in db_namespaces.resource_types()]:
        raise exception.MetadefResourceTypeNotFound(name=resource_type)
    if assoc is None:
        raise exception.NotFound(
            'The metadata definition resource-type association of '
            'resource-type=%s to namespace=%s, was not found.'
            % (resource_type, ns_name))
    prefix = assoc['prefix']
    if prefix and name.startswith(prefix):
        return name[len(prefix):]
    raise exception.NotFound(
        "Property %s does not start with the expected resource type "
        "association prefix of '%s'." % (name, prefix))


def create(kind):
    def handler(ns_name):
        _namespace(kind, ns_name)
        req = _body(kind)
        access.require_admin('add_metadef_%s' % _SINGULAR[kind])
        row = db_contents.create(ns_name, kind, _values(kind, req))
        return wsgi.response(_render(kind, ns_name, row), status=201)
    return handler


def create_tag(ns_name, name):
    _namespace('tags', ns_name)
    access.validate(schemas.tag(), {'name': name})
    access.require_admin('add_metadef_tag')
    row = db_contents.create(ns_name, 'tags', {'name': name})
    return wsgi.response(views.tag(row), status=201)


def create_tags(ns_name):
    _namespace('tags', ns_name)
    req = access.body(pecan.request)
    if isinstance(req, dict):
        access.check_read_only(req, _STAMPS)
    access.validate(schemas.TAG_LIST, req)
    access.require_admin('add_metadef_tags')
    append = pecan.request.headers.get('X-Openstack-Append', '').lower() \
        in ('1', 't', 'true', 'on', 'y', 'yes')
    rows = db_contents.replace_tags(
        ns_name, [t['name'] for t in req.get('tags') or []], append)
    return wsgi.response({'tags': [{'name': r['name']} for r in rows]},
                         status=201)


def update(kind):
    def handler(ns_name, name):
        _namespace(kind, ns_name)
        req = _body(kind)
        access.require_admin('modify_metadef_%s' % _SINGULAR[kind])
        row = db_contents.update(ns_name, kind, name, _values(kind, req))
        return wsgi.response(_render(kind, ns_name, row))
    return handler


def delete(kind):
    rule = {'objects': 'delete_metadef_object',
            'properties': 'remove_metadef_property',
            'tags': 'delete_metadef_tag'}[kind]

    def handler(ns_name, name):
        row = _namespace(kind, ns_name)
        access.require_admin(rule)
        item = db_contents.get(ns_name, kind, name)
        if row['protected']:
            raise exception.MetadefProtected(kind=_SINGULAR[kind],
                                             name=item['name'])
        db_contents.delete(ns_name, kind, name)
        return wsgi.response(status=204)
    return handler
