"""Client side of the conductor RPC API (topic ``conductor``).

The conductor is the database proxy of stratus-compute, which has no DB
access of its own, and runs the flows that need a placement decision
(build, migrate/resize, unshelve).
"""
from stratus.common import log
from stratus.common import rpc
from stratus.common.conf import CONF

LOG = log.getLogger(__name__)

# Calls the conductor answers alike when asked twice (conductor/redelivery.py
# makes instance_update and instance_destroy so). A call is acknowledged on
# receipt, so one taken by a conductor killed mid-call is lost: asked again
# after a third of rpc_response_timeout, it reaches the restarted conductor
# instead of failing the compute's flow after the whole timeout.
IDEMPOTENT = frozenset(('instance_update', 'instance_destroy',
                        'release_resources', 'compute_node_update',
                        'instances_on_host', 'bdm_list', 'migration_update'))
ATTEMPTS = 3


class _Retrying:
    """A call context asking IDEMPOTENT calls again (shorter waits)."""

    def __init__(self, cctxt, short):
        self._cctxt = cctxt
        self._short = short

    def __getattr__(self, name):
        return getattr(self._cctxt, name)

    def call(self, ctxt, method, **kwargs):
        if method not in IDEMPOTENT:
            return self._cctxt.call(ctxt, method, **kwargs)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._short.call(ctxt, method, **kwargs)
            except rpc.MessagingTimeout:
                if attempt == ATTEMPTS:
                    raise
                LOG.warning('Conductor did not answer %s (attempt %d of %d); '
                            'asking again', method, attempt, ATTEMPTS)


