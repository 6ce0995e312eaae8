"""GET /limits response body (2.1)."""


def absolute_limits(limits, usage):
    return {
        'maxTotalInstances': limits['instances'],
        'maxTotalCores': limits['cores'],
        'maxTotalRAMSize': limits['ram'],
        'maxTotalKeypairs': limits['key_pairs'],
        'maxServerMeta': limits['metadata_items'],
        # Image metadata is glance's; nova shows its fixed default.
        'maxImageMeta': 128,
        'maxPersonality': limits['injected_files'],
        'maxPersonalitySize': limits['injected_file_content_bytes'],
        'maxServerGroups': limits['server_groups'],
        'maxServerGroupMembers': limits['server_group_members'],
        'totalInstancesUsed': usage['instances'],
        'totalCoresUsed': usage['cores'],
        'totalRAMUsed': usage['ram'],
        'totalServerGroupsUsed': usage['server_groups'],
        'maxTotalFloatingIps': -1,
        'totalFloatingIpsUsed': 0,
        'maxSecurityGroups': -1,
        'maxSecurityGroupRules': -1,
        'totalSecurityGroupsUsed': 0,
    }

