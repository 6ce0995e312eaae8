"""Security groups, kept in neutron's shape: each project's 'default'
group made on first use with neutron's four rules, neutron's quotas (10
groups, 100 rules a project), neutron's refusals. What nova's proxy makes
of them is the API's business (api/compute/security_groups.py)."""
import uuid as uuidlib

import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session

DEFAULT = 'default'
# neutron's default quotas (quota_security_group, quota_security_group_rule).
GROUP_QUOTA = 10
RULE_QUOTA = 100
_RULE_KEYS = ('direction', 'ethertype', 'protocol', 'port_range_min',
              'port_range_max', 'remote_ip_prefix', 'remote_group_id')


def _over_quota(resource):
    return exception.SecurityGroupLimitExceeded(
        "Quota exceeded for resources: ['%s']." % resource)


def _group_dict(row, rules):
    values = row.to_dict()
    values['rules'] = [r.to_dict() for r in rules]
    return values


def _views(s, rows):
    ids = [row.id for row in rows]
    rules = {i: [] for i in ids}
    if ids:
        for rule in s.scalars(sa.select(models.SecurityGroupRule).where(
                models.SecurityGroupRule.security_group_id.in_(ids)).order_by(
                models.SecurityGroupRule.created_at,
                models.SecurityGroupRule.id)):
            rules[rule.security_group_id].append(rule)
    return [_group_dict(row, rules[row.id]) for row in rows]


def _count(s, model, project_id):
    return s.scalar(sa.select(sa.func.count()).select_from(model).where(
        model.project_id == project_id))


def _add_rule(s, group, values):
    row = models.SecurityGroupRule(
        id=str(uuidlib.uuid4()), security_group_id=group.id,
        project_id=group.project_id,
        **{k: values.get(k) for k in _RULE_KEYS})
    s.add(row)
    return row


def _new_group(s, project_id, name, description, default=False):
    if not default and _count(s, models.SecurityGroup,
                              project_id) >= GROUP_QUOTA:
        raise _over_quota('security_group')
    row = models.SecurityGroup(id=str(uuidlib.uuid4()),
                               project_id=project_id, name=name,
                               description=description)
    s.add(row)
    s.flush()
    # Every neutron group lets all traffic out; 'default' also lets in
    # what comes from its own members.
    for ethertype in ('IPv4', 'IPv6'):
        _add_rule(s, row, {'direction': 'egress', 'ethertype': ethertype})
    if default:
        for ethertype in ('IPv4', 'IPv6'):
            _add_rule(s, row, {'direction': 'ingress',
                               'ethertype': ethertype,
                               'remote_group_id': row.id})
    s.flush()
    return row


def _default_of(s, project_id):
    return s.scalars(sa.select(models.SecurityGroup).filter_by(
        project_id=project_id, name=DEFAULT).order_by(
        models.SecurityGroup.created_at)).first()


def default_id_in(s, project_id):
    """In session `s`: the id of the project's 'default' group, made now
    if it has none (neutron makes it on the project's first request)."""
    found = s.scalar(sa.select(models.SecurityGroup.id).filter_by(
        project_id=project_id, name=DEFAULT).order_by(
        models.SecurityGroup.created_at).limit(1))
    if found is None:
        found = _new_group(s, project_id, DEFAULT, 'Default security group',
                           default=True).id
    return found


def ensure_default(project_id):
    """The project's 'default' group, made now if it has none (neutron
    makes it on the project's first request)."""
    with session.reader() as s:
        row = _default_of(s, project_id)
        if row is not None:
            return _views(s, [row])[0]
    with session.writer() as s:
        row = _default_of(s, project_id)
        if row is None:
            row = _new_group(s, project_id, DEFAULT, 'Default security group',
                             default=True)
        return _views(s, [row])[0]


def _get(s, group_id):
    row = s.get(models.SecurityGroup, group_id)
    if row is None:
        raise exception.SecurityGroupNotFound(id=group_id)
    return row


def get(group_id):
    with session.reader() as s:
        return _views(s, [_get(s, group_id)])[0]


def get_many(group_ids):
    """Groups by id, in the given order; ids that do not exist are left
    out."""
    with session.reader() as s:
        rows = {row.id: row for row in s.scalars(sa.select(
            models.SecurityGroup).where(
            models.SecurityGroup.id.in_(list(group_ids))))}
        return _views(s, [rows[i] for i in group_ids if i in rows])


