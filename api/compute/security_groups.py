"""os-security-groups and os-security-group-rules, 2.1 to 2.35 (404 from
2.36, as nova), answered as nova's proxy answers over neutron: groups and
rules are kept in neutron's shape (db/api/security_groups.py) and shown
as nova converts them (ingress rules only, ports filled in for a
protocol without a range, a remote group shown by name and project).
neutron's refusals come through with the codes nova maps them to."""
import ipaddress
import uuid

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import security_groups as schemas
from stratus.common import exception
from stratus.db.api import security_groups as db

MAX_PROXY_VERSION = (2, 35)
_RULE = 'os_compute_api:os-security-groups:%s'
# nova's index_query: open to other parameters (the API went at 2.36
# before strict queries came).
_INDEX_QUERY = query.schema({
    'limit': query.multi(query.NON_NEGATIVE_INT),
    'offset': query.multi(query.NON_NEGATIVE_INT),
    'all_tenants': query.multi({'type': 'string'})}, strict=False)


def check_version():
    if wsgi.version() > MAX_PROXY_VERSION:
        raise exception.NotFound('The resource could not be found.')


def validate_id(value):
    try:
        uuid.UUID(value)
    except ValueError:
        raise exception.Invalid('Security group id should be uuid')
    return value


# --- lookups, with neutron's visibility (a project sees its own) ------------
def visible(ctxt, group):
    return policy.owns(ctxt, group['project_id'])


def get(ctxt, group_id):
    group = db.get(group_id)
    if not visible(ctxt, group):
        raise exception.SecurityGroupNotFound(id=group_id)
    return group


def find(ctxt, name_or_id):
    """neutronclient's find by id, then by name within the caller's
    project: None when nothing matches, 409 when a name is ambiguous."""
    db.ensure_default(ctxt.project_id)
    try:
        return get(ctxt, name_or_id)
    except exception.SecurityGroupNotFound:
        pass
    named = [g for g in db.list_groups(ctxt.project_id)
             if g['name'] == name_or_id]
    if len(named) > 1:
        raise exception.Conflict(
            "Multiple security_group matches found for name '%s', use an "
            "ID to be more specific." % name_or_id)
    return named[0] if named else None


# --- nova's view of neutron's groups ----------------------------------------
def ports_of(rule):
    low, high = rule['port_range_min'], rule['port_range_max']
    if rule['protocol'] and low is None and high is None:
        return (1, 65535) if rule['protocol'].upper() in ('TCP', 'UDP') \
            else (-1, -1)
    return low, high


def rule_view(rule, remote=None):
    """`remote`: {'name', 'tenant_id'} of the rule's remote group."""
    from_port, to_port = ports_of(rule)
    view = {'id': rule['id'], 'parent_group_id': rule['security_group_id'],
            'ip_protocol': rule['protocol'], 'from_port': from_port,
            'to_port': to_port, 'group': {}, 'ip_range': {}}
    if rule['remote_group_id']:
        view['group'] = remote
    else:
        view['ip_range'] = {'cidr': rule['remote_ip_prefix'] or '0.0.0.0/0'}
    return view


def _remotes(groups):
    """{group id: {'name', 'tenant_id'}} for every remote group the rules
    of `groups` name (None for one that no longer exists)."""
    remotes = {g['id']: {'name': g['name'], 'tenant_id': g['project_id']}
               for g in groups}
    wanted = {r['remote_group_id'] for g in groups for r in g['rules']
              if r['remote_group_id'] and r['remote_group_id'] not in remotes}
    for g in db.get_many(sorted(wanted)):
        remotes[g['id']] = {'name': g['name'], 'tenant_id': g['project_id']}
    return remotes


def group_view(group, remotes):
    rules = []
    for rule in group['rules']:
        if rule['direction'] != 'ingress':
            continue
        remote = remotes.get(rule['remote_group_id'])
        if rule['remote_group_id'] and remote is None:
            continue
        rules.append(rule_view(rule, remote))
    return {'id': group['id'], 'description': group['description'],
            'name': group['name'], 'tenant_id': group['project_id'],
            'rules': rules}


def list_view(groups):
    remotes = _remotes(groups)
    views = [group_view(g, remotes) for g in groups]
    return sorted(views, key=lambda v: (v['tenant_id'], v['name']))