class ConductorRPCClient(rpc.RPCClientBase):
    TOPIC = 'conductor'
    VERSION = '1.8'
    HISTORY = (
        '1.0 initial: service_report',
        '1.1 instance_update, instance_destroy, release_resources, '
        'action_events_record, compute_node_update, instances_on_host, '
        'build_instances, unshelve_instance, migrate_server, '
        'migration_update, claims_move',
        '1.2 bdm_list, bdm_create, bdm_update, bdm_destroy, '
        'volume_attachment_update, volume_attachment_complete, '
        'volume_attachment_delete, volume_roll_detaching, '
        'instance_volumes_release',
        '1.3 instance_update carries the events of the flow it ends',
        '1.4 volume_migration_completion',
        '1.5 volume_attachment_create, volume_reimage',
        '1.6 live_migrate_instance',
        '1.7 evacuate_instance, evacuations_from_host',
        '1.8 instance_update writes a migration record with the instance',
    )

    def _prepare(self, since, server=None, **kwargs):
        if kwargs:
            return super()._prepare(since, server, **kwargs)
        normal = super()._prepare(since, server)   # registers the option
        short = max(CONF.rpc_response_timeout // ATTEMPTS, 1)
        return _Retrying(normal, super()._prepare(since, server,
                                                  timeout=short))

    def service_report(self, ctxt, values, timeout=None):
        """Register a service or record its heartbeat; returns the record."""
        return self._prepare('1.0', timeout=timeout).call(
            ctxt, 'service_report', values=values)

    # --- database proxy for computes ----------------------------------------
    def instance_update(self, ctxt, instance_uuid, values,
                        expected_task_state=None, fault=None, events=None,
                        migration=None):
        """Compare-and-swap update (expected_task_state: a list, or None
        for no check); `fault` ({code, message, details}) is recorded with
        it, and `events` (action events of the request's flow, 1.3) in the
        same write (a savepoint of their own); `migration` ({uuid, values},
        1.8) changes that migration record in the same transaction.
        Returns the instance."""
        if migration is not None:
            return self._prepare('1.8').call(
                ctxt, 'instance_update', instance_uuid=instance_uuid,
                values=values, expected_task_state=expected_task_state,
                fault=fault, events=events, migration=migration)
        if events:
            return self._prepare('1.3').call(
                ctxt, 'instance_update', instance_uuid=instance_uuid,
                values=values, expected_task_state=expected_task_state,
                fault=fault, events=events)
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

    def action_events_record(self, ctxt, instance_uuid, events):
        """A flow's steps, recorded as the instance action's events."""
        self._prepare('1.1').cast(ctxt, 'action_events_record',
                                  instance_uuid=instance_uuid, events=events)

    def compute_node_update(self, ctxt, values):
        return self._prepare('1.1').call(ctxt, 'compute_node_update',
                                         values=values)

    def instances_on_host(self, ctxt, host):
        return self._prepare('1.1').call(ctxt, 'instances_on_host',
                                         host=host)

    # --- volumes of servers (block device mappings, the attach protocol) ---
    def bdm_list(self, ctxt, instance_uuid):
        """The server's block device mappings, boot volume first."""
        return self._prepare('1.2').call(ctxt, 'bdm_list',
                                         instance_uuid=instance_uuid)

    def bdm_create(self, ctxt, values):
        """A mapping as given (uuid and device name included)."""
        return self._prepare('1.2').call(ctxt, 'bdm_create', values=values)

    def bdm_update(self, ctxt, bdm_uuid, values):
        return self._prepare('1.2').call(ctxt, 'bdm_update',
                                         bdm_uuid=bdm_uuid, values=values)

    def bdm_destroy(self, ctxt, bdm_uuid):
        return self._prepare('1.2').call(ctxt, 'bdm_destroy',
                                         bdm_uuid=bdm_uuid)

    def volume_attachment_update(self, ctxt, attachment_id, connector):
        """Connect the attachment for `connector` (this host's facts, with
        the 'mountpoint'); returns the connection info (volume attaching)."""
        return self._prepare('1.2').call(
            ctxt, 'volume_attachment_update', attachment_id=attachment_id,
            connector=connector)

    def volume_attachment_complete(self, ctxt, attachment_id):
        """The guest has the volume: attachment attached, volume in-use."""
        return self._prepare('1.2').call(
            ctxt, 'volume_attachment_complete', attachment_id=attachment_id)

    def volume_attachment_delete(self, ctxt, attachment_id):
        """Disconnect and drop the attachment (volume available again)."""
        return self._prepare('1.2').call(
            ctxt, 'volume_attachment_delete', attachment_id=attachment_id)

    def volume_roll_detaching(self, ctxt, volume_id):
        """A detach failed: detaching -> in-use."""
        return self._prepare('1.2').call(ctxt, 'volume_roll_detaching',
                                         volume_id=volume_id)

    def instance_volumes_release(self, ctxt, instance_uuid):
        """A deleted server's volumes: attachments deleted, volumes with
        delete_on_termination deleted, mappings removed (best effort; the
        ids of volumes left behind are returned)."""
        return self._prepare('1.2').call(ctxt, 'instance_volumes_release',
                                         instance_uuid=instance_uuid)

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

    def volume_migration_completion(self, ctxt, old_volume_id,
                                    new_volume_id, error):
        """After a swap: the volume migration's completion (the old volume
        migrating) or nothing; returns the volume id the mapping keeps."""
        return self._prepare('1.4').call(
            ctxt, 'volume_migration_completion',
            old_volume_id=old_volume_id, new_volume_id=new_volume_id,
            error=error)

    def volume_attachment_create(self, ctxt, volume_id, instance_uuid):
        """A new reserved attachment of the server's volume (no connector
        yet): how a move hands the volume from one host to another."""
        return self._prepare('1.5').call(
            ctxt, 'volume_attachment_create', volume_id=volume_id,
            instance_uuid=instance_uuid)

    def volume_reimage(self, ctxt, volume_id, image_id):
        """Ask the block storage to re-image a rebuilt server's root
        volume (os-reimage); its volume-reimaged event says when done."""
        return self._prepare('1.5').call(
            ctxt, 'volume_reimage', volume_id=volume_id, image_id=image_id)

    # 1.7
    # --- evacuate ------------------------------------------------------------
    def evacuate_instance(self, ctxt, instance_uuid, migration_uuid,
                          host=None, password=None, on_shared_storage=None,
                          target_state=None, force=False):
        """Place a server whose host is down elsewhere (on `host` if
        given; `force`: claimed there without the scheduler's filters)
        and have that compute re-create it."""
        self._prepare('1.7').cast(
            ctxt, 'evacuate_instance', instance_uuid=instance_uuid,
            migration_uuid=migration_uuid, host=host, password=password,
            on_shared_storage=on_shared_storage, target_state=target_state,
            force=force)

    def evacuations_from_host(self, ctxt, host):
        """Evacuation migrations away from `host` not yet cleaned up there
        (accepted, pre-migrating, done), deleted servers included."""
        return self._prepare('1.7').call(ctxt, 'evacuations_from_host',
                                         host=host)

    # --- 1.6: live migration ------------------------------------------------
    def live_migrate_instance(self, ctxt, instance_uuid, request, wait=False):
        """Pre-check, place and start a live migration. `request`: host
        (forced), requested_host (through the scheduler), block_migration.
        With `wait` (before 2.34) the pre-checks' errors raise here."""
        if wait:
            return self._prepare('1.6', timeout=300).call(
                ctxt, 'live_migrate_instance', instance_uuid=instance_uuid,
                request=request)
        self._prepare('1.6').cast(ctxt, 'live_migrate_instance',
                                  instance_uuid=instance_uuid,
                                  request=request)
