"""Conductor RPC endpoint: database proxy for computes, and the flows that
need a placement decision. Methods only dispatch."""
import oslo_messaging as messaging

from stratus.common import exception
from stratus.common import log
from stratus.common import primitives
from stratus.common import rpc
from stratus.common import timeutils
from stratus.conductor import redelivery
from stratus.conductor import rpcapi
from stratus.db.api import action_events
from stratus.db.api import allocations
from stratus.db.api import compute_nodes
from stratus.db.api import instances
from stratus.db.api import services as db_services

LOG = log.getLogger(__name__)


class ConductorManager:
    target = messaging.Target(version=rpcapi.ConductorRPCClient.VERSION)

    def __init__(self, host):
        from stratus.compute import rpcapi as compute_rpcapi
        from stratus.scheduler import rpcapi as scheduler_rpcapi
        self.host = host
        self.scheduler = scheduler_rpcapi.SchedulerRPCClient()
        self.compute_rpc = compute_rpcapi.ComputeRPCClient()

    def init_host(self, ctxt):
        """Before any message is taken: builds that never reached a host
        and resizes that never reached a destination run again from their
        records (conductor.build_recovery)."""
        from stratus.conductor import build_recovery
        build_recovery.rebuild_waiting(self)
        build_recovery.rerun_unplaced_resizes(self)

    def service_report(self, ctxt, values):
        record = db_services.report(ctxt, values)
        if record['report_count'] == 1:
            LOG.info('Registered service %s on host %s', values['binary'],
                     values['host'])
        return {'id': record['id'], 'uuid': record['uuid'],
                'host': record['host'], 'binary': record['binary']}

    # --- database proxy ------------------------------------------------------
    @rpc.expected_exceptions(exception.InstanceNotFound,
                             exception.UnexpectedTaskStateError,
                             exception.MigrationNotFound)
    def instance_update(self, ctxt, instance_uuid, values,
                        expected_task_state=None, fault=None, events=None,
                        migration=None):
        kwargs = {}
        if expected_task_state is not None:
            kwargs['expected_task_state'] = expected_task_state
        if migration is not None:
            kwargs['migration'] = migration
        for key in ('launched_at', 'terminated_at'):
            if isinstance(values.get(key), str):
                values[key] = timeutils.from_iso(values[key])
        if events:
            # In the same write (one turn of the database's write lock
            # instead of two), in a savepoint: failing to record them must
            # not fail the saved operation.
            kwargs['events'] = (ctxt.request_id, _event_times(events))
        if fault:
            # In the same transaction: no reader sees ERROR without why.
            kwargs['fault'] = {key: fault.get(key) for key in
                               ('code', 'message', 'details', 'host')}
        try:
            instance = instances.update(instance_uuid, values, **kwargs)
        except exception.UnexpectedTaskStateError:
            # Delivered again after it was applied: no second fault.
            current = redelivery.already_applied(instance_uuid, values)
            if current is None:
                raise
            return primitives.to_primitive(current)
        return primitives.to_primitive(instance)

    @rpc.expected_exceptions(exception.InstanceNotFound)
    def instance_destroy(self, ctxt, instance_uuid):
        instance = redelivery.destroy(instance_uuid)
        allocations.delete(instance_uuid)
        return primitives.to_primitive(instance)

    def release_resources(self, ctxt, instance_uuid):
        allocations.delete(instance_uuid)

    def action_events_record(self, ctxt, instance_uuid, events):
        record_events(ctxt, [instance_uuid], events)

    def compute_node_update(self, ctxt, values):
        return primitives.to_primitive(compute_nodes.update(values))

    def instances_on_host(self, ctxt, host):
        return primitives.to_primitive(instances.list_instances(
            filters={'host': host}))

    # --- volumes of servers --------------------------------------------------
    # The compute acts for the server's owner; the volume side checks
    # ownership on the context, so internal calls go elevated.
    def bdm_list(self, ctxt, instance_uuid):
        from stratus.db.api import block_devices
        return primitives.to_primitive(
            block_devices.for_instance(instance_uuid))

    def bdm_create(self, ctxt, values):
        from stratus.db.api import block_devices
        return primitives.to_primitive(block_devices.create(values))

    @rpc.expected_exceptions(exception.BDMNotFound)
    def bdm_update(self, ctxt, bdm_uuid, values):
        from stratus.db.api import block_devices
        return primitives.to_primitive(block_devices.update(bdm_uuid,
                                                            values))

    def bdm_destroy(self, ctxt, bdm_uuid):
        from stratus.db.api import block_devices
        block_devices.destroy(bdm_uuid)

    @rpc.expected_exceptions(exception.VolumeAttachmentNotFound,
                             exception.InvalidVolume)
    def volume_attachment_update(self, ctxt, attachment_id, connector):
        from stratus.compute import server_volumes
        attachment = server_volumes.attach_api().attachment_update(
            ctxt.elevated(), attachment_id, connector)
        return primitives.to_primitive(attachment['connection_info'])

    @rpc.expected_exceptions(exception.VolumeAttachmentNotFound)
    def volume_attachment_complete(self, ctxt, attachment_id):
        from stratus.compute import server_volumes
        server_volumes.attach_api().attachment_complete(ctxt.elevated(),
                                                        attachment_id)

    @rpc.expected_exceptions(exception.VolumeAttachmentNotFound)
    def volume_attachment_delete(self, ctxt, attachment_id):
        from stratus.compute import server_volumes
        server_volumes.attach_api().attachment_delete(ctxt.elevated(),
                                                      attachment_id)

    def volume_roll_detaching(self, ctxt, volume_id):
        from stratus.compute import server_volumes
        server_volumes.attach_api().roll_detaching(ctxt.elevated(),
                                                   volume_id)

    def instance_volumes_release(self, ctxt, instance_uuid):
        from stratus.compute import server_volumes
        return server_volumes.release_all(ctxt, instance_uuid)

    # --- flows ---------------------------------------------------------------
    def unshelve_instance(self, ctxt, instance_uuid, availability_zone=None,
                          host=None):
        from stratus.compute import image_facts
        from stratus.conductor.flows import unshelve
        from stratus.db.api import images
        instance = instances.get(instance_uuid)
        image_id = instance['system_metadata'].get('shelved_image_id')
        image = image_facts.summary(images.get(image_id)) if image_id \
            else None
        if instance['vm_state'] == 'shelved':
            # The guest is still on its host, powered off: start it there.
            self.compute_rpc.unshelve_instance(
                ctxt, primitives.to_primitive(instance), image)
            return
        unshelve.run(ctxt, primitives.to_primitive(instance), image,
                     availability_zone, host,
                     self.scheduler, self.compute_rpc,
                     lambda events: record_events(ctxt, [instance_uuid], events))

    def migrate_server(self, ctxt, instance_uuid, migration_uuid, flavor,
                       host=None):
        from stratus.compute import image_facts
        from stratus.conductor.flows import resize
        from stratus.db.api import images
        from stratus.db.api import migration_records
        instance = primitives.to_primitive(instances.get(instance_uuid))
        migration = primitives.to_primitive(
            migration_records.get(migration_uuid))
        image = None
        if instance['image_ref']:
            try:
                image = image_facts.summary(images.get(
                    instance['image_ref'], include_deleted=True))
            except exception.NotFound:
                image = None
        if not redelivery.resize_to_run(ctxt, instance, migration, flavor,
                                        image, self.compute_rpc):
            return
        resize.run(ctxt, instance, migration, flavor, image, host,
                   self.scheduler, self.compute_rpc,
                   lambda events: record_events(ctxt, [instance_uuid], events))

    @rpc.expected_exceptions(exception.MigrationNotFound)
    def migration_update(self, ctxt, migration_uuid, values):
        from stratus.db.api import migration_records
        return primitives.to_primitive(migration_records.update(
            migration_uuid, values))

    def claims_move(self, ctxt, from_consumer, to_consumer):
        """Resize/revert bookkeeping: one consumer's claim becomes
        another's (what `to_consumer` held is released first)."""
        allocations.move(from_consumer, to_consumer)

    def build_instances(self, ctxt, instance_uuids, request):
        from stratus.conductor.flows import build
        instance_uuids = redelivery.builds_to_run(
            ctxt, instance_uuids, request.get('image'), self.compute_rpc)
        if not instance_uuids:
            return
        build.run(ctxt, instance_uuids, request, self.scheduler,
                  self.compute_rpc,
                  lambda events: record_events(ctxt, instance_uuids, events))

    @rpc.expected_exceptions(exception.VolumeNotFound,
                             exception.InvalidVolume)
    def volume_migration_completion(self, ctxt, old_volume_id,
                                    new_volume_id, error):
        from stratus.compute import server_volumes
        return server_volumes.migration_completion(
            ctxt, old_volume_id, new_volume_id, error)

    @rpc.expected_exceptions(exception.VolumeNotFound,
                             exception.InvalidVolume)
    def volume_attachment_create(self, ctxt, volume_id, instance_uuid):
        from stratus.compute import server_volumes
        return primitives.to_primitive(
            server_volumes.attach_api().attachment_create(
                ctxt.elevated(), volume_id, instance_uuid))

    @rpc.expected_exceptions(exception.VolumeNotFound,
                             exception.InvalidVolume, exception.Invalid,
                             exception.ImageNotFound)
    def volume_reimage(self, ctxt, volume_id, image_id):
        from stratus.compute import volume_rebuild
        volume_rebuild.reimage(ctxt, volume_id, image_id)

    # 1.7
    # --- evacuate ------------------------------------------------------------
    def evacuate_instance(self, ctxt, instance_uuid, migration_uuid,
                          host=None, password=None, on_shared_storage=None,
                          target_state=None, force=False):
        from stratus.compute import image_facts
        from stratus.conductor.flows import evacuate
        from stratus.db.api import images
        from stratus.db.api import migration_records
        instance = primitives.to_primitive(instances.get(instance_uuid))
        migration = primitives.to_primitive(
            migration_records.get(migration_uuid))
        image = None
        if instance['image_ref']:
            try:
                image = image_facts.summary(images.get(
                    instance['image_ref'], include_deleted=True))
            except exception.NotFound:
                image = {'id': instance['image_ref']}
        evacuate.run(ctxt, instance, migration, image, host, {
            'password': password, 'on_shared_storage': on_shared_storage,
            'target_state': target_state}, self.scheduler, self.compute_rpc,
            lambda events: record_events(ctxt, [instance_uuid], events),
            forced=force)

    def evacuations_from_host(self, ctxt, host):
        from stratus.db.api import migrations
        return primitives.to_primitive([
            m for m in migrations.migration_list(
                source_compute=host, migration_type='evacuation')
            if m['status'] in ('accepted', 'pre-migrating', 'done')])

    # --- 1.6: live migration -------------------------------------------------
    @rpc.expected_exceptions(exception.Invalid, exception.Conflict,
                             exception.NoValidHost, exception.MigrationError)
    def live_migrate_instance(self, ctxt, instance_uuid, request):
        from stratus.conductor import live_migrate
        live_migrate.run(ctxt, instance_uuid, request, self.scheduler,
                         self.compute_rpc)


def _event_times(events):
    return [dict(event, start_time=timeutils.from_iso(event['start_time']),
                 finish_time=timeutils.from_iso(event['finish_time']))
            for event in events]


def record_events(ctxt, instance_uuids, events):
    """Store a flow's steps as action events of each instance."""
    events = _event_times(events)
    for uuid in instance_uuids:
        action_events.events_record(uuid, ctxt.request_id, events)
