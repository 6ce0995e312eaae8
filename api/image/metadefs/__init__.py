"""/v2/metadefs: glance's metadata definitions catalog, routed as glance's
router maps it."""
from stratus.api.image import routes
from stratus.api.image.metadefs import contents
from stratus.api.image.metadefs import namespaces
from stratus.api.image.metadefs import resource_types

_NS = ('namespaces', '*')


def _content_routes(kind):
    one = {'GET': contents.show(kind)}
    if kind == 'tags':
        one['POST'] = contents.create_tag
    one.update(PUT=contents.update(kind), DELETE=contents.delete(kind))
    return [
        (_NS + (kind,), {'GET': contents.index(kind),
                         'POST': contents.create_tags if kind == 'tags'
                         else contents.create(kind),
                         'DELETE': namespaces.delete_contents(kind)}),
        (_NS + (kind, '*'), one),
    ]


class MetadefsController(routes.Dispatcher):
    ROUTES = tuple([
        (('resource_types',), {'GET': resource_types.index}),
        (('namespaces',), {'GET': namespaces.index,
                           'POST': namespaces.create}),
        (_NS, {'GET': namespaces.show, 'PUT': namespaces.update,
               'DELETE': namespaces.delete}),
        (_NS + ('resource_types',), {'GET': resource_types.associations,
                                     'POST': resource_types.associate}),
        (_NS + ('resource_types', '*'), {
            'DELETE': resource_types.dissociate}),
    ] + _content_routes('objects') + _content_routes('properties') +
        _content_routes('tags'))
