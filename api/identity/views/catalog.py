"""Service, endpoint and region bodies (keystone v3)."""
from stratus.api.identity import common


def service(row):
    return {'id': row['id'], 'type': row['type'], 'name': row['name'],
            'description': row['description'], 'enabled': row['enabled'],
            'links': common.self_link('services/%s' % row['id'])}


def endpoint(row):
    return {'id': row['id'], 'interface': row['interface'],
            'region': row['region_id'], 'region_id': row['region_id'],
            'service_id': row['service_id'], 'url': row['url'],
            'enabled': row['enabled'],
            'links': common.self_link('endpoints/%s' % row['id'])}


def region(row):
    return {'id': row['id'], 'description': row['description'] or '',
            'parent_region_id': row['parent_region_id'],
            'links': common.self_link('regions/%s' % row['id'])}
