"""Target: the data-path half of a driver, how a volume's block device
reaches its consumer. Five methods, after cinder's targets."""


class Target:
    # storage_protocol reported to the scheduler; driver_volume_type of the
    # connection info.
    protocol = None

    def ensure_export(self, volume, device_path):
        """Make sure an export made before a restart exists again."""
        raise NotImplementedError()

    def create_export(self, volume, device_path):
        """Export the device; idempotent. Returns a model update or None."""
        raise NotImplementedError()

    def remove_export(self, volume):
        """Stop exporting; a missing export is a no-op."""
        raise NotImplementedError()

    def initialize_connection(self, volume, device_path, connector):
        """{'driver_volume_type': protocol, 'data': {...}} for `connector`."""
        raise NotImplementedError()

    def terminate_connection(self, volume, connector):
        raise NotImplementedError()
