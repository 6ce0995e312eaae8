"""This node's resources, reported to the conductor (hypervisor views and
the scheduler's capacity)."""
import dataclasses

from stratus.common import log

LOG = log.getLogger(__name__)


def report(ctxt, driver, conductor):
    node = driver.get_available_resource()
    values = dataclasses.asdict(node)
    values['host'] = driver.host
    conductor.compute_node_update(ctxt, values)
    LOG.debug('Reported node %s: %d vCPUs, %d MiB, %d GiB, %d guests',
              node.hypervisor_hostname, node.vcpus, node.memory_mb,
              node.local_gb, node.running_vms)
    return node
