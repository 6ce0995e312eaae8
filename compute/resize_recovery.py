"""Start-up recovery of a resize or cold migration step this compute had
started (its journal names the step and the migration), whether the
server is on this host or not (a destination does not list it yet).

A step before the guest lives on the destination (resize_prep on the
destination, resize_migrate on the source) ends as its own failure does:
the server stays on its source, task_state None, destination claim
released, source claim back to the server, migration error, a fault
saying why. A step after it (resize_finish) leaves the server in ERROR
with the fault, migration error, as nova leaves a move it cannot finish.
"""
from stratus.common import exception
from stratus.common import log
from stratus.compute import states

LOG = log.getLogger(__name__)
_BEFORE_MOVE = ('resize_prep', 'resize_migrate')
_AFTER_MOVE = ('resize_finish',)
_RESIZING = [states.RESIZE_PREP, states.RESIZE_MIGRATING,
             states.RESIZE_MIGRATED, states.RESIZE_FINISH]


def handles(record):
    return bool(record.get('migration')) and \
        record.get('flow') in _BEFORE_MOVE + _AFTER_MOVE


def recover(ctxt, host, conductor, record, why):
    """True when the server was still in the step (and is recovered)."""
    uuid, migration = record['uuid'], record['migration']
    fault = {'code': 500, 'host': host, 'message': why}
    before = record['flow'] in _BEFORE_MOVE
    values = {'task_state': None, 'new_flavor': None} if before else {
        'vm_state': states.ERROR, 'task_state': None}
    try:
        conductor.instance_update(ctxt, uuid, values,
                                  expected_task_state=_RESIZING, fault=fault)
    except (exception.UnexpectedTaskStateError, exception.InstanceNotFound):
        LOG.info('Instance %s moved on from the %s step; nothing to '
                 'recover', uuid, record['flow'])
        return False
    LOG.warning('Instance %s: %s of migration %s cut short by a restart',
                uuid, record['flow'], migration)
    conductor.migration_update(ctxt, migration, {'status': 'error'})
    if before:
        conductor.release_resources(ctxt, uuid)
        conductor.claims_move(ctxt, migration, uuid)
    return True
