"""Conductor handlers safe to run twice (issue 15, item 8).

A cast or call is acknowledged to the broker after its handler returns, so
a conductor killed mid-handler gets the message again after its restart,
possibly after the work was done (the reply, not the work, was lost). The
rules:

- instance_update: a compare-and-swap refused because the instance already
  holds every state the update sets is the same update delivered again:
  it answers the instance (its fault and events were stored the first
  time).
- instance_destroy: an instance already deleted is the answer.
- build_instances: only instances still waiting for a host are scheduled
  (again: a claim is replaced, not added); one already given a host but
  not yet building is handed to its compute again, which runs a request's
  build once (compute.journal).
"""
from stratus.common import exception
from stratus.common import log
from stratus.common import primitives
from stratus.compute import states
from stratus.db.api import instances

LOG = log.getLogger(__name__)
# What an update of state sets, compared to tell a repeat from a conflict.
_STATE_KEYS = ('vm_state', 'task_state', 'power_state', 'host', 'node')


def already_applied(instance_uuid, values):
    """The instance when it already holds every state `values` sets (its
    update refused by compare-and-swap was a repeat), else None."""
    if not values or set(values) - set(_STATE_KEYS):
        return None
    current = instances.get(instance_uuid, extras=False)
    if any(current.get(key) != value for key, value in values.items()):
        return None
    LOG.info('Update %s of instance %s already applied (message delivered '
             'again)', values, instance_uuid)
    return current


def destroy(instance_uuid):
    try:
        return instances.soft_delete(instance_uuid)
    except exception.InstanceNotFound:
        gone = instances.get(instance_uuid, read_deleted=True, extras=False)
        LOG.info('Instance %s already deleted (message delivered again)',
                 instance_uuid)
        return gone


def builds_to_run(ctxt, instance_uuids, image, compute_rpc):
    """The instances of a build request still to schedule; those already
    dispatched but not started are cast to their compute again."""
    waiting = []
    for uuid in instance_uuids:
        try:
            instance = instances.get(uuid, extras=False)
        except exception.InstanceNotFound:
            continue        # deleted meanwhile
        if instance['vm_state'] != states.BUILDING:
            continue
        if instance['task_state'] == states.SCHEDULING and \
                not instance['host']:
            waiting.append(uuid)
        elif instance['task_state'] is None and instance['host']:
            LOG.info('Instance %s was dispatched to %s; casting its build '
                     'again (it runs once)', uuid, instance['host'])
            compute_rpc.build_and_run_instance(
                ctxt, primitives.to_primitive(instance), image=image)
    if len(waiting) != len(instance_uuids):
        LOG.info('Build request for %s: %s still to schedule (message '
                 'delivered again)', instance_uuids, waiting)
    return waiting


def resize_to_run(ctxt, instance, migration, flavor, image, compute_rpc):
    """Whether a migrate_server request should run its flow. Delivered
    again: a migration that moved on or failed is left alone; one whose
    destination was already chosen has its prep_resize cast there again
    (the destination runs a request's step once, see compute.journal);
    one cut short before that runs again, its source claim first given
    back to the server (the flow moves it to the migration again)."""
    from stratus.db.api import allocations
    if instance['task_state'] != states.RESIZE_PREP or \
            migration['status'] != 'pre-migrating':
        LOG.info('Migration %s is %s, server task %s: its request has '
                 'nothing to do', migration['uuid'], migration['status'],
                 instance['task_state'])
        return False
    if migration.get('dest_compute'):
        LOG.info('Migration %s already chose %s; casting prep_resize there '
                 'again (it runs once)', migration['uuid'],
                 migration['dest_compute'])
        compute_rpc.prep_resize(ctxt, migration['dest_compute'], instance,
                                migration, flavor, image)
        return False
    if allocations.get(migration['uuid']) and \
            not allocations.get(instance['uuid']):
        allocations.move(migration['uuid'], instance['uuid'])
    return True
