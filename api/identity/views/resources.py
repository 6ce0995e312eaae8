"""Domain, project, user, role and role-assignment bodies (keystone v3)."""
from stratus.api.identity import common


def domain(row):
    return {'id': row['id'], 'name': row['name'],
            'description': row['description'] or '',
            'enabled': row['enabled'], 'tags': [], 'options': {},
            'links': common.self_link('domains/%s' % row['id'])}


def project(row):
    # Top-level projects have their domain as parent, as in keystone.
    return {'id': row['id'], 'name': row['name'],
            'domain_id': row['domain_id'],
            'description': row['description'] or '',
            'enabled': row['enabled'], 'parent_id': row['domain_id'],
            'is_domain': False, 'tags': [], 'options': {},
            'links': common.self_link('projects/%s' % row['id'])}


def user(row):
    body = {'id': row['id'], 'name': row['name'],
            'domain_id': row['domain_id'], 'enabled': row['enabled'],
            'password_expires_at': None, 'options': {},
            'links': common.self_link('users/%s' % row['id'])}
    # Keystone shows these only once they are set.
    for key in ('default_project_id', 'email', 'description'):
        if row.get(key) is not None:
            body[key] = row[key]
    return body


def role(row):
    return {'id': row['id'], 'name': row['name'], 'domain_id': None,
            'description': row['description'], 'options': {},
            'links': common.self_link('roles/%s' % row['id'])}


def _named(ref, kind, names, with_domain):
    known = names.get((kind, ref['id']))
    if known is None:
        return ref
    ref['name'] = known['name']
    if with_domain and known['domain_id']:
        domain = names.get(('domain', known['domain_id']))
        ref['domain'] = {'id': known['domain_id'],
                         'name': domain['name'] if domain else None}
    return ref


def role_assignment(a, names=None):
    """One entry of GET /v3/role_assignments; `names` for include_names."""
    target = a['target_type']
    body = {'role': {'id': a['role_id']}, 'user': {'id': a['user_id']},
            'scope': {target: {'id': a['target_id']}},
            'links': {'assignment': '%s/%ss/%s/users/%s/roles/%s' % (
                common.base_url(), target, a['target_id'], a['user_id'],
                a['role_id'])}}
    if names is not None:
        _named(body['role'], 'role', names, with_domain=False)
        _named(body['user'], 'user', names, with_domain=True)
        _named(body['scope'][target], target, names,
               with_domain=target == 'project')
    return body
