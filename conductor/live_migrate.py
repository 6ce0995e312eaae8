"""The conductor's part of a live migration (nova's LiveMigrationTask):
the migration record (accepted), the pre-checks, a destination (forced,
or the scheduler's pick), its claim, and the cast to the source compute.

Any failure here leaves the server where and as it was (task_state None)
with the migration 'error', the claims restored and the fault recorded,
as nova's conductor does; an unexpected one puts the server in ERROR."""
import traceback

from stratus.common import exception
from stratus.common import log
from stratus.common import primitives
from stratus.common import timeutils
from stratus.common.conf import CONF
from stratus.compute import states
from stratus.db.api import action_events
from stratus.db.api import allocations
from stratus.db.api import instances
from stratus.db.api import live_migrations
from stratus.db.api import migration_records
from stratus.db.api import services as db_services

LOG = log.getLogger(__name__)
EVENT = 'conductor_live_migrate_instance'
# nova's list: these leave the server as it was; others put it in ERROR.
EXPECTED = (exception.NoValidHost, exception.ComputeHostNotFound,
            exception.ComputeServiceUnavailable,
            exception.InvalidHypervisorType,
            exception.UnableToMigrateToSelf,
            exception.InstanceInvalidState,
            exception.MigrationPreCheckError)


def _check_up(host):
    rows = db_services.service_list(binary='stratus-compute', host=host)
    if not rows or not rows[0]['is_up']:
        raise exception.ComputeServiceUnavailable(host=host)
    return rows[0]


def _zone(host):
    rows = db_services.service_list(binary='stratus-compute', host=host)
    return (rows[0]['availability_zone'] if rows else None) or \
        CONF.default_availability_zone


def _destination_checks(ctxt, compute_rpc, host, instance, block):
    """The destination compute's own checks; what it answers travels to
    the source. Its refusals are pre-check errors (the server stays)."""
    try:
        return compute_rpc.check_can_live_migrate_destination(
            ctxt, host, instance, block)
    except EXPECTED:
        raise
    except Exception as exc:
        raise exception.MigrationPreCheckError(reason=str(exc))


def _image(instance):
    from stratus.compute import image_facts
    from stratus.db.api import images
    if not instance['image_ref']:
        return None
    try:
        return image_facts.summary(images.get(instance['image_ref'],
                                              include_deleted=True))
    except exception.NotFound:
        return None


def _check_memory(instance, node):
    """nova's RAMFilter arithmetic for a forced destination."""
    used = allocations.usage_by_node().get(
        node['hypervisor_hostname'], {}).get('memory_mb', 0)
    total = node['memory_mb']
    avail = total * CONF.ram_allocation_ratio - used
    mem_inst = instance['memory_mb']
    if not mem_inst or avail <= mem_inst:
        raise exception.MigrationPreCheckError(reason=(
            'Unable to migrate %s to %s: Lack of memory(host:%s <= '
            'instance:%s)' % (instance['uuid'], node['host'], avail,
                              mem_inst)))


def _forced(instance, host):
    """The named host, checked as nova checks a forced destination, and
    claimed for the instance without the scheduler."""
    if host == instance['host']:
        raise exception.UnableToMigrateToSelf(instance_id=instance['uuid'],
                                              host=host)
    _check_up(host)
    node = live_migrations.nodes_for_host(host)[0]
    _check_memory(instance, node)
    _check_same_hypervisor(instance, node)
    flavor = instance['flavor']
    allocations.replace(instance['uuid'], host,
                        node['hypervisor_hostname'], flavor['vcpus'],
                        flavor['memory_mb'], (flavor.get('root_gb') or 0) +
                        (flavor.get('ephemeral_gb') or 0))
    return {'host': host, 'node': node['hypervisor_hostname']}


def _check_same_hypervisor(instance, node):
    source = live_migrations.nodes_for_host(instance['host'])[0]
    if source['hypervisor_type'] != node['hypervisor_type']:
        raise exception.InvalidHypervisorType()


