"""POST /v3/auth/tokens: who is authenticating, and for which scope.

Every failure to prove identity or to reach the scope is the same 401 as
keystone gives, so a caller cannot tell a wrong password from an unknown
user or a project it may not see. Malformed requests are 400s naming the
field.
"""
from stratus.api.identity import app_cred_auth
from stratus.api.identity import federation_auth
from stratus.api.identity import oauth1_auth
from stratus.api.identity import trust_auth
from stratus.common import exception
from stratus.db.api import assignments
from stratus.db.api import identity
from stratus.db.api import system_assignments
from stratus.db.api import tokens

# keystone's default [auth] methods, in its order (no `external` here).
METHODS = ('password', 'token', oauth1_auth.METHOD, 'mapped',
           app_cred_auth.METHOD)


def _invalid(field, reason):
    return exception.ValidationError(field=field, reason=reason)


def _domain_ref(ref, field):
    """(domain_id, domain_name) of a {"id"} or {"name"} reference."""
    if not isinstance(ref, dict) or not (ref.get('id') or ref.get('name')):
        raise _invalid(field, 'Expecting to find id or name in domain.')
    return ref.get('id'), (None if ref.get('id') else ref['name'])


def _password_user(block):
    user = block['user']
    field = 'auth/identity/password/user'
    if user.get('id'):
        found = identity.check_password(user['password'], user_id=user['id'])
    elif user.get('name'):
        if 'domain' not in user:
            raise _invalid(field, 'Expecting to find domain in user.')
        domain_id, domain_name = _domain_ref(user['domain'],
                                             field + '/domain')
        found = identity.check_password(
            user['password'], name=user['name'], domain_id=domain_id,
            domain_name=domain_name)
    else:
        raise _invalid(field, 'Expecting to find id or name in user.')
    return found['id']


def identify(identity_doc):
    """(user_id, methods, parent token data or None, application
    credential or None) of the identity block."""
    methods = identity_doc['methods']
    for method in methods:
        if method not in METHODS:
            raise exception.NotAuthenticated(
                'Attempted to authenticate with an unsupported method.')
        if method not in identity_doc:
            raise _invalid('auth/identity',
                           'Expecting to find %s in identity.' % method)
    if oauth1_auth.METHOD in methods:
        # The signed request alone says who: issue() takes it from here.
        return None, [oauth1_auth.METHOD], None, None
    if 'mapped' in methods:
        # No federated identity reaches stratus: keystone's refusals.
        federation_auth.mapped_method(identity_doc['mapped'])
    user_ids = set()
    parent = None
    result = []
    if 'token' in methods:
        parent = tokens.token_data(identity_doc['token']['id'])
        user_ids.add(parent['user_id'])
        result = ['token'] + parent['methods']
    if 'password' in methods:
        user_ids.add(_password_user(identity_doc['password']))
        result.append('password')
    cred = parent.get('application_credential') if parent else None
    if app_cred_auth.METHOD in methods:
        user_id, cred = app_cred_auth.authenticate(
            identity_doc[app_cred_auth.METHOD])
        user_ids.add(user_id)
        result.append(app_cred_auth.METHOD)
    if len(user_ids) != 1:
        # Two methods proving two different users prove nothing.
        raise exception.NotAuthenticated()
    return user_ids.pop(), list(dict.fromkeys(result)), parent, cred


def _lookup(find, **kwargs):
    """An entity the caller named in the scope; 401 when it is missing."""
    try:
        return find(**kwargs)
    except exception.NotFound:
        raise exception.NotAuthenticated()


def _project_request(ref):
    """Keyword arguments of identity.find_project for a project scope."""
    field = 'auth/scope/project'
    if ref.get('id'):
        return {'project_id': ref['id']}
    if not ref.get('name'):
        raise _invalid(field, 'Expecting to find id or name in project.')
    if 'domain' not in ref:
        raise _invalid(field, 'Expecting to find domain in project.')
    domain_id, domain_name = _domain_ref(ref['domain'], field + '/domain')
    return {'name': ref['name'], 'domain_id': domain_id,
            'domain_name': domain_name}


