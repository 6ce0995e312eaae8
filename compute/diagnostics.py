"""Compute-side answers of the diagnostics calls and injectNetworkInfo.

A driver without diagnostics answers None (the API then says 501): a
NotImplementedError would not cross the RPC boundary as itself."""
from stratus.common import log

LOG = log.getLogger(__name__)

# The standardized (2.48) view's keys.
FIELDS = ('state', 'driver', 'hypervisor', 'hypervisor_os', 'uptime',
          'config_drive', 'num_cpus', 'num_nics', 'num_disks',
          'memory_details', 'cpu_details', 'nic_details', 'disk_details')


def legacy(driver, instance):
    try:
        return driver.get_diagnostics(instance)
    except NotImplementedError:
        return None


def standard(driver, instance):
    try:
        figures = driver.get_instance_diagnostics(instance)
    except NotImplementedError:
        return None
    return {key: figures.get(key) for key in FIELDS}


def inject_network_info(driver, instance):
    LOG.info('Injecting network info', instance=instance)
    driver.inject_network_info(instance)