def _scheduled(ctxt, scheduler, compute_rpc, instance, requested_host,
               block):
    """nova's _find_destination: the scheduler's pick, skipped (its claim
    released, the host excluded) when the hypervisors differ or the
    destination refuses, until one accepts or none is left (NoValidHost).
    Returns (destination, what it answered)."""
    from stratus.scheduler import request_spec
    attempted = [instance['host']]
    image = _image(instance)
    while True:
        spec = request_spec.build(
            instance, instance['flavor'], image, ignore_hosts=attempted,
            requested_destination={'host': requested_host}
            if requested_host else None)
        dest = scheduler.select_destinations(ctxt, spec,
                                             [instance['uuid']])[0]
        try:
            _check_same_hypervisor(
                instance, live_migrations.nodes_for_host(dest['host'])[0])
            return dest, _destination_checks(ctxt, compute_rpc,
                                             dest['host'], instance, block)
        except (exception.InvalidHypervisorType,
                exception.MigrationPreCheckError) as exc:
            LOG.info('Skipping host %s: %s', dest['host'], exc,
                     instance=instance)
            allocations.delete(instance['uuid'])
            attempted.append(dest['host'])


def _restore(instance, migration, exc, vm_state, claims_moved):
    if claims_moved:
        # The destination's claim goes; the source's returns.
        allocations.delete(instance['uuid'])
        allocations.move(migration['uuid'], instance['uuid'])
    migration_records.update(migration['uuid'], {'status': 'error'})
    values = {'task_state': None}
    if vm_state:
        values['vm_state'] = vm_state
    code = exc.code if isinstance(exc, exception.StratusException) else 500
    instances.update(instance['uuid'], values, fault={
        'code': code if code >= 400 else 500, 'message': str(exc),
        'details': ''.join(traceback.format_exception(exc))})


def _record(ctxt, instance_uuid, started, exc=None):
    try:
        action_events.event_record(
            instance_uuid, ctxt.request_id, EVENT, started,
            timeutils.utcnow(), 'Error' if exc else 'Success',
            traceback=''.join(traceback.format_exception(exc))
            if exc else None, host=CONF.host)
    except Exception:       # the record must not hide the outcome
        LOG.exception('Recording %s failed', EVENT)


def run(ctxt, instance_uuid, request, scheduler, compute_rpc):
    started = timeutils.utcnow()
    instance = primitives.to_primitive(instances.get(instance_uuid))
    flavor = instance['flavor']
    migration = migration_records.create({
        'instance_uuid': instance_uuid, 'status': 'accepted',
        'migration_type': 'live-migration', 'dest_compute': request['host'],
        'source_compute': instance['host'],
        'old_flavor_id': flavor.get('flavorid'),
        'new_flavor_id': flavor.get('flavorid'),
        'project_id': ctxt.project_id, 'user_id': ctxt.user_id})
    claims_moved = False
    try:
        if instance['power_state'] not in (states.RUNNING,
                                           states.PAUSED_POWER):
            raise exception.InstanceInvalidState(
                action='os-migrateLive', instance_uuid=instance_uuid,
                attr='power_state',
                state=states.POWER_STATE_NAMES.get(
                    instance['power_state'], instance['power_state']))
        _check_up(instance['host'])
        allocations.move(instance_uuid, migration['uuid'])
        claims_moved = True
        block = request.get('block_migration')
        if request['host']:
            dest = _forced(instance, request['host'])
            dest_data = _destination_checks(ctxt, compute_rpc, dest['host'],
                                            instance, block)
        else:
            dest, dest_data = _scheduled(ctxt, scheduler, compute_rpc,
                                         instance,
                                         request.get('requested_host'), block)
        dest_data = dict(dest_data or {}, availability_zone=dest.get(
            'availability_zone') or _zone(dest['host']))
        migration = primitives.to_primitive(migration_records.update(
            migration['uuid'], {'source_node': instance['node'],
                                'dest_compute': dest['host'],
                                'dest_node': dest['node']}))
        LOG.info('Live migrating to %s (migration %s)', dest['host'],
                 migration['uuid'], instance=instance)
        compute_rpc.live_migration(ctxt, instance['host'], instance,
                                   migration, dest_data,
                                   request.get('block_migration'))
    except Exception as exc:
        expected = isinstance(exc, EXPECTED)
        (LOG.warning if expected else LOG.error)(
            'Live migration not started: %s', exc, instance=instance)
        _restore(instance, migration, exc,
                 None if expected else states.ERROR, claims_moved)
        _record(ctxt, instance_uuid, started, exc)
        if expected:
            raise
        raise exception.MigrationError(reason=str(exc))
    _record(ctxt, instance_uuid, started)
