"""/os-assisted-volume-snapshots: the service API through which cinder's
file-based drivers ask nova to snapshot (POST) or merge away (DELETE) a
volume's file on the guest's host. nova's default policy is the service
role alone.

nova's checks: the body (or the delete_info query), the policy, the
volume's mapping (400 when none, or when several: multi-attach), the
server's host (400 "not ready") and a task in progress (400); then nova's
compute swaps the guest's disk file for a qcow2 overlay (or merges one).

stratus's volumes reach guests as block devices (LVM), whose snapshots the
block storage takes itself: libvirt cannot put a qcow2 overlay next to a
device, so the operation fails as nova's libvirt driver fails it: logged,
and the snapshot's status set as its os-update_snapshot_status call sets
it ('error' for a create, 'error_deleting' for a delete; a snapshot in
another state is left as it is, as cinder's transitions refuse it). No
compute is asked: the answer is known here."""
import json

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.common import exception
from stratus.common import log
from stratus.db.api import block_devices
from stratus.db.api import instances
from stratus.db.api import snapshots

LOG = log.getLogger(__name__)

_RULE = 'os_compute_api:os-assisted-volume-snapshots:%s'
_TEXT = {'type': 'string', 'minLength': 1}
CREATE = {
    'type': 'object',
    'properties': {'snapshot': {
        'type': 'object',
        'properties': {
            'volume_id': _TEXT,
            'create_info': {
                'type': 'object',
                'properties': {'snapshot_id': _TEXT,
                               'type': {'type': 'string', 'enum': ['qcow2']},
                               'new_file': _TEXT, 'id': _TEXT},
                'required': ['snapshot_id', 'type', 'new_file'],
                'additionalProperties': False}},
        'required': ['volume_id', 'create_info'],
        'additionalProperties': False}},
    'required': ['snapshot'],
    'additionalProperties': False,
}
DELETE_QUERY = {'delete_info': query.multi({'type': 'string'})}
# cinder's os-update_snapshot_status: from which status to which.
_FAILED = {'creating': 'error', 'deleting': 'error_deleting'}


def _require_service(ctxt, action):
    policy.require_authenticated(ctxt)
    policy.check_scope(ctxt, _RULE % action)
    if 'service' not in (ctxt.roles or ()):
        raise exception.Forbidden(action=_RULE % action)


def _instance(volume_id, method):
    """The server the volume is mapped to, checked as nova's
    check_instance_host and check_instance_state(vm_state=None)."""
    bdms = block_devices.for_volume(volume_id)
    if not bdms:
        raise exception.Invalid('No volume Block Device Mapping with id %s.'
                                % volume_id)
    if len(bdms) > 1:
        raise exception.Invalid(
            'Block Device Mapping %s is a multi-attach volume and is not '
            'valid for this operation.' % volume_id)
    try:
        instance = instances.get(bdms[0]['instance_uuid'], extras=False)
    except exception.InstanceNotFound:
        raise exception.Invalid('No volume Block Device Mapping with id %s.'
                                % volume_id)
    if not instance['host']:
        raise exception.Invalid('Instance %s is not ready'
                                % instance['uuid'])
    if instance['task_state'] is not None:
        raise _invalid_state(instance, 'task_state', method)
    return instance


def _fail(operation, instance, volume_id, snapshot_id, from_status):
    LOG.error('Error occurred during %s of volume %s, sending error status '
              'to the block storage: the volume is a block device, no '
              'file to snapshot', operation, volume_id, instance=instance)
    try:
        snapshot = snapshots.get(snapshot_id)
    except exception.NotFound:
        LOG.warning('Snapshot %s not found: no status sent', snapshot_id)
        return
    if snapshot['status'] == from_status:
        snapshots.update(snapshot_id, {'status': _FAILED[from_status]},
                         expected={'status': from_status})


def _invalid_state(instance, attr, method):
    return exception.Invalid(
        'Instance %s in %s %s. Cannot %s while the instance is in this '
        'state.' % (instance['uuid'], attr, instance[attr], method))


class AssistedVolumeSnapshotsController(rest.RestController):
    @pecan.expose()
    def post(self, **kwargs):
        body = validation.body(CREATE)['snapshot']
        _require_service(wsgi.context(), 'create')
        volume_id, create_info = body['volume_id'], body['create_info']
        instance = _instance(volume_id, 'do_volume_snapshot_create')
        _fail('volume_snapshot_create', instance, volume_id,
              create_info['snapshot_id'], 'creating')
        return wsgi.response({'snapshot': {'id': create_info.get('id'),
                                           'volumeId': volume_id}})

    @pecan.expose()
    def delete(self, snapshot_id, **kwargs):
        params = query.check(
            kwargs, query.schema(DELETE_QUERY,
                                 strict=wsgi.version() >= (2, 75)))
        _require_service(wsgi.context(), 'delete')
        try:
            delete_info = json.loads(params['delete_info'][-1])
            volume_id = delete_info['volume_id']
        except KeyError as exc:
            raise exception.Invalid(str(exc))
        except (ValueError, TypeError) as exc:
            raise exception.Invalid(str(exc))
        instance = _instance(volume_id, 'do_volume_snapshot_delete')
        if delete_info.get('merge_target_file') is not None and \
                instance['vm_state'] != 'active':
            # nova cannot merge an intermediary file of a stopped guest.
            raise _invalid_state(instance, 'vm_state',
                                 'volume_snapshot_delete')
        _fail('volume_snapshot_delete', instance, volume_id, snapshot_id,
              'deleting')
        return wsgi.response(status=204)
