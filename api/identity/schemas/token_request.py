"""keystone 30's own schema for the `auth` member of POST /v3/auth/tokens
(validated relative to `auth`, by the older validator), and its explicit
"id or name must be present" checks.  Key order matters: jsonschema's
explanation quotes the failing sub-schema."""

_STRING = {'type': 'string'}


def _id_name():
    return {'type': 'object',
            'properties': {'id': dict(_STRING), 'name': dict(_STRING)}}


_user = {'type': 'object', 'properties': {
    'id': dict(_STRING), 'name': dict(_STRING), 'password': dict(_STRING),
    'domain': _id_name()}}

_project = {'type': 'object', 'properties': {
    'name': dict(_STRING), 'id': dict(_STRING), 'domain': _id_name()}}

auth = {
    'type': 'object',
    'properties': {
        'identity': {
            'type': 'object',
            'properties': {
                'methods': {'type': 'array', 'items': dict(_STRING)},
                'password': {'type': 'object',
                             'properties': {'user': _user}},
                'token': {'type': 'object',
                          'properties': {'id': dict(_STRING)},
                          'required': ['id']},
            },
            'required': ['methods'],
        },
        'scope': {
            # A string too: keystone accepts "unscoped".
            'type': ['object', 'string'],
            'properties': {
                'project': _project,
                'domain': _id_name(),
                'OS-TRUST:trust': {'type': 'object',
                                   'properties': {'id': dict(_STRING)}},
                # keystone's boolean, as a running keystone has it: its
                # resource options make that shared enum nullable.
                'system': {'type': 'object', 'properties': {
                    'all': {'type': 'boolean',
                            'enum': [True, False, None]}}},
            },
        },
    },
    'required': ['identity'],
}


def _named(ref):
    return 'id' in ref or 'name' in ref


def missing_id_or_name(doc):
    """The path keystone names when a reference has neither id nor name
    (users and their domain first, then the scope), or None."""
    user = doc['identity'].get('password', {}).get('user')
    checks = []
    if user is not None:
        checks += [('identity/password/user', user),
                   ('identity/password/user/domain', user.get('domain'))]
    scope = doc.get('scope')
    if isinstance(scope, dict):
        project = scope.get('project')
        if project is not None:
            checks += [('scope/project', project),
                       ('scope/project/domain', project.get('domain'))]
        checks.append(('scope/domain', scope.get('domain')))
    for path, ref in checks:
        if ref is not None and not _named(ref):
            return path
    return None
