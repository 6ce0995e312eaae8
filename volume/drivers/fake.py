"""In-memory backend for tests and scale benchmarks; capacity from config."""
from stratus.volume.drivers import driver


class FakeDriver(driver.VolumeDriver):
    TOTAL_GB = 1000

    def do_setup(self):
        self.volumes = {}

    def check_for_setup_error(self):
        pass

    def get_volume_stats(self, refresh=False):
        allocated = sum(v['size'] for v in self.volumes.values())
        backend = self.configuration.volume_backend_name or self.backend_name
        return {
            'volume_backend_name': backend, 'vendor_name': 'stratus',
            'driver_version': '1.0', 'storage_protocol': 'local',
            'pools': [{
                'pool_name': backend,
                'total_capacity_gb': self.TOTAL_GB,
                'free_capacity_gb': self.TOTAL_GB - allocated,
                'allocated_capacity_gb': allocated,
                'provisioned_capacity_gb': allocated,
                'reserved_percentage': 0,
                'max_over_subscription_ratio': 1.0,
                'thin_provisioning_support': False,
                'thick_provisioning_support': True,
            }],
        }
