"""evacuate as nova's compute API starts it (runs in stratus-api): the
server in a state nova evacuates from, its compute service down, the
action and an 'evacuation' migration recorded (the tombstone the source
compute finds when it comes back), then the conductor places and
re-creates the server elsewhere."""
from stratus.common import exception
from stratus.common import log
from stratus.compute import states
from stratus.db.api import migration_records
from stratus.db.api import services as db_services

LOG = log.getLogger(__name__)


def compute_service(host):
    """The compute service record of `host`, or None."""
    rows = db_services.service_list(binary='stratus-compute', host=host)
    return rows[0] if rows else None


def evacuate(compute, ctxt, uuid, host, on_shared_storage, password,
             force, target_state):
    """`host`: the destination asked for (None: the scheduler picks);
    `force`: None before 2.29, else the body's (False from 2.68). A host
    is forced (no scheduler filters, only its capacity) as nova forces it:
    before 2.29, or with force true. Returns the migration."""
    instance = compute.get(ctxt, uuid, extras=False)
    # nova: no lock check; the state table first, then the service.
    states.check(instance, 'evacuate')
    service = compute_service(instance['host'])
    if service is not None and service['is_up']:
        LOG.error('Compute service on %s expected to be down, but it '
                  'was up', instance['host'], instance=instance)
        raise exception.ComputeServiceInUse(host=instance['host'])
    instance = compute.start_action(ctxt, uuid, 'evacuate',
                                    states.REBUILDING, locked_ok=True)
    migration = migration_records.create({
        'instance_uuid': uuid, 'status': 'accepted',
        'migration_type': 'evacuation',
        'source_compute': instance['host'], 'source_node': instance['node'],
        'dest_compute': host, 'project_id': ctxt.project_id,
        'user_id': ctxt.user_id})
    LOG.info('Evacuating from %s%s', instance['host'],
             ' to %s' % host if host else '', instance=instance)
    compute.conductor.evacuate_instance(
        ctxt, uuid, migration['uuid'], host=host, password=password,
        on_shared_storage=on_shared_storage, target_state=target_state,
        force=bool(host) and force is not False)
    return migration
