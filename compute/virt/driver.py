"""The virt driver contract: what stratus-compute asks of a hypervisor.

Drivers talk in instances (plain dicts); hypervisor ids never leave the
driver. No DB, no RPC. Every method is safe to call again after a crash.
"""
import dataclasses


@dataclasses.dataclass
class NodeResources:
    """What a node has and uses, as the scheduler sees it."""
    hypervisor_hostname: str
    hypervisor_type: str
    hypervisor_version: int
    vcpus: int
    memory_mb: int
    local_gb: int
    vcpus_used: int = 0
    memory_mb_used: int = 0
    local_gb_used: int = 0


class ComputeDriver:
    capabilities = {}

    def init_host(self, host):
        """Prepare the hypervisor connection for `host` before serving."""
        raise NotImplementedError()

    def list_instance_uuids(self):
        """Uuids of the guests this host owns."""
        raise NotImplementedError()

    def get_available_resource(self):
        """A NodeResources of this node, cheap enough to run periodically."""
        raise NotImplementedError()
