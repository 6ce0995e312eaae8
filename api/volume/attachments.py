"""/volume/v3/attachments (3.27+; os-complete 3.44): the attach protocol
nova uses. create reserves (or with a connector connects), update
connects, os-complete marks in-use, delete detaches."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import filters as filters_mod
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import attachments as schemas
from stratus.api.volume.views import attachments as views
from stratus.common import exception
from stratus.db import models
from stratus.db.api import volume_attachments
from stratus.volume import attach_api

MIN_VERSION = (3, 27)
# cinder's words (its trailing space included).
_IN_ERROR = ('Volume attachments can not be %s if the volume is in an error '
             'state. The Volume %s currently has a status of: %s ')


def _api():
    from stratus.api.volume.volumes import VOLUMES
    return attach_api.AttachAPI(VOLUMES)


def _check_version(minimum=MIN_VERSION):
    if wsgi.version() < minimum:
        raise exception.NotFound('The resource could not be found.')


def check_server_visible(ctxt, instance_uuid):
    """A server of another project is not the caller's to attach to: 404
    as if it did not exist (nova's InstanceNotFound words). cinder itself
    never asks nova (its consumers need not be servers), so an id that
    names no server stays accepted; admins may name any server."""
    from stratus.db.api import instances
    if not instance_uuid or ctxt.is_admin:
        return
    try:
        server = instances.get(instance_uuid, extras=False)
    except exception.InstanceNotFound:
        return
    if server['project_id'] != ctxt.project_id:
        raise exception.InstanceNotFound(instance_id=instance_uuid)


def _list(kwargs, detailed):
    ctxt = wsgi.context()
    version = wsgi.version()
    _check_version()
    policy.require_reader(ctxt, 'volume:attachment_get_all')
    limit, marker, offset, sort = common.paging(kwargs)
    common.check_sort(sort, models.VolumeAttachment.__table__.columns.keys())
    filters = filters_mod.general(
        ctxt, filters_mod.query(kwargs, version, count=False), 'attachment',
        version, lambda f: filters_mod.drop_unknown(
            ctxt, f, filters_mod.RESOURCE_FILTERS['attachment']))
    if 'instance_id' in filters:
        filters['instance_uuid'] = filters.pop('instance_id')
    project_id = ctxt.project_id
    if ctxt.is_admin and 'all_tenants' in filters:
        # Any value: cinder only asks whether the key is there.
        del filters['all_tenants']
        project_id = None
    # cinder matches the rest on the attachment's columns; 'status' is
    # none of them, so it matches nothing.
    columns, like, nothing = filters_mod.split_columns(
        filters, models.VolumeAttachment, ())
    rows = [] if nothing else volume_attachments.list_attachments(
        project_id=project_id, filters={'columns': columns, 'like': like},
        limit=limit, marker=marker, offset=offset, sort=sort)
    view = views.detail if detailed else views.summary
    return wsgi.response({'attachments': [view(r) for r in rows]})


class AttachmentsController(rest.RestController):
    _custom_actions = {'detail': ['GET'], 'action': ['POST']}

    @pecan.expose()
    def get_all(self, **kwargs):
        return _list(kwargs, detailed=False)

    @pecan.expose()
    def detail(self, **kwargs):
        return _list(kwargs, detailed=True)

    @pecan.expose()
    def get_one(self, attachment_id):
        ctxt = wsgi.context()
        _check_version()
        policy.require_reader(ctxt, 'volume:attachment_get')
        return wsgi.response({'attachment': views.detail(
            _api().get_attachment(ctxt, attachment_id))})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        _check_version()
        policy.require_member(ctxt, 'volume:attachment_create')
        version = wsgi.version()
        body = request_validation.body(
            schemas.create_354 if version >= (3, 54)
            else schemas.create)['attachment']
        volume = _api().get(ctxt, body['volume_uuid'])
        if 'error' in volume['status']:
            raise exception.InvalidVolume(reason=_IN_ERROR % (
                'created', volume['id'], volume['status']))
        check_server_visible(ctxt, body.get('instance_uuid'))
        attachment = _api().attachment_create(
            ctxt, body['volume_uuid'], body.get('instance_uuid'),
            connector=body.get('connector'),
            # From 3.54 the body may name the mode; unnamed it is cinder's
            # 'null' (the connector decides at update).
            mode=body.get('mode', 'null') if version >= (3, 54) else 'null')
        return wsgi.response({'attachment': views.detail(attachment)})

    @pecan.expose()
    def put(self, attachment_id):
        ctxt = wsgi.context()
        _check_version()
        policy.require_member(ctxt, 'volume:attachment_update')
        connector = request_validation.body(
            schemas.update)['attachment']['connector']
        attachment = _api().get_attachment(ctxt, attachment_id)
        volume = _api().get(ctxt, attachment['volume_id'])
        if 'error' in volume['status']:
            raise exception.Conflict('Resource conflict: ' + _IN_ERROR % (
                'updated', volume['id'], volume['status']))
        attachment = _api().attachment_update(ctxt, attachment_id, connector)
        return wsgi.response({'attachment': views.detail(attachment)})

    @pecan.expose()
    def delete(self, attachment_id):
        ctxt = wsgi.context()
        _check_version()
        policy.require_member(ctxt, 'volume:attachment_delete')
        volume_id = _api().get_attachment(ctxt, attachment_id)['volume_id']
        _api().attachment_delete(ctxt, attachment_id)
        # cinder answers with the volume's remaining attachments.
        remaining = volume_attachments.list_attachments(
            filters={'volume_id': volume_id}, sort=(('created_at', 'asc'),))
        return wsgi.response({'attachments': [views.summary(a)
                                              for a in remaining]})

    @pecan.expose()
    def action(self, attachment_id):
        ctxt = wsgi.context()
        _check_version((3, 44))
        policy.require_member(ctxt, 'volume:attachment_complete')
        body = validation.load_json(pecan.request)
        if not isinstance(body, dict) or 'os-complete' not in body:
            raise exception.Invalid(reason='There is no such action: %s' % (
                ', '.join(body) if isinstance(body, dict) else body))
        request_validation.check(schemas.complete, body)
        _api().attachment_complete(ctxt, attachment_id)
        return wsgi.response(status=204)
