"""An in-memory driver for tests and scale benchmarks: guests are dicts,
the node's size comes from the constructor."""
import threading

from stratus.compute.virt import driver


class FakeDriver(driver.ComputeDriver):
    capabilities = {'supports_rescue': True, 'supports_suspend': True}

    def __init__(self, vcpus=32, memory_mb=131072, local_gb=2048):
        self._size = (vcpus, memory_mb, local_gb)
        self._guests = {}
        self._lock = threading.Lock()
        self.host = None

    def init_host(self, host):
        self.host = host

    def list_instance_uuids(self):
        with self._lock:
            return list(self._guests)

    def get_available_resource(self):
        vcpus, memory_mb, local_gb = self._size
        return driver.NodeResources(
            hypervisor_hostname=self.host, hypervisor_type='fake',
            hypervisor_version=1000, vcpus=vcpus, memory_mb=memory_mb,
            local_gb=local_gb)
