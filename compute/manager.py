"""Compute RPC endpoint: each method runs its operation's flow."""
import oslo_messaging as messaging

from stratus.common import log
from stratus.compute import rpcapi

LOG = log.getLogger(__name__)


class ComputeManager:
    target = messaging.Target(version=rpcapi.ComputeRPCClient.VERSION)

    def __init__(self, host, driver):
        self.host = host
        self.driver = driver

    def init_host(self, ctxt):
        self.driver.init_host(self.host)
        node = self.driver.get_available_resource()
        LOG.info('Compute node %s: %d vCPUs, %d MiB RAM, %d GiB disk (%s)',
                 node.hypervisor_hostname, node.vcpus, node.memory_mb,
                 node.local_gb, node.hypervisor_type)
