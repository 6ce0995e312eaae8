"""Conductor tasks of an evacuation: on failure the server goes to ERROR
(nova's rebuild_server answer to NoValidHost), the migration to error;
the hand-off to the destination compute."""
from stratus.common import context
from stratus.common import flow_engine
from stratus.common import log
from stratus.common import primitives
from stratus.compute import states
from stratus.db.api import instances
from stratus.db.api import migration_records

LOG = log.getLogger(__name__)


class EvacuateErrorOnRevertTask(flow_engine.StratusTask):
    """First task: if no destination is found (or the cast fails) the
    server goes to ERROR with the fault, task_state None, and the
    migration to 'error', as nova's conductor leaves them."""

    def execute(self, instance_uuids, migration):
        pass

    def revert(self, instance_uuids, migration, flow_failures, **kwargs):
        fault = flow_engine.fault_from_failure(flow_failures)
        uuid = instance_uuids[0]
        instances.update(uuid, {'vm_state': states.ERROR,
                                'task_state': None},
                         fault=fault)
        migration_records.update(migration['uuid'], {'status': 'error'})
        LOG.warning('Evacuation failed: %s', fault['message'],
                    instance={'uuid': uuid})


class DispatchEvacuateTask(flow_engine.StratusTask):
    """The destination on the migration, the zone of that host on the
    server, then the destination compute asked to re-create it. Last."""

    def __init__(self, compute_rpc):
        super().__init__()
        self.compute_rpc = compute_rpc

    def execute(self, ctxt, instance_uuids, migration, destinations,
                request):
        dest = destinations[0]
        migration = migration_records.update(migration['uuid'], {
            'dest_compute': dest['host'], 'dest_node': dest['node']})
        instance = instances.update(
            instance_uuids[0],
            {'availability_zone': dest.get('availability_zone')},
            expected_task_state=[states.REBUILDING])
        LOG.info('Evacuating to host %s (migration %s)', dest['host'],
                 migration['uuid'], instance=instance)
        self.compute_rpc.evacuate_instance(
            context.RequestContext.from_dict(ctxt), dest['host'],
            primitives.to_primitive(instance),
            primitives.to_primitive(migration), request['image'],
            request['password'], request['on_shared_storage'],
            request['target_state'])


class ClaimForcedHostTask(flow_engine.StratusTask):
    """A forced destination (nova: a host before 2.29, force true up to
    2.67): no scheduler filters, only the claim on that host's node,
    refused when its capacity cannot take the server (nova's placement
    claim). Revert: nothing; the first tasks release and move back."""
    default_provides = 'destinations'

    def execute(self, instance_uuids, spec):
        from stratus.common import exception
        from stratus.db.api import allocations
        from stratus.db import session
        from stratus.scheduler import host_manager
        from stratus.scheduler import request_spec
        uuid = instance_uuids[0]
        host = spec['requested_destination']['host']
        claim = request_spec.resources(spec)
        with session.writer() as s:
            nodes = [h for h in host_manager.load(
                s, exclude_consumers=[uuid]) if h.host == host]
            fits = [n for n in nodes
                    if claim['vcpus'] <= n.free_vcpus and
                    claim['memory_mb'] <= n.free_memory_mb and
                    claim['disk_gb'] <= n.free_disk_gb]
            if not fits:
                raise exception.NoValidHost(
                    reason='Unable to move instance %s to host %s. There '
                           'is not enough capacity on the host for the '
                           'instance.' % (uuid, host))
            node = fits[0]
            allocations.replace(uuid, node.host, node.node, session=s,
                                **claim)
        LOG.info('Forced to host %s (node %s)', node.host, node.node,
                 instance={'uuid': uuid})
        return [{'host': node.host, 'node': node.node,
                 'availability_zone': node.availability_zone}]
