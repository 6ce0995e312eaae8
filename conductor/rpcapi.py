"""Client side of the conductor RPC API (topic ``conductor``).

The conductor is the database proxy of stratus-compute, which has no DB
access of its own, and runs the flows that need a placement decision
(build, migrate/resize, unshelve).
"""
from stratus.common import rpc


class ConductorRPCClient(rpc.RPCClientBase):
    TOPIC = 'conductor'
    VERSION = '1.1'
    HISTORY = (
        '1.0 initial: service_report',
        '1.1 instance_update, instance_destroy, release_resources, '
        'action_event_record, compute_node_update, instances_on_host, '
        'build_instances, unshelve_instance, migrate_server, '
        'migration_update, claims_move',
    )

    def service_report(self, ctxt, values, timeout=None):
        """Register a service or record its heartbeat; returns the record."""
        return self._prepare('1.0', timeout=timeout).call(
            ctxt, 'service_report', values=values)

    # --- database proxy for computes ----------------------------------------
    def instance_update(self, ctxt, instance_uuid, values,
                        expected_task_state=None, fault=None):
        """Compare-and-swap update (expected_task_state: a list, or None
        for no check); `fault` ({code, message, details}) is recorded with
        it. Returns the instance."""
        return self._prepare('1.1').call(
            ctxt, 'instance_update', instance_uuid=instance_uuid,
            values=values, expected_task_state=expected_task_state,
            fault=fault)

    def instance_destroy(self, ctxt, instance_uuid):
        """Mark deleted and release the instance's resources."""
        return self._prepare('1.1').call(ctxt, 'instance_destroy',
                                         instance_uuid=instance_uuid)

    def release_resources(self, ctxt, instance_uuid):
        """Drop what the instance claims on its node (failed build)."""
        return self._prepare('1.1').call(ctxt, 'release_resources',
                                         instance_uuid=instance_uuid)

    def action_event_record(self, ctxt, instance_uuid, event):
        self._prepare('1.1').cast(ctxt, 'action_event_record',
                                  instance_uuid=instance_uuid, event=event)

    def compute_node_update(self, ctxt, values):
        return self._prepare('1.1').call(ctxt, 'compute_node_update',
                                         values=values)

    def instances_on_host(self, ctxt, host):
        return self._prepare('1.1').call(ctxt, 'instances_on_host',
                                         host=host)

    # --- flows ---------------------------------------------------------------
    def build_instances(self, ctxt, instance_uuids, request):
        """Schedule and spawn new instances. `request` carries the flavor,
        image, availability zone, hints and group (plain data)."""
        self._prepare('1.1').cast(ctxt, 'build_instances',
                                  instance_uuids=instance_uuids,
                                  request=request)

    def unshelve_instance(self, ctxt, instance_uuid, availability_zone=None,
                          host=None):
        """Place a shelved instance again and spawn it there."""
        self._prepare('1.1').cast(ctxt, 'unshelve_instance',
                                  instance_uuid=instance_uuid,
                                  availability_zone=availability_zone,
                                  host=host)

    def migrate_server(self, ctxt, instance_uuid, migration_uuid, flavor,
                       host=None):
        """Cold migrate or resize (flavor: the new one, or the same)."""
        self._prepare('1.1').cast(ctxt, 'migrate_server',
                                  instance_uuid=instance_uuid,
                                  migration_uuid=migration_uuid,
                                  flavor=flavor, host=host)

    def migration_update(self, ctxt, migration_uuid, values):
        return self._prepare('1.1').call(ctxt, 'migration_update',
                                         migration_uuid=migration_uuid,
                                         values=values)

    def claims_move(self, ctxt, from_consumer, to_consumer):
        return self._prepare('1.1').call(ctxt, 'claims_move',
                                         from_consumer=from_consumer,
                                         to_consumer=to_consumer)
