"""/v2/info/{import,stores,stores/detail,usage}: glance's discovery calls
as a glance with one (legacy) store and keystone limits off answers them."""
from stratus.api import policy
from stratus.api import wsgi
from stratus.api.image import import_methods
from stratus.api.image import routes
from stratus.common import exception

NO_MULTI_STORE = 'Multi backend is not supported at this site.'


class InfoController(routes.Dispatcher):
    ROUTES = (
        (('import',), {'GET': 'get_import'}),
        (('stores',), {'GET': 'get_stores'}),
        (('usage',), {'GET': 'get_usage'}),
        (('stores', 'detail'), {'GET': 'get_stores'}),
    )

    def get_import(self):
        policy.require_authenticated(wsgi.context())
        return wsgi.response({'import-methods': {
            'description': 'Import methods available.',
            'type': 'array',
            'value': list(import_methods.ENABLED)}})

    def get_stores(self):
        # Without enabled_backends glance refuses both before any policy.
        policy.require_authenticated(wsgi.context())
        raise exception.NotFound(NO_MULTI_STORE)

    def get_usage(self):
        # Keystone unified limits are off (glance's default): no usage.
        policy.require_authenticated(wsgi.context())
        return wsgi.response({'usage': {}})
