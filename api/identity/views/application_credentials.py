"""Application credential and access rule bodies (keystone's samples)."""
from stratus.api import timefmt
from stratus.api.identity import common


def access_rule(row, links=True):
    """Inside a credential the rules carry no links (as keystone's)."""
    body = {k: row[k] for k in ('id', 'service', 'path', 'method')}
    if links:
        body['links'] = common.self_link('access_rules/%s' % row['id'])
    return body


def application_credential(row, secret=None):
    body = {
        'id': row['id'], 'name': row['name'],
        'description': row['description'],
        'expires_at': timefmt.iso_us(row['expires_at']),
        'project_id': row['project_id'],
        # keystone's body is its whole table row: the owner and the (never
        # set here) system scope come along.
        'user_id': row['user_id'], 'system': None,
        'roles': [dict(r) for r in row['roles']],
        'unrestricted': row['unrestricted'],
        'links': common.self_link('users/%s/application_credentials/%s' % (
            row['user_id'], row['id'])),
    }
    if row['access_rules']:
        # keystone leaves the key out when there are none
        body['access_rules'] = [access_rule(r, links=False)
                                for r in row['access_rules']]
    if secret is not None:
        body['secret'] = secret
    return body
