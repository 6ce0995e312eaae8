"""Domain, project, user, role and role-assignment bodies (keystone v3)."""
from stratus.api.identity import common


def domain(row):
    return {'id': row['id'], 'name': row['name'],
            'description': row['description'] or '',
            'enabled': row['enabled'], 'tags': [], 'options': {},
            'links': common.self_link('domains/%s' % row['id'])}


def project(row):
    # Top-level projects have their domain as parent, as in keystone.
    # Extra attributes come first: the known ones always win.
    body = dict(row.get('extra') or {})
    body.update({'id': row['id'], 'name': row['name'],
                 'domain_id': row['domain_id'],
                 'description': row['description'] or '',
                 'enabled': row['enabled'], 'parent_id': row['domain_id'],
                 'is_domain': False, 'tags': row.get('tags', []),
                 'options': {},
                 'links': common.self_link('projects/%s' % row['id'])})
    return body


def domain_as_project(row):
    """A domain as keystone lists it among projects (?is_domain=true)."""
    return {'id': row['id'], 'name': row['name'], 'domain_id': None,
            'description': row['description'] or '',
            'enabled': row['enabled'], 'parent_id': None,
            'is_domain': True, 'tags': [], 'options': {},
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
    return {'id': row['id'], 'name': row['name'],
            'domain_id': row.get('domain_id'),
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


def _assignment_link(a, actor, actor_id):
    """The grant an entry stands for: a group's for an entry expanded from
    a group, the prior role's for an implied role."""
    indirect = a.get('indirect', {})
    path = '%ss/%s' % (a['target_type'], a['target_id'])
    if a['target_type'] == 'system':
        path = 'system'
    if 'domain_id' in indirect:
        # Inherited from a domain: the grant is the domain's.
        path = 'domains/%s' % indirect['domain_id']
    if 'group_id' in indirect:
        path += '/groups/%s' % indirect['group_id']
    else:
        path += '/%ss/%s' % (actor, actor_id)
    path += '/roles/%s' % indirect.get('role_id', a['role_id'])
    if _inherited(a):
        path = 'OS-INHERIT/%s/inherited_to_projects' % path
    return '%s/%s' % (common.base_url(), path)


def _inherited(a):
    return a.get('inherited_to') == 'projects' or \
        'domain_id' in a.get('indirect', {})


def role_assignment(a, names=None):
    """One entry of GET /v3/role_assignments; `names` for include_names."""
    target = a['target_type']
    actor = 'user' if a.get('user_id') else 'group'
    actor_id = a[actor + '_id']
    indirect = a.get('indirect', {})
    links = {'assignment': _assignment_link(a, actor, actor_id)}
    if 'group_id' in indirect:
        links['membership'] = '%s/groups/%s/users/%s' % (
            common.base_url(), indirect['group_id'], actor_id)
    if 'role_id' in indirect:
        # Keystone's own path, implied role first.
        links['prior_role'] = '%s/prior_role/%s/implies/%s' % (
            common.base_url(), a['role_id'], indirect['role_id'])
    scope = {target: {'id': a['target_id']}}
    if target == 'system':
        scope = {'system': {'all': True}}
    body = {'role': {'id': a['role_id']}, actor: {'id': actor_id},
            'scope': scope, 'links': links}
    if _inherited(a):
        body['scope']['OS-INHERIT:inherited_to'] = 'projects'
    if names is not None:
        _named(body['role'], 'role', names, with_domain=True)
        _named(body[actor], actor, names, with_domain=True)
        if target != 'system':
            _named(body['scope'][target], target, names,
                   with_domain=target == 'project')
    return body
