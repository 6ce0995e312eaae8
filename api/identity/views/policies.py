"""Policy bodies and OS-ENDPOINT-POLICY's endpoint lists (keystone v3)."""
from stratus.api.identity import common


def policy(row, collection='policies'):
    body = dict(row.get('extra') or {})
    body.update({'id': row['id'], 'blob': row['blob'], 'type': row['type'],
                 'links': common.self_link('%s/%s' % (collection,
                                                      row['id']))})
    return body


def endpoint_policy(row):
    """GET /v3/endpoints/{id}/OS-ENDPOINT-POLICY/policy: keystone links
    the policy below /v3/endpoints (its id in an endpoint's place)."""
    return policy(row, collection='endpoints')


def policy_endpoint(row):
    # Keystone lists these without the legacy `region` key.
    return {'id': row['id'], 'interface': row['interface'],
            'region_id': row['region_id'], 'service_id': row['service_id'],
            'url': row['url'], 'enabled': row['enabled'],
            'links': common.self_link('endpoints/%s' % row['id'])}
