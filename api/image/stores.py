"""DELETE /v2/stores/{store}/{image}: with multiple stores off glance
answers a bare 404 before looking at the image."""
from stratus.api import policy
from stratus.api import wsgi
from stratus.api.image import routes
from stratus.common import exception


class StoresController(routes.Dispatcher):
    ROUTES = ((('*', '*'), {'DELETE': 'delete_from_store'}),)

    def delete_from_store(self, store_id, image_id):
        policy.require_authenticated(wsgi.context())
        raise exception.NotFound('The resource could not be found.')
