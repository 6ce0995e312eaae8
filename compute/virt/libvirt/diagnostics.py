"""A libvirt guest's figures, read from the domain's own statistics: the
driver's flat dict (pre-2.48 diagnostics) and the standardized view."""
import xml.etree.ElementTree as ET

from stratus.common.conf import CONF
from stratus.compute import states


def _devices(guest):
    """(disk target devs, [(interface target dev, mac)]) of the domain."""
    root = ET.fromstring(guest.xml_desc())
    disks = [t.get('dev') for t in root.findall('./devices/disk/target')
             if t.get('dev')]
    nics = []
    for iface in root.findall('./devices/interface'):
        target, mac = iface.find('target'), iface.find('mac')
        if target is not None and target.get('dev'):
            nics.append((target.get('dev'),
                         mac.get('address') if mac is not None else None))
    return disks, nics


def _vcpu_times(guest):
    try:
        return [(cpu[0], cpu[2]) for cpu in guest._call('vcpus', 'vcpus')[0]]
    except Exception:
        # An inactive domain has no vcpu figures.
        return []


def _memory(guest):
    try:
        return guest._call('memoryStats', 'memoryStats') or {}
    except Exception:
        return {}


def legacy(guest):
    """nova's libvirt dict: cpuN_time, <dev>_read..., memory, <nic>_rx..."""
    info = guest._call('info', 'info')
    figures = {'cpu%d_time' % cpu: time for cpu, time in _vcpu_times(guest)}
    disks, nics = _devices(guest)
    for dev in disks:
        stats = guest._call('blockStats', 'blockStats', dev)
        figures.update({dev + '_read_req': stats[0], dev + '_read': stats[1],
                        dev + '_write_req': stats[2],
                        dev + '_write': stats[3], dev + '_errors': stats[4]})
    figures['memory'] = info[1]
    figures.update({'memory-' + key: value
                    for key, value in _memory(guest).items()})
    for dev, _mac in nics:
        stats = guest._call('interfaceStats', 'interfaceStats', dev)
        for index, name in enumerate(('rx', 'rx_packets', 'rx_errors',
                                      'rx_drop', 'tx', 'tx_packets',
                                      'tx_errors', 'tx_drop')):
            figures['%s_%s' % (dev, name)] = stats[index]
    return figures


def standard(guest, config_drive=False):
    """The 2.48 view: the keys of compute/diagnostics.FIELDS."""
    info = guest._call('info', 'info')
    disks, nics = _devices(guest)
    disk_details = []
    for dev in disks:
        stats = guest._call('blockStats', 'blockStats', dev)
        disk_details.append({'read_requests': stats[0],
                             'read_bytes': stats[1],
                             'write_requests': stats[2],
                             'write_bytes': stats[3],
                             'errors_count': stats[4]})
    nic_details = []
    for dev, mac in nics:
        stats = guest._call('interfaceStats', 'interfaceStats', dev)
        nic_details.append({
            'mac_address': mac, 'rx_octets': stats[0],
            'rx_packets': stats[1], 'rx_errors': stats[2],
            'rx_drop': stats[3], 'rx_rate': None, 'tx_octets': stats[4],
            'tx_packets': stats[5], 'tx_errors': stats[6],
            'tx_drop': stats[7], 'tx_rate': None})
    memory = _memory(guest)
    return {
        'state': states.POWER_STATE_NAMES.get(guest.power_state(),
                                              'pending'),
        'driver': 'libvirt', 'hypervisor': CONF.libvirt.virt_type,
        'hypervisor_os': 'linux', 'uptime': None,
        'config_drive': config_drive, 'num_cpus': info[3],
        'num_nics': len(nic_details), 'num_disks': len(disk_details),
        'cpu_details': [{'id': cpu, 'time': time, 'utilisation': None}
                        for cpu, time in _vcpu_times(guest)],
        'nic_details': nic_details, 'disk_details': disk_details,
        'memory_details': {'maximum': info[1] // 1024,
                           'used': memory['actual'] // 1024
                           if 'actual' in memory else None}}
