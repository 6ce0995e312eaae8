"""OS-EP-FILTER bodies (keystone v3)."""
from stratus.api.identity import common


def endpoint_group(row):
    return {'id': row['id'], 'name': row['name'],
            'description': row['description'], 'filters': row['filters'],
            'links': common.self_link(
                'OS-EP-FILTER/endpoint_groups/%s' % row['id'])}


def project_endpoint_group(row):
    # Keystone's link here is a bare path, not a URL.
    return {'endpoint_group_id': row['endpoint_group_id'],
            'project_id': row['project_id'],
            'links': {'self': '/OS-EP-FILTER/endpoint_groups/%s/projects/%s'
                              % (row['endpoint_group_id'],
                                 row['project_id'])}}
