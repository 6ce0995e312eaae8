"""/v2/metadefs/namespaces[/{namespace}]: list, create (with contents),
show (with contents), update, delete, and emptying a namespace of its
objects, properties or tags."""
import urllib.parse

import pecan

from stratus.api import wsgi
from stratus.api.image.metadefs import access
from stratus.api.image.metadefs import schemas
from stratus.api.image.metadefs import views
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import metadef_contents as db_contents
from stratus.db.api import metadef_namespaces as db_namespaces

READ_ONLY = ('self', 'schema', 'created_at', 'updated_at')
ATTRIBUTES = ('namespace', 'display_name', 'description', 'visibility',
              'protected', 'owner')


def _limit(params):
    value = params.get('limit')
    if value is None:
        return CONF.image.limit_param_default
    try:
        value = int(value)
    except ValueError:
        raise exception.Invalid('limit param must be an integer')
    if value < 0:
        raise exception.Invalid('limit param must be positive')
    return min(CONF.image.api_limit_max, value)


def _list_args(params):
    sort_dir = params.get('sort_dir', 'desc')
    if sort_dir not in ('asc', 'desc'):
        raise exception.Invalid('Invalid sort direction: %s' % sort_dir)
    sort_key = params.get('sort_key', 'created_at')
    if sort_key not in db_namespaces.SORT_KEYS:
        raise exception.Invalid('Invalid sort key: %s' % sort_key)
    visibility = params.get('visibility')
    if visibility and visibility not in ('public', 'private'):
        raise exception.Invalid('Invalid visibility value: %s' % visibility)
    types = [t.strip() for t in params.get('resource_types', '').split(',')
             if t.strip()]
    return {'sort_key': sort_key, 'sort_dir': sort_dir,
            'visibility': visibility, 'resource_types': types,
            'marker': params.get('marker'), 'limit': _limit(params)}


def index():
    access.require_reader('get_metadef_namespaces')
    ctxt = wsgi.context()
    params = dict(pecan.request.GET)
    rows = db_namespaces.list_visible(ctxt.project_id, ctxt.is_admin,
                                      **_list_args(params))
    assocs = db_namespaces.associations([r['namespace'] for r in rows])
    body = {'namespaces': [views.namespace(r, assocs[r['namespace']])
                           for r in rows]}
    params.pop('marker', None)
    query = urllib.parse.urlencode(params)
    body['first'] = '/v2/metadefs/namespaces' + ('?' + query if query
                                                 else '')
    body['schema'] = '/v2/schemas/metadefs/namespaces'
    if rows and len(rows) == _limit(params):
        params['marker'] = rows[-1]['namespace']
        body['next'] = '/v2/metadefs/namespaces?' + \
            urllib.parse.urlencode(params)
    return wsgi.response(body)


def _contents(body):
    """The objects, properties, tags and associations of a create body,
    as rows to store."""
    return {
        'objects': [{'name': o['name'],
                     'description': o.get('description'),
                     'required': o.get('required'),
                     'properties': o.get('properties')}
                    for o in body.get('objects') or []],
        'properties': [{'name': name,
                        'json_schema': views.property_schema(value)}
                       for name, value in
                       (body.get('properties') or {}).items()],
        'tags': [{'name': t['name']} for t in body.get('tags') or []],
    }


def create():
    req = access.body(pecan.request)
    if isinstance(req, dict):
        access.check_read_only(req, READ_ONLY)
    access.validate(schemas.namespace(), req)
    access.require_admin('add_metadef_namespace')
    for key, rule in (('resource_type_associations',
                       'add_metadef_resource_type_association'),
                      ('objects', 'add_metadef_object'),
                      ('properties', 'add_metadef_property'),
                      ('tags', 'add_metadef_tag')):
        if req.get(key):
            access.require_admin(rule)
    values = {key: req[key] for key in ATTRIBUTES if key in req}
    values.setdefault('owner', wsgi.context().project_id)
    values['visibility'] = values.get('visibility') or 'private'
    values['protected'] = bool(values.get('protected'))
    row = db_namespaces.create(values)
    name = row['namespace']
    contents = _contents(req)
    try:
        db_contents.create_many(name, contents)
        assocs = [db_namespaces.associate(name, a)
                  for a in req.get('resource_type_associations') or []]
    except exception.StratusException:
        db_namespaces.delete(name)
        raise
    body = views.namespace(row, assocs)
    # glance echoes the contents as sent, not as stored.
    if req.get('objects'):
        body['objects'] = req['objects']
    if req.get('properties'):
        body['properties'] = req['properties']
    if req.get('tags'):
        body['tags'] = req['tags']
    return wsgi.response(body, status=201, headers={
        'Location': views.namespace_href(name)})


def show(name):
    row = access.namespace(name, unseen=access.BARE, missing=access.DB)
    access.require_reader('get_metadef_namespace')
    resource_type = pecan.request.GET.get('resource_type')
    assocs = db_namespaces.associations([name])[name]
    prefix = ''
    if resource_type:
        prefix = next((a['prefix'] for a in assocs
                       if a['name'] == resource_type), None) or ''
    props = {p['name']: p['json_schema']
             for p in db_contents.list_in(name, 'properties')}
    return wsgi.response(views.namespace(
        row, assocs, db_contents.list_in(name, 'objects'), props,
        db_contents.list_in(name, 'tags'), prefix))


def update(name):
    row = access.namespace(name)
    req = access.body(pecan.request)
    if isinstance(req, dict):
        access.check_read_only(req, READ_ONLY)
    access.validate(schemas.namespace(), req)
    access.require_admin('modify_metadef_namespace')
    # What the body leaves out falls back to the create defaults.
    values = {'namespace': req['namespace'],
              'display_name': req.get('display_name'),
              'description': req.get('description'),
              'visibility': req.get('visibility') or 'private',
              'protected': bool(req.get('protected')),
              'owner': req.get('owner') or wsgi.context().project_id}
    row = db_namespaces.update(row['namespace'], values)
    return wsgi.response(views.namespace(row))


def _check_deletable(row, rule):
    access.require_admin(rule)
    if row['protected']:
        raise exception.MetadefProtected(kind='namespace',
                                         name=row['namespace'])


def delete(name):
    row = access.namespace(name)
    _check_deletable(row, 'delete_metadef_namespace')
    db_namespaces.delete(name)
    return wsgi.response(status=204)


def delete_contents(kind):
    def handler(name):
        row = access.namespace(name)
        _check_deletable(row, 'delete_metadef_namespace')
        if kind == 'tags':
            access.require_admin('delete_metadef_tags')
        db_namespaces.delete_contents(name, [kind])
        return wsgi.response(status=204)
    return handler
