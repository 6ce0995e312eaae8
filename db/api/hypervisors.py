"""Compute nodes as the hypervisor API shows them: each with its compute
service, what is allocated on it and the servers on it.

Used amounts come from the allocations table, which is what the scheduler
counts, not from the node's own report; running_vms counts the live
instances whose node is this one.
"""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import services as db_services

COMPUTE_BINARY = 'stratus-compute'
STATISTICS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
              'memory_mb_used', 'local_gb_used', 'free_ram_mb',
              'free_disk_gb', 'current_workload', 'running_vms',
              'disk_available_least')


def _services(s):
    now = models.utcnow()
    rows = s.scalars(sa.select(models.Service).filter_by(
        binary=COMPUTE_BINARY))
    return {row.host: {'id': row.id, 'uuid': row.uuid, 'host': row.host,
                       'disabled': row.disabled,
                       'disabled_reason': row.disabled_reason,
                       'is_up': db_services.is_up(row.to_dict(), now)}
            for row in rows}


def _allocated(s):
    a = models.Allocation
    rows = s.execute(sa.select(a.node, sa.func.sum(a.vcpus),
                               sa.func.sum(a.memory_mb),
                               sa.func.sum(a.disk_gb)).group_by(a.node))
    return {node: (int(v or 0), int(m or 0), int(d or 0))
            for node, v, m, d in rows}


def _running(s):
    i = models.Instance
    rows = s.execute(sa.select(i.node, sa.func.count(i.id)).where(
        i.deleted.is_(False), i.node.is_not(None)).group_by(i.node))
    return dict(rows.all())


def _nodes(s, query):
    """Nodes of `query` that have a compute service (a node whose service
    was deleted is not shown, as in nova), with usage and service."""
    services = _services(s)
    allocated = _allocated(s)
    running = _running(s)
    result = []
    for row in s.scalars(query.order_by(models.ComputeNode.id)):
        if row.host not in services:
            continue
        node = row.to_dict()
        used = allocated.get(row.hypervisor_hostname, (0, 0, 0))
        node['vcpus_used'], node['memory_mb_used'], node['local_gb_used'] = \
            used
        node['free_ram_mb'] = node['memory_mb'] - node['memory_mb_used']
        node['free_disk_gb'] = node['local_gb'] - node['local_gb_used']
        node['disk_available_least'] = node['free_disk_gb']
        node['current_workload'] = 0
        node['running_vms'] = running.get(row.hypervisor_hostname, 0)
        node['service'] = services[row.host]
        result.append(node)
    return result


def node_list(pattern=None):
    """Every node, or those whose hypervisor_hostname contains `pattern`
    (case-insensitive, like SQL LIKE '%pattern%' in nova)."""
    with session.reader() as s:
        nodes = _nodes(s, sa.select(models.ComputeNode))
    if pattern is not None:
        nodes = [n for n in nodes
                 if pattern.lower() in n['hypervisor_hostname'].lower()]
    return nodes


def node_get(node_id):
    """The node of integer id `node_id` (a string of digits is accepted)
    or, when it is not a number, of that uuid."""
    if isinstance(node_id, str) and node_id.isdigit():
        node_id = int(node_id)
    column = models.ComputeNode.id if isinstance(node_id, int) \
        else models.ComputeNode.uuid
    with session.reader() as s:
        nodes = _nodes(s, sa.select(models.ComputeNode).where(
            column == node_id))
    if not nodes:
        raise exception.HypervisorNotFound(hypervisor_id=node_id)
    return nodes[0]


def servers_on(node_names):
    """{node name: [{'uuid', 'name'}]} of the live instances on them."""
    i = models.Instance
    result = {name: [] for name in node_names}
    with session.reader() as s:
        rows = s.execute(sa.select(i.node, i.uuid, i.display_name).where(
            i.deleted.is_(False), i.node.in_(list(node_names))).order_by(
            i.id))
        for node, uuid, name in rows:
            result[node].append({'uuid': uuid, 'name': name})
    return result


def statistics():
    """Sums over every shown node, plus their count."""
    nodes = node_list()
    totals = {key: sum(n[key] for n in nodes) for key in STATISTICS}
    totals['count'] = len(nodes)
    return totals