def list_groups(project_id=None):
    """The groups of `project_id` (None: every project's)."""
    query = sa.select(models.SecurityGroup).order_by(
        models.SecurityGroup.created_at, models.SecurityGroup.id)
    if project_id is not None:
        query = query.where(models.SecurityGroup.project_id == project_id)
    with session.reader() as s:
        return _views(s, list(s.scalars(query)))


def create(project_id, name, description):
    with session.writer() as s:
        if _count(s, models.SecurityGroupRule, project_id) + 2 > RULE_QUOTA:
            raise _over_quota('security_group_rule')
        return _views(s, [_new_group(s, project_id, name, description)])[0]


def update(group_id, name, description):
    with session.writer() as s:
        row = _get(s, group_id)
        row.name = name
        row.description = description
        s.flush()
        return _views(s, [row])[0]


def _in_use(s, group_id):
    return s.scalar(sa.select(sa.func.count()).select_from(
        models.SecurityGroupInstance).join(
        models.Instance, models.Instance.uuid ==
        models.SecurityGroupInstance.instance_uuid).where(
        models.SecurityGroupInstance.security_group_id == group_id,
        models.Instance.deleted == sa.false()))


def in_use(group_id):
    with session.reader() as s:
        return bool(_in_use(s, group_id))


def delete(group_id):
    """neutron's 409 SecurityGroupInUse while a live server carries it."""
    with session.writer() as s:
        row = _get(s, group_id)
        if _in_use(s, group_id):
            raise exception.Conflict('Security Group %s in use.' % group_id)
        s.execute(sa.delete(models.SecurityGroupInstance).where(
            models.SecurityGroupInstance.security_group_id == group_id))
        s.execute(sa.delete(models.SecurityGroupRule).where(
            models.SecurityGroupRule.security_group_id == group_id))
        s.delete(row)


def add_rule(group_id, values):
    """A rule in neutron's shape; neutron's 409s for quota and an
    identical rule."""
    with session.writer() as s:
        group = _get(s, group_id)
        for rule in s.scalars(sa.select(models.SecurityGroupRule).filter_by(
                security_group_id=group_id)):
            if all(getattr(rule, k) == values.get(k) for k in _RULE_KEYS):
                raise exception.SecurityGroupLimitExceeded(
                    'Security group rule already exists. Rule id is %s.'
                    % rule.id)
        if _count(s, models.SecurityGroupRule,
                  group.project_id) >= RULE_QUOTA:
            raise _over_quota('security_group_rule')
        row = _add_rule(s, group, values)
        s.flush()
        return row.to_dict()


def get_rule(rule_id):
    with session.reader() as s:
        row = s.get(models.SecurityGroupRule, rule_id)
        if row is None:
            raise exception.SecurityGroupRuleNotFound(id=rule_id)
        return row.to_dict()


def delete_rule(rule_id):
    with session.writer() as s:
        row = s.get(models.SecurityGroupRule, rule_id)
        if row is None:
            raise exception.SecurityGroupRuleNotFound(id=rule_id)
        s.delete(row)


# --- servers and their groups ------------------------------------------------
def instance_group_ids(instance_uuid):
    with session.reader() as s:
        return list(s.scalars(sa.select(
            models.SecurityGroupInstance.security_group_id).filter_by(
            instance_uuid=instance_uuid).order_by(
            models.SecurityGroupInstance.position)))


def instance_groups(instance_uuid):
    """The server's groups with their rules, in the order given."""
    return get_many(instance_group_ids(instance_uuid))


def set_instance_groups(instance_uuids, group_ids):
    with session.writer() as s:
        for instance_uuid in instance_uuids:
            for position, group_id in enumerate(group_ids):
                s.add(models.SecurityGroupInstance(
                    instance_uuid=instance_uuid, security_group_id=group_id,
                    position=position))


def add_to_instance(instance_uuid, group_id):
    """False when the server already carries the group."""
    with session.writer() as s:
        current = list(s.scalars(sa.select(
            models.SecurityGroupInstance).filter_by(
            instance_uuid=instance_uuid)))
        if any(row.security_group_id == group_id for row in current):
            return False
        s.add(models.SecurityGroupInstance(
            instance_uuid=instance_uuid, security_group_id=group_id,
            position=max([row.position for row in current] or [-1]) + 1))
        return True


def remove_from_instance(instance_uuid, group_id):
    """False when the server did not carry the group."""
    with session.writer() as s:
        result = s.execute(sa.delete(models.SecurityGroupInstance).where(
            models.SecurityGroupInstance.instance_uuid == instance_uuid,
            models.SecurityGroupInstance.security_group_id == group_id))
        return result.rowcount > 0
