"""POST /snapshots/{id}/action (cinder's snapshot_actions and the
snapshot admin actions): os-update_snapshot_status, os-reset_status,
os-force_delete."""
from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import request_validation
from stratus.api.volume import unmanage
from stratus.api.volume.schemas import snapshot_actions as schemas
from stratus.api.volume.schemas import snapshots as snapshot_schemas
from stratus.common import exception
from stratus.db.api import snapshots as db_snapshots

_ADMIN = 'volume_extension:snapshot_admin_actions:'
# os-update_snapshot_status: from creating or deleting only, to these.
UPDATE_TRANSITIONS = {'creating': ('creating', 'available', 'error'),
                      'deleting': ('deleting', 'error_deleting')}


def _update_snapshot_status(snapshots, ctxt, snapshot_id, body):
    params = request_validation.check(schemas.update_snapshot_status,
                                      body)['os-update_snapshot_status']
    snapshot = snapshots.get(ctxt, snapshot_id)
    policy.require_member(ctxt, 'snapshot_extension:snapshot_actions:'
                                'update_snapshot_status')
    current, status = snapshot['status'], params['status']
    if current not in UPDATE_TRANSITIONS:
        raise exception.Invalid('Snapshot status %s not allowed for '
                                'update_snapshot_status' % current)
    if status not in UPDATE_TRANSITIONS[current]:
        raise exception.Invalid(
            'Provided snapshot status %s not allowed for snapshot with '
            'status %s.' % (status, current))
    values = {'status': status}
    if params.get('progress'):
        values['progress'] = params['progress']
    db_snapshots.update(snapshot['id'], values)


def _reset_status(snapshots, ctxt, snapshot_id, body):
    status = request_validation.check(snapshot_schemas.reset_status,
                                      body)['os-reset_status']['status']
    snapshot = snapshots.get(ctxt, snapshot_id)
    policy.require_admin(ctxt, _ADMIN + 'reset_status')
    snapshots.reset_status(ctxt, snapshot['id'], status.lower())


def _force_delete(snapshots, ctxt, snapshot_id, body):
    snapshot = snapshots.get(ctxt, snapshot_id)
    policy.require_admin(ctxt, _ADMIN + 'force_delete')
    snapshots.delete(ctxt, snapshot['id'], force=True)


HANDLERS = {'os-update_snapshot_status': _update_snapshot_status,
            'os-reset_status': _reset_status,
            'os-force_delete': _force_delete,
            'os-unmanage': lambda snapshots, ctxt, snapshot_id, body:
            unmanage.unmanage_snapshot(ctxt, snapshot_id, body)}


def dispatch(snapshots, snapshot_id):
    from stratus.api.volume import volume_actions
    ctxt = wsgi.context()
    name, body = volume_actions.action_name(HANDLERS)
    HANDLERS[name](snapshots, ctxt, snapshot_id, body)
    return wsgi.response(status=202)
