"""/volume/v3/messages (3.3; paging 3.5): why an asynchronous operation
failed ('schedule allocate volume:No valid backend was found. ...')."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import filters as filters_mod
from stratus.api.volume.views import messages as views
from stratus.common import exception
from stratus.db import models
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
        version = wsgi.version()
        _check_version()
        policy.require_reader(ctxt, 'message:get_all')
        limit = marker = offset = None
        sort = (('created_at', 'desc'),)
        filters = {}
        # Before 3.5 cinder reads no query at all.
        if version >= (3, 5):
            limit, marker, offset, sort = common.paging(kwargs)
            common.check_sort(
                sort, models.VolumeMessage.__table__.columns.keys())
            filters = filters_mod.query(kwargs, version, count=False)
            if version >= filters_mod.RESOURCE_FILTER:
                filters_mod.reject_invalid(ctxt, filters, 'message', version)
        columns, like, nothing = filters_mod.split_columns(
            filters, models.VolumeMessage, ())
        rows = [] if nothing else volume_messages.list_messages(
            project_id=None if ctxt.is_admin else ctxt.project_id,
            filters={'columns': columns, 'like': like}, limit=limit,
            marker=marker, offset=offset, sort=sort)
        body = {'messages': [views.message(r) for r in rows]}
        links = common.next_links(rows, limit, 'messages')
        if links:
            body['messages_links'] = links
        return wsgi.response(body)

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