def _default_project(user_id):
    """Keystone scopes an auth without scope to the user's default project
    when the user holds a role there; otherwise the token is unscoped."""
    project_id = identity.user_get(user_id).get('default_project_id')
    if project_id and assignments.has_role_on(user_id, 'project',
                                              project_id):
        try:
            if identity.project_get(project_id)['enabled']:
                return project_id
        except exception.ProjectNotFound:
            pass
    return None


def scope_request(auth):
    """Check the scope's shape before any authentication: ('default'|
    'unscoped'|'project'|'domain'|'system', lookup arguments)."""
    requested = auth.get('scope')
    if requested is None:
        return 'default', None
    if isinstance(requested, str):
        if requested != 'unscoped':
            raise _invalid('auth/scope', 'Expected an object or "unscoped".')
        return 'unscoped', None
    if 'project' in requested and 'domain' in requested:
        raise _invalid('auth/scope', 'Scoping to both domain and project is '
                       'not allowed.')
    if 'system' in requested:
        if any(k in requested for k in ('project', 'domain',
                                        'OS-TRUST:trust')):
            # Keystone's check of "exactly one scope", in its words.
            raise exception.ValidationError(
                'Expecting to find system, project, domain, OS-TRUST:trust '
                'or unscoped in scope. The server could not comply with the '
                'request since it is either malformed or otherwise '
                'incorrect. The client is assumed to be in error.')
        # Keystone scopes to the whole system whatever the object holds.
        return 'system', None
    if 'OS-TRUST:trust' in requested:
        return trust_auth.scope_request(requested)
    if 'project' in requested:
        return 'project', _project_request(requested['project'])
    if 'domain' in requested:
        domain_id, name = _domain_ref(requested['domain'],
                                      'auth/scope/domain')
        return 'domain', {'domain_id': domain_id, 'name': name}
    return 'unscoped', None


def _check_system_roles(user_id):
    """Keystone's 401 for a system scope the user holds no role on
    (directly, through a group or by implication)."""
    if not system_assignments.token_roles(user_id):
        raise exception.NotAuthenticated(
            'User %s has no access to the system' % user_id)


def resolve_scope(request, user_id):
    """(project_id, domain_id) of the new token; both None: unscoped."""
    kind, lookup = request
    if kind == 'default':
        return _default_project(user_id), None
    if kind == 'project':
        return _lookup(identity.find_project, **lookup)['id'], None
    if kind == 'domain':
        return None, _lookup(identity.find_domain, **lookup)['id']
    return None, None


def issue(auth):
    """Authenticate the validated `auth` document: (token_id, token data)."""
    request = scope_request(auth)
    app_cred_auth.refuse_scope(auth)
    user_id, methods, parent, cred = identify(auth['identity'])
    if methods == [oauth1_auth.METHOD]:
        return oauth1_auth.issue()
    trust_auth.refuse_rescoping(parent)
    oauth1_auth.refuse_rescoping(parent)
    if cred is not None:
        if 'scope' in auth:
            # A token from a credential rescoped (keystone's 403).
            raise exception.ForbiddenAction(
                action='Using an application credential token to create a '
                       'scoped token is not allowed.')
        project_id = cred.get('project_id') or parent['project_id']
        return tokens.issue(user_id, methods, project_id=project_id,
                            parent=parent, app_cred=cred)
    if request[0] == 'trust':
        return trust_auth.issue(request[1], user_id, methods, parent)
    if request[0] == 'system':
        _check_system_roles(user_id)
        return tokens.issue(user_id, methods, parent=parent, system='all')
    project_id, domain_id = resolve_scope(request, user_id)
    return tokens.issue(user_id, methods, project_id=project_id,
                        domain_id=domain_id, parent=parent)