def _one(group):
    return wsgi.response({'security_group': group_view(
        group, _remotes([group]))})


# --- groups -------------------------------------------------------------------
def _is_default_name(name):
    return name.lower() == db.DEFAULT


class SecurityGroupsController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        from stratus.api.compute import volumes_proxy
        check_version()
        query.check(kwargs, _INDEX_QUERY)
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _RULE % 'get')
        db.ensure_default(ctxt.project_id)
        every = ctxt.is_admin and 'all_tenants' in kwargs
        groups = db.list_groups(None if every else ctxt.project_id)
        groups = volumes_proxy.limited(groups, kwargs)
        return wsgi.response({'security_groups': list_view(groups)})

    @pecan.expose()
    def get_one(self, group_id, **kwargs):
        check_version()
        ctxt = wsgi.context()
        policy.require_reader(ctxt, _RULE % 'show')
        db.ensure_default(ctxt.project_id)
        return _one(get(ctxt, validate_id(group_id)))

    @pecan.expose()
    def post(self, **kwargs):
        check_version()
        body = validation.body(schemas.group)['security_group']
        ctxt = wsgi.context()
        policy.require_member(ctxt, _RULE % 'create')
        db.ensure_default(ctxt.project_id)
        if _is_default_name(body['name']):
            # neutron's 409 for the reserved name; nova's create answers
            # every 409 with a 403.
            raise exception.SecurityGroupLimitExceeded(
                'Default security group already exists.')
        return _one(db.create(ctxt.project_id, body['name'],
                              body['description']))

    @pecan.expose()
    def put(self, group_id, **kwargs):
        check_version()
        body = validation.body(schemas.group)['security_group']
        ctxt = wsgi.context()
        policy.require_member(ctxt, _RULE % 'update')
        db.ensure_default(ctxt.project_id)
        group = get(ctxt, validate_id(group_id))
        if group['name'] == db.DEFAULT or _is_default_name(body['name']):
            # neutron refuses (409) and nova's update does not map it.
            raise exception.SecurityGroupUnexpected(
                'Updating default security group not allowed.')
        return _one(db.update(group['id'], body['name'],
                              body['description']))

    @pecan.expose()
    def delete(self, group_id):
        check_version()
        ctxt = wsgi.context()
        policy.require_member(ctxt, _RULE % 'delete')
        db.ensure_default(ctxt.project_id)
        group = get(ctxt, validate_id(group_id))
        try:
            if group['name'] == db.DEFAULT and not ctxt.is_admin and \
                    not db.in_use(group['id']):
                raise exception.Conflict('Insufficient rights for removing '
                                         'default security group.')
            db.delete(group['id'])
        except exception.Conflict as exc:
            # nova's destroy makes neutron's 409s a 400.
            raise exception.Invalid(exc.message)
        return wsgi.response(status=202)


# --- rules --------------------------------------------------------------------
class SecurityGroupRulesController(rest.RestController):

    @pecan.expose()
    def post(self, **kwargs):
        from stratus.api.compute import security_group_rules as rules
        check_version()
        body = validation.body(schemas.rule)['security_group_rule']
        ctxt = wsgi.context()
        policy.require_member(ctxt, _RULE % 'rule:create')
        db.ensure_default(ctxt.project_id)
        parent = get(ctxt, body['parent_group_id'])
        source = None
        if body.get('group_id') is not None:
            source = get(ctxt, body['group_id'])
        rule = rules.create(parent, source, body)
        remote = source and {'name': source['name'],
                             'tenant_id': source['project_id']}
        return wsgi.response({'security_group_rule': rule_view(rule,
                                                               remote)})

    @pecan.expose()
    def delete(self, rule_id):
        check_version()
        ctxt = wsgi.context()
        policy.require_member(ctxt, _RULE % 'rule:delete')
        db.ensure_default(ctxt.project_id)
        rule = db.get_rule(validate_id(rule_id))
        if not policy.owns(ctxt, rule['project_id']):
            raise exception.SecurityGroupRuleNotFound(id=rule_id)
        get(ctxt, rule['security_group_id'])
        db.delete_rule(rule['id'])
        return wsgi.response(status=202)


def normalized_cidr(cidr):
    """neutron keeps a remote prefix as its network (10.0.0.1/24 is kept
    as 10.0.0.0/24)."""
    return str(ipaddress.ip_network(cidr, strict=False))
