"""Loads the host states of one request from the database: compute nodes,
their stratus-compute service records, allocations and instances, in a few
queries whatever the number of hosts."""
import sqlalchemy as sa

from stratus.common.conf import CONF
from stratus.db.api import aggregates as db_aggregates
from stratus.db.api import allocations
from stratus.db.api import services as db_services
from stratus.db import models
from stratus.scheduler import host_state

COMPUTE_BINARY = 'stratus-compute'


def _nodes_with_services(s):
    query = sa.select(models.ComputeNode, models.Service).outerjoin(
        models.Service, sa.and_(models.Service.host == models.ComputeNode.host,
                                models.Service.binary == COMPUTE_BINARY)
    ).order_by(models.ComputeNode.host, models.ComputeNode.hypervisor_hostname)
    return [(node.to_dict(), service.to_dict() if service else None)
            for node, service in s.execute(query)]


def _instances_by_host(s):
    """{host: [(uuid, node), ...]} of the instances placed on a host."""
    query = sa.select(models.Instance.uuid, models.Instance.host,
                      models.Instance.node).where(
        models.Instance.deleted.is_(False),
        models.Instance.host.is_not(None))
    result = {}
    for uuid, host, node in s.execute(query):
        result.setdefault(host, []).append((uuid, node))
    return result


def _service_fields(service, now):
    if service is None:
        return {'has_service': False, 'service_up': False,
                'availability_zone': CONF.default_availability_zone}
    return {'has_service': True,
            'service_up': db_services.is_up(service, now),
            'service_disabled': service['disabled'],
            'disabled_reason': service['disabled_reason'],
            'availability_zone': (service['availability_zone'] or
                                  CONF.default_availability_zone)}


def load(s, *, exclude_consumers=()):
    """HostStates of every compute node, as of session `s`.

    Allocations of `exclude_consumers` are not counted: the caller is about
    to replace them.
    """
    ratios = (CONF.cpu_allocation_ratio, CONF.ram_allocation_ratio,
              CONF.disk_allocation_ratio)
    usage = allocations.usage_by_node(exclude_consumers=exclude_consumers,
                                      session=s)
    consumers = allocations.consumers_by_node(
        exclude_consumers=exclude_consumers, session=s)
    placed = _instances_by_host(s)
    now = models.utcnow()
    metadata = db_aggregates.metadata_by_host(s)
    states = []
    for node, service in _nodes_with_services(s):
        name = node['hypervisor_hostname']
        instances = set(consumers.get(name, ()))
        instances.update(uuid for uuid, on in placed.get(node['host'], ())
                         if on in (None, name))
        states.append(host_state.HostState(
            node['host'], name, uuid=node['uuid'],
            hypervisor_type=node['hypervisor_type'],
            hypervisor_version=node['hypervisor_version'],
            cpu_info=host_state.parse_cpu_info(node['cpu_info']),
            vcpus=node['vcpus'], memory_mb=node['memory_mb'],
            disk_gb=node['local_gb'], used=usage.get(name), ratios=ratios,
            instances=instances, **_service_fields(service, now)))
        _with_aggregates(states[-1], metadata.get(node['host'], {}))
    return states


def _with_aggregates(state, metadata):
    """The metadata of the host's aggregates ({key: {values}}, what nova's
    filters read), and its zone from them (nova: an aggregate's
    availability_zone, else the default zone)."""
    state.aggregate_metadata = metadata
    zones = metadata.get(db_aggregates.AZ_KEY)
    if zones:
        state.availability_zone = ','.join(sorted(zones))
        state.availability_zones = set(zones)
    else:
        state.availability_zones = {state.availability_zone}


def group_hosts(s, group_uuid, *, exclude=()):
    """Hosts where the server group's members hold resources or run, other
    than the instances in `exclude` (the ones being scheduled)."""
    members = sa.select(models.ServerGroupMember.instance_uuid).join(
        models.ServerGroup,
        models.ServerGroup.id == models.ServerGroupMember.group_id).where(
        models.ServerGroup.uuid == group_uuid)
    if exclude:
        members = members.where(
            models.ServerGroupMember.instance_uuid.not_in(list(exclude)))
    claimed = sa.select(models.Allocation.host).where(
        models.Allocation.consumer_uuid.in_(members))
    running = sa.select(models.Instance.host).where(
        models.Instance.uuid.in_(members),
        models.Instance.deleted.is_(False),
        models.Instance.host.is_not(None))
    return {host for (host,) in s.execute(sa.union(claimed, running))}
