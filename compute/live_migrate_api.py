"""The compute API's live migration operations, as nova's compute API has
them (live_migrate, live_migrate_force_complete, live_migrate_abort): lock
and state checked here, the task_state moved to migrating and the action
recorded; the conductor then checks and places, the computes move."""
from stratus.common import exception
from stratus.common import log
from stratus.common import primitives
from stratus.compute import states
from stratus.db.api import action_events
from stratus.db.api import live_migrations

LOG = log.getLogger(__name__)

# nova's instance action names.
LIVE_MIGRATION = 'live-migration'
FORCE_COMPLETE = 'live_migration_force_complete'
CANCEL = 'live_migration_cancel'


def live_migrate(compute, ctxt, uuid, block_migration, host, force,
                 async_):
    """`block_migration`: True, False or None (auto, 2.25); `host`: None
    lets the scheduler pick; `force` (2.30-2.67): False sends a named host
    through the scheduler, True (or None before 2.30) skips it. Before
    2.34 (`async_` False) the conductor's pre-checks answer here."""
    instance = compute.get(ctxt, uuid, extras=False)
    compute.check_can(ctxt, instance, 'os-migrateLive')
    if host:
        # nova looks the host's nodes up before changing anything.
        live_migrations.nodes_for_host(host)
    compute.start_action(ctxt, uuid, LIVE_MIGRATION, states.MIGRATING,
                         check='os-migrateLive')
    request = {'host': host if force is not False else None,
               'requested_host': host if force is False else None,
               'block_migration': block_migration}
    LOG.info('Live migrating to %s', host or 'a host the scheduler picks',
             instance={'uuid': uuid})
    compute.conductor.live_migrate_instance(ctxt, uuid, request,
                                            wait=not async_)


def force_complete(compute, ctxt, uuid, migration_id):
    instance = compute.get(ctxt, uuid, extras=False)
    compute.check_can(ctxt, instance, 'force_complete')
    try:
        migration = live_migrations.get_for_instance(migration_id, uuid)
    except exception.MigrationNotFoundForInstance as exc:
        # nova answers this one 400 here (404 on abort).
        raise exception.Invalid(exc.message)
    if migration['status'] != 'running':
        raise exception.InvalidMigrationState(
            migration_id=migration_id, instance_uuid=uuid,
            state=migration['status'], method='force complete')
    action_events.action_start(uuid, FORCE_COMPLETE, ctxt.request_id,
                               ctxt.user_id, ctxt.project_id)
    compute.compute_rpc.live_migration_force_complete(
        ctxt, instance['host'], primitives.to_primitive(instance),
        migration['uuid'])


def abort(compute, ctxt, uuid, migration_id, queued_too):
    """`queued_too` (2.65): queued and preparing migrations may be
    aborted, not only running ones."""
    instance = compute.get(ctxt, uuid, extras=False)
    compute.check_can(ctxt, instance, 'abort live migration')
    migration = live_migrations.get_for_instance(migration_id, uuid)
    allowed = ('running', 'queued', 'preparing') if queued_too \
        else ('running',)
    if migration['status'] not in allowed:
        raise exception.InvalidMigrationState(
            migration_id=migration_id, instance_uuid=uuid,
            state=migration['status'], method='abort live migration')
    action_events.action_start(uuid, CANCEL, ctxt.request_id,
                               ctxt.user_id, ctxt.project_id)
    compute.compute_rpc.live_migration_abort(
        ctxt, instance['host'], primitives.to_primitive(instance),
        migration['uuid'])
