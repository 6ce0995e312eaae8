"""/volume/v3/messages (3.3; paging 3.5): why an asynchronous operation
failed ('schedule allocate volume:No valid backend was found. ...')."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume.views import messages as views
from stratus.common import exception
from stratus.db.api import volume_messages


def _check_version():
    if wsgi.version() < (3, 3):
        raise exception.NotFound('The resource could not be found.')


def _visible(ctxt, message_id):
    message = volume_messages.get(message_id)
    if not ctxt.is_admin and message['project_id'] != ctxt.project_id:
        raise exception.MessageNotFound(message_id=message_id)
    return message


class MessagesController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        _check_version()
        policy.require_reader(ctxt, 'message:get_all')
        limit = marker = None
        if wsgi.version() >= (3, 5):
            limit, marker, _offset, _sort = common.paging(kwargs)
        filters = {key: wsgi.query_value(kwargs, key) for key in (
            'resource_uuid', 'resource_type', 'event_id', 'request_id',
            'message_level')}
        rows = volume_messages.list_messages(
            project_id=None if ctxt.is_admin else ctxt.project_id,
            filters=filters, limit=limit, marker=marker)
        return wsgi.response({'messages': [views.message(r) for r in rows]})

    @pecan.expose()
    def get_one(self, message_id):
        ctxt = wsgi.context()
        _check_version()
        policy.require_reader(ctxt, 'message:get')
        return wsgi.response({'message': views.message(
            _visible(ctxt, message_id))})

    @pecan.expose()
    def delete(self, message_id):
        ctxt = wsgi.context()
        _check_version()
        policy.require_member(ctxt, 'message:delete')
        _visible(ctxt, message_id)
        volume_messages.delete(message_id)
        return wsgi.response(status=204)
