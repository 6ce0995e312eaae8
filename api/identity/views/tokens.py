"""The token body of POST/GET /v3/auth/tokens."""
from stratus.api import timefmt


def _ref(entity_id, name, domain_id, domain_name):
    return {'id': entity_id, 'name': name,
            'domain': {'id': domain_id, 'name': domain_name}}


def token(info, catalog=None, service_providers=None):
    """`info` is tokens.token_data(); `catalog` None leaves it out.
    keystone lists the enabled service providers on every token."""
    body = {
        'methods': info['methods'],
        'user': dict(_ref(info['user_id'], info['user_name'],
                          info['user_domain_id'], info['user_domain_name']),
                     password_expires_at=None),
        'audit_ids': info['audit_ids'],
        'expires_at': timefmt.iso_us_z(info['expires_at']),
        'issued_at': timefmt.iso_us_z(info['issued_at']),
    }
    if info['project_id']:
        body['project'] = _ref(info['project_id'], info['project_name'],
                               info['project_domain_id'],
                               info['project_domain_name'])
        body['is_domain'] = False
    elif info['domain_id']:
        body['domain'] = {'id': info['domain_id'],
                          'name': info['domain_name']}
    elif info.get('system_scope'):
        body['system'] = {'all': True}
    if info.get('trust'):
        trust = info['trust']
        body['OS-TRUST:trust'] = {
            'id': trust['id'], 'impersonation': trust['impersonation'],
            'trustor_user': {'id': trust['trustor_user_id']},
            'trustee_user': {'id': trust['trustee_user_id']}}
        # Keystone's trust-scoped token has no is_domain.
        body.pop('is_domain', None)
    if info['project_id'] or info['domain_id'] or info.get('system_scope'):
        body['roles'] = info['role_refs']
        if catalog is not None:
            body['catalog'] = catalog
    cred = info.get('application_credential')
    if cred is not None:
        body['application_credential'] = {
            'id': cred['id'], 'name': cred['name'],
            'restricted': not cred['unrestricted']}
        if cred['access_rules']:
            body['application_credential']['access_rules'] = [
                dict(r) for r in cred['access_rules']]
    if info.get('oauth1'):
        body['OS-OAUTH1'] = dict(info['oauth1'])
    if service_providers:
        body['service_providers'] = service_providers
    return {'token': body}
