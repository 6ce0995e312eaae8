"""GET /limits response body: the network limits go at 2.36, maxImageMeta
at 2.39, the personality limits at 2.57."""


def absolute_limits(limits, usage, version):
    body = {
        'maxTotalInstances': limits['instances'],
        'maxTotalCores': limits['cores'],
        'maxTotalRAMSize': limits['ram'],
        'maxTotalKeypairs': limits['key_pairs'],
        'maxServerMeta': limits['metadata_items'],
        'maxServerGroups': limits['server_groups'],
        'maxServerGroupMembers': limits['server_group_members'],
        'totalInstancesUsed': usage['instances'],
        'totalCoresUsed': usage['cores'],
        'totalRAMUsed': usage['ram'],
        'totalServerGroupsUsed': usage['server_groups'],
    }
    if version < (2, 36):
        # nova-network's, unlimited and unused without it.
        body.update({'maxTotalFloatingIps': -1, 'totalFloatingIpsUsed': 0,
                     'maxSecurityGroups': -1, 'maxSecurityGroupRules': -1,
                     'totalSecurityGroupsUsed': 0})
    if version < (2, 39):
        # nova bounds image metadata by the metadata_items quota too.
        body['maxImageMeta'] = limits['metadata_items']
    if version < (2, 57):
        body['maxPersonality'] = limits['injected_files']
        body['maxPersonalitySize'] = limits['injected_file_content_bytes']
    return body
