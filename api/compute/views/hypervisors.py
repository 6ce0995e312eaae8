"""os-hypervisors response bodies: cpu_info an object from 2.28; uuids
for the node and its service from 2.53; from 2.88 no statistics fields
and no cpu_info, but uptime (None: the fake driver has no host uptime)."""
import json

STATISTICS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
              'memory_mb_used', 'local_gb_used', 'free_ram_mb',
              'free_disk_gb', 'current_workload', 'running_vms',
              'disk_available_least')


def node_id(node, version):
    return node['uuid'] if version >= (2, 53) else node['id']


def _servers(body, servers, with_servers, version):
    if servers:
        body['servers'] = servers
    elif with_servers and version >= (2, 75):
        # From 2.75 an asked-for list is there even when empty.
        body['servers'] = []
    return body


def basic(node, version, servers=None, with_servers=False):
    service = node['service']
    body = {'id': node_id(node, version),
            'hypervisor_hostname': node['hypervisor_hostname'],
            'state': 'up' if service['is_up'] else 'down',
            'status': 'disabled' if service['disabled'] else 'enabled'}
    return _servers(body, servers, with_servers, version)


def _cpu_info(node, version):
    if version < (2, 28):
        # The JSON document as a string.
        return node['cpu_info'] or '{}'
    return json.loads(node['cpu_info']) if node['cpu_info'] else {}


def detail(node, version, servers=None, with_servers=False):
    body = basic(node, version, servers, with_servers)
    for key in ('hypervisor_type', 'hypervisor_version', 'host_ip'):
        body[key] = node[key]
    service = node['service']
    body['service'] = {
        'host': service['host'],
        'id': service['uuid'] if version >= (2, 53) else service['id'],
        'disabled_reason': service['disabled_reason']}
    if version < (2, 88):
        for key in STATISTICS:
            body[key] = node[key]
        body['cpu_info'] = _cpu_info(node, version)
    else:
        body['uptime'] = None
    return body


def statistics(totals):
    return {'hypervisor_statistics': dict(totals)}
