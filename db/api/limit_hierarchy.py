"""keystone's limit enforcement models: `flat` checks nothing;
`strict_two_level` keeps a project's limit no bigger than its domain's
(the domain's limit, else the registered default) and a domain's limit
no smaller than its projects' limits. stratus projects sit directly
under their domain, so the tree is never deeper than two levels."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db.api import unified_limits

MODELS = {
    'flat': 'Limit enforcement and validation does not take project '
            'hierarchy into consideration.',
    'strict_two_level': 'This model requires project hierarchy never '
                        'exceeds a depth of two',
}


def model():
    name = CONF.unified_limit.enforcement_model
    return {'name': name, 'description': MODELS[name]}


def _key(limit):
    return (limit['service_id'], limit.get('region_id'),
            limit['resource_name'])


def _limit_value(s, limit, project_id=None, domain_id=None):
    """The limit of the project or domain for the limit's resource; a
    domain without one has the registered default."""
    service_id, region_id, resource_name = _key(limit)
    found = [r for r in unified_limits.limit_list(
        s, service_id=service_id, resource_name=resource_name,
        project_id=project_id, domain_id=None if project_id else domain_id)
        if r['region_id'] == region_id and
        (project_id or r['project_id'] is None)]
    if found:
        return found[0]['resource_limit']
    if domain_id:
        registered = unified_limits.find_registered(
            s, service_id, region_id, resource_name)
        return registered and registered['default_limit']
    return None


def _fits(s, limit, batch):
    """keystone's checks, falsy values (0) included as it skips them."""
    value = limit['resource_limit']
    if limit.get('project_id'):
        parent = s.get(models.Project, limit['project_id']).domain_id
        in_batch = [b for b in batch if b.get('domain_id') == parent and
                    not b.get('project_id') and _key(b) == _key(limit)]
        if in_batch:
            # The parent's new limit is in the same request.
            return value <= in_batch[0]['resource_limit']
        parent_value = _limit_value(s, limit, domain_id=parent)
        return not (parent_value and value > parent_value)
    children = s.scalars(sa.select(models.Project.id).filter_by(
        domain_id=limit['domain_id']))
    for project_id in children:
        child_value = _limit_value(s, limit, project_id=project_id)
        if child_value and value < child_value:
            return False
    return True


def check(s, limits):
    """Raise InvalidLimit (403) for the first limit the configured model
    refuses. `limits`: dicts with service_id, region_id, resource_name,
    resource_limit and project_id or domain_id."""
    if CONF.unified_limit.enforcement_model != 'strict_two_level':
        return
    for limit in limits:
        if _fits(s, limit, limits):
            continue
        project_id = limit.get('project_id')
        raise exception.InvalidLimit(reason=(
            "The resource limit (%s: %s, resource_name: %s, "
            "resource_limit: %s, service_id: %s, region_id: %s) doesn't "
            "satisfy current hierarchy model." % (
                'project_id' if project_id else 'domain_id',
                project_id or limit.get('domain_id'),
                limit['resource_name'], limit['resource_limit'],
                limit['service_id'], limit.get('region_id'))))
