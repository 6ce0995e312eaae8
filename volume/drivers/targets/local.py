"""LocalTarget: the consumer runs on this host and opens the block device."""
from stratus.volume.drivers.targets import base


class LocalTarget(base.Target):
    protocol = 'local'

    def ensure_export(self, volume, device_path):
        pass

    def create_export(self, volume, device_path):
        return None

    def remove_export(self, volume):
        pass

    def initialize_connection(self, volume, device_path, connector):
        return {'driver_volume_type': 'local',
                'data': {'device_path': device_path,
                         'volume_id': volume['id']}}

    def terminate_connection(self, volume, connector):
        pass
