"""/v2/metadefs/resource_types and a namespace's associations with them
(/v2/metadefs/namespaces/{namespace}/resource_types[/{name}])."""
import pecan

from stratus.api import wsgi
from stratus.api.image.metadefs import access
from stratus.api.image.metadefs import schemas
from stratus.api.image.metadefs import views
from stratus.common import exception
from stratus.db.api import metadef_namespaces as db_namespaces


def index():
    access.require_reader('list_metadef_resource_types')
    return wsgi.response({'resource_types': [
        views.resource_type(r) for r in db_namespaces.resource_types()]})


def associations(ns_name):
    access.namespace(ns_name)
    access.require_reader('list_metadef_resource_types')
    return wsgi.response({'resource_type_associations': [
        views.association(a)
        for a in db_namespaces.associations([ns_name])[ns_name]]})


def associate(ns_name):
    access.namespace(ns_name)
    req = access.body(pecan.request)
    if isinstance(req, dict):
        access.check_read_only(req, ('created_at', 'updated_at'))
    access.validate(schemas.resource_type_association(), req)
    access.require_admin('add_metadef_resource_type_association')
    assoc = db_namespaces.associate(ns_name, req)
    return wsgi.response(views.association(assoc), status=201)


def dissociate(ns_name, name):
    row = access.namespace(ns_name)
    access.require_admin('remove_metadef_resource_type_association')
    if row['protected']:
        raise exception.MetadefProtected(kind='resource-type-association',
                                         name=name)
    if not db_namespaces.dissociate(ns_name, name):
        raise exception.NotFound('Failed to find resource type %s to '
                                 'delete' % name)
    return wsgi.response(status=204)
