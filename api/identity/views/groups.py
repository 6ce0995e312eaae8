"""Group and role inference bodies (keystone v3)."""
from stratus.api.identity import common


def group(row, membership=False):
    body = dict(row.get('extra') or {})
    body.update({'id': row['id'], 'name': row['name'],
                 'domain_id': row['domain_id'],
                 'description': row['description'],
                 'links': common.self_link('groups/%s' % row['id'])})
    if membership:
        # GET /v3/users/{id}/groups; memberships here never expire.
        body['membership_expires_at'] = None
    return body


def _role_ref(role):
    return {'id': role['id'], 'name': role['name'],
            'links': common.self_link('roles/%s' % role['id'])}


def inference(prior, implies):
    """A role_inference: `implies` is one role or a list of roles."""
    if isinstance(implies, list):
        implied = [_role_ref(r) for r in implies]
    else:
        implied = _role_ref(implies)
    return {'prior_role': _role_ref(prior), 'implies': implied}
