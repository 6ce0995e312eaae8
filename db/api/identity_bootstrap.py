"""stratus-manage bootstrap: the first admin, like keystone-manage bootstrap.

Safe to run again: each step says whether it created something or found
it already there; a changed admin password is updated.
"""
from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import assignments
from stratus.db.api import catalog
from stratus.db.api import identity
from stratus.db.api import implied_roles
from stratus.db.api import passwords
from stratus.db.api import system_assignments

ROLES = ('reader', 'member', 'manager', 'admin')
DEFAULT_DOMAIN_NAME = 'Default'


def _domain(lines):
    domain_id = CONF.identity.default_domain_id
    try:
        identity.domain_get(domain_id)
        lines.append('Domain %s already exists, skipping creation.'
                     % domain_id)
    except exception.DomainNotFound:
        identity.domain_create({'id': domain_id, 'name': DEFAULT_DOMAIN_NAME,
                                'description': 'The default domain'})
        lines.append('Created domain %s' % domain_id)
    return domain_id


def _roles(lines):
    ids = {}
    for name in ROLES:
        found = assignments.role_list(name=name)
        if found:
            lines.append('Role %s exists, skipping creation.' % name)
            ids[name] = found[0]['id']
        else:
            ids[name] = assignments.role_create({'name': name})['id']
            lines.append('Created role %s' % name)
    return ids


# Keystone's bootstrap: admin implies manager, manager member, member
# reader, so each persona holds the roles below it.
IMPLICATIONS = (('member', 'reader'), ('manager', 'member'),
                ('admin', 'manager'))


def _implications(lines, ids):
    for prior, implied in IMPLICATIONS:
        try:
            implied_roles.rule_create(ids[prior], ids[implied])
            lines.append('Created implied role where %s implies %s'
                         % (prior, implied))
        except exception.Conflict:
            lines.append('Implied role where %s implies %s exists, '
                         'skipping creation.' % (prior, implied))


def _project(lines, name, domain_id):
    found = identity.project_list(name=name, domain_id=domain_id)
    if found:
        lines.append('Project %s already exists, skipping creation.' % name)
        return found[0]['id']
    project = identity.project_create({'name': name, 'domain_id': domain_id,
                                       'description': 'Bootstrap project '
                                       'for initializing the cloud.'})
    lines.append('Created project %s' % name)
    return project['id']


def _user(lines, name, domain_id, password):
    found = identity.user_list(name=name, domain_id=domain_id)
    if not found:
        user = identity.user_create({'name': name, 'domain_id': domain_id},
                                    password=password)
        lines.append('Created user %s' % name)
        return user['id']
    user_id = found[0]['id']
    lines.append('User %s already exists, skipping creation.' % name)
    try:
        identity.check_password(password, user_id=user_id)
    except exception.NotAuthenticated:
        identity.user_update(user_id, {'enabled': True}, password=password)
        lines.append('Reset password for user %s.' % name)
    return user_id


def _grant(lines, user_id, project_id, role_id, names):
    try:
        assignments.grant_check(user_id, 'project', project_id, role_id)
        lines.append('User %s already has role %s on project %s.' % names)
    except exception.RoleAssignmentNotFound:
        assignments.grant_create(user_id, 'project', project_id, role_id)
        lines.append('Granted role %s on project %s to user %s.'
                     % (names[1], names[2], names[0]))


def _system_grant(lines, user_id, role_id, username):
    """Keystone also makes the admin an admin of the system, so nobody is
    locked out of system-scoped APIs."""
    try:
        system_assignments.grant_check('user', user_id, role_id)
        lines.append('User %s already has role admin on the system.'
                     % username)
    except exception.RoleAssignmentNotFound:
        system_assignments.grant_create('user', user_id, role_id)
        lines.append('Granted role admin on the system to user %s.'
                     % username)


def _region(lines, region_id):
    try:
        catalog.region_get(region_id)
        lines.append('Region %s exists, skipping creation.' % region_id)
    except exception.RegionNotFound:
        catalog.region_create({'id': region_id})
        lines.append('Created region %s' % region_id)


def _identity_service(lines):
    found = catalog.service_list(type='identity')
    if found:
        lines.append('Skipping identity service creation, it already '
                     'exists (%s).' % found[0]['id'])
        return found[0]['id']
    service = catalog.service_create({'type': 'identity',
                                      'name': 'keystone'})
    lines.append('Created identity service %s' % service['id'])
    return service['id']


def _public_endpoint(lines, service_id, region_id, url):
    found = catalog.endpoint_list(service_id=service_id, interface='public',
                                  region_id=region_id)
    if not found:
        endpoint = catalog.endpoint_create({
            'service_id': service_id, 'interface': 'public',
            'region_id': region_id, 'url': url})
        lines.append('Created public endpoint %s (%s)' % (endpoint['id'],
                                                          url))
    elif found[0]['url'] != url:
        catalog.endpoint_update(found[0]['id'], {'url': url})
        lines.append('Updated public endpoint %s to %s' % (found[0]['id'],
                                                           url))
    else:
        lines.append('Skipping public endpoint creation, it already exists '
                     '(%s).' % found[0]['id'])


def bootstrap(admin_password, admin_username='admin', project_name='admin',
              region_id='RegionOne', public_url=None):
    """Ensure domain Default, the four roles, the admin project and user
    with the admin role on it and on the system, and the identity service
    and its public endpoint. Returns human-readable lines, one per step."""
    if not admin_password:
        raise exception.Invalid(reason='a bootstrap password is required')
    # Warm the dummy hash so the first login does not pay for it.
    passwords.verify('', None)
    lines = []
    domain_id = _domain(lines)
    role_ids = _roles(lines)
    _implications(lines, role_ids)
    project_id = _project(lines, project_name, domain_id)
    user_id = _user(lines, admin_username, domain_id, admin_password)
    _grant(lines, user_id, project_id, role_ids['admin'],
           (admin_username, 'admin', project_name))
    _system_grant(lines, user_id, role_ids['admin'], admin_username)
    if region_id:
        _region(lines, region_id)
    service_id = _identity_service(lines)
    if public_url:
        _public_endpoint(lines, service_id, region_id, public_url)
    return lines
