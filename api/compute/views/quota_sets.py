"""os-quota-sets response bodies.

Before 2.36 the quota set still names nova-network's resources; without
nova-network they are unlimited (-1), as nova shows them. 2.57 drops the
personality file quotas.
"""

_LEGACY = {'fixed_ips': -1, 'floating_ips': -1, 'security_groups': -1,
           'security_group_rules': -1}
PERSONALITY = ('injected_files', 'injected_file_content_bytes',
               'injected_file_path_bytes')


def quota_set(limits, version, project_id=None):
    body = dict(limits)
    if version < (2, 36):
        body.update(_LEGACY)
    if version >= (2, 57):
        for name in PERSONALITY:
            body.pop(name, None)
    if project_id is not None:
        body['id'] = project_id
    return body


def quota_set_detail(limits, usage, version, project_id):
    body = {name: {'limit': limit, 'in_use': usage.get(name, 0),
                   'reserved': 0}
            for name, limit in quota_set(limits, version).items()}
    body['id'] = project_id
    return body
