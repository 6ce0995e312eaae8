"""Trust bodies of /v3/OS-TRUST (keystone's: every stored attribute,
extras included; roles in full only on one trust)."""
from stratus.api import timefmt
from stratus.api.identity import common
from stratus.api.identity.views import resources

_KEYS = ('id', 'trustor_user_id', 'trustee_user_id', 'project_id',
         'impersonation', 'remaining_uses', 'redelegated_trust_id',
         'redelegation_count')


def _time(value):
    return None if value is None else timefmt.iso_us_z(value)


def roles_links(trust_id):
    return {'self': '%s/OS-TRUST/trusts/%s/roles' % (common.base_url(),
                                                     trust_id),
            'previous': None, 'next': None}


def trust(row, roles=None):
    """`roles`: the role rows to show in full; None leaves them out (a
    listing)."""
    body = dict(row.get('extra') or {})
    body.update({k: row[k] for k in _KEYS})
    body['expires_at'] = _time(row['expires_at'])
    body['deleted_at'] = _time(row['deleted_at'])
    body['links'] = common.self_link('OS-TRUST/trusts/%s' % row['id'])
    if roles is not None:
        body['roles'] = [resources.role(r) for r in roles]
        body['roles_links'] = roles_links(row['id'])
    return body
