"""os-hypervisors response bodies (2.1: integer ids, cpu_info a string)."""


def basic(node):
    service = node['service']
    return {'id': node['id'],
            'hypervisor_hostname': node['hypervisor_hostname'],
            'state': 'up' if service['is_up'] else 'down',
            'status': 'disabled' if service['disabled'] else 'enabled'}


def detail(node):
    body = basic(node)
    for key in ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used',
                'memory_mb_used', 'local_gb_used', 'hypervisor_type',
                'hypervisor_version', 'free_ram_mb', 'free_disk_gb',
                'current_workload', 'running_vms', 'disk_available_least',
                'host_ip'):
        body[key] = node[key]
    # Before 2.28 cpu_info is the JSON document as a string.
    body['cpu_info'] = node['cpu_info'] or '{}'
    service = node['service']
    body['service'] = {'host': service['host'], 'id': service['id'],
                       'disabled_reason': service['disabled_reason']}
    return body


def with_servers(node, servers):
    body = basic(node)
    if servers:
        # Before 2.53 the key is left out when the node has no servers.
        body['servers'] = servers
    return body


def statistics(totals):
    return {'hypervisor_statistics': dict(totals)}
