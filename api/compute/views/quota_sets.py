"""os-quota-sets and limits response bodies (2.1).

Before 2.36 the quota set still names nova-network's resources; without
nova-network they are unlimited (-1), as nova shows them.
"""

_LEGACY = {'fixed_ips': -1, 'floating_ips': -1, 'security_groups': -1,
           'security_group_rules': -1}


def quota_set(limits, project_id=None):
    body = dict(limits)
    body.update(_LEGACY)
    if project_id is not None:
        body['id'] = project_id
    return body


def quota_set_detail(limits, usage, project_id):
    body = {name: {'limit': limit, 'in_use': usage.get(name, 0),
                   'reserved': 0}
            for name, limit in quota_set(limits).items()}
    body['id'] = project_id
    return body

