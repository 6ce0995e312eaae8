"""Volume RPC endpoint for one backend: each method runs its flow."""
import oslo_messaging as messaging

from stratus.common import log
from stratus.volume import rpcapi

LOG = log.getLogger(__name__)


class VolumeManager:
    target = messaging.Target(version=rpcapi.VolumeRPCClient.VERSION)

    def __init__(self, host, driver):
        self.host = host            # host@backend
        self.driver = driver

    def init_host(self, ctxt):
        self.driver.do_setup()
        self.driver.check_for_setup_error()
        stats = self.driver.get_volume_stats(refresh=True)
        for pool in stats['pools']:
            LOG.info('Backend %s pool %s: %s GiB total, %s GiB free',
                     self.host, pool['pool_name'], pool['total_capacity_gb'],
                     pool['free_capacity_gb'])
