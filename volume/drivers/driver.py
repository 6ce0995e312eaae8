"""The volume driver contract (control path only; exports go to a target).

``get_volume_stats`` is the scheduler's input: keys volume_backend_name,
vendor_name, driver_version, storage_protocol and pools, each pool with
pool_name, total_capacity_gb, free_capacity_gb, allocated_capacity_gb,
provisioned_capacity_gb, reserved_percentage, max_over_subscription_ratio,
thin_provisioning_support, thick_provisioning_support and capability keys.
"""


class VolumeDriver:
    def __init__(self, backend_name, configuration):
        self.backend_name = backend_name
        self.configuration = configuration

    def do_setup(self):
        """Connect to the storage; called once before serving."""
        raise NotImplementedError()

    def check_for_setup_error(self):
        """Raise if the backend cannot serve (missing VG, ...)."""
        raise NotImplementedError()

    def get_volume_stats(self, refresh=False):
        raise NotImplementedError()
