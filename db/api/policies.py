"""Policy blobs (/v3/policies) and OS-ENDPOINT-POLICY: which policy an
endpoint gets, by endpoint, by service within a region (or a parent
region), or by service."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import identity


def _policy(s, policy_id):
    row = s.get(models.Policy, policy_id)
    if row is None:
        raise exception.PolicyNotFound(policy_id)
    return row


def policy_create(values):
    """values: blob, type and `extra` (other keys)."""
    with session.writer() as s:
        row = models.Policy(id=identity.new_id(), blob=values['blob'],
                            type=values['type'],
                            extra=values.get('extra') or None)
        s.add(row)
        s.flush()
        return row.to_dict()


def policy_get(policy_id):
    with session.reader() as s:
        return _policy(s, policy_id).to_dict()


def policy_list(type=None):
    with session.reader() as s:
        query = sa.select(models.Policy).order_by(models.Policy.id)
        if type is not None:
            query = query.filter_by(type=type)
        return [r.to_dict() for r in s.scalars(query)]


def policy_update(policy_id, values):
    with session.writer() as s:
        row = _policy(s, policy_id)
        for key in ('blob', 'type'):
            if key in values:
                setattr(row, key, values[key])
        if values.get('extra'):
            row.extra = dict(row.extra or {}, **values['extra'])
        s.flush()
        return row.to_dict()


def policy_delete(policy_id):
    with session.writer() as s:
        s.delete(_policy(s, policy_id))


# --- associations ------------------------------------------------------------

def _target(endpoint_id=None, service_id=None, region_id=None):
    m = models.PolicyAssociation
    return sa.and_(m.endpoint_id.is_(None) if endpoint_id is None
                   else m.endpoint_id == endpoint_id,
                   m.service_id.is_(None) if service_id is None
                   else m.service_id == service_id,
                   m.region_id.is_(None) if region_id is None
                   else m.region_id == region_id)


def _check_parties(s, policy_id, endpoint_id=None, service_id=None,
                   region_id=None):
    """Keystone's order: the policy, then endpoint, service, region."""
    _policy(s, policy_id)
    if endpoint_id is not None and \
            s.get(models.Endpoint, endpoint_id) is None:
        raise exception.EndpointNotFound(endpoint_id)
    if service_id is not None and \
            s.get(models.CatalogService, service_id) is None:
        raise exception.CatalogServiceNotFound(service_id)
    if region_id is not None and s.get(models.Region, region_id) is None:
        raise exception.RegionNotFound(region_id)


def association_set(policy_id, **target):
    """Associate; a target already associated gets this policy instead."""
    with session.writer() as s:
        _check_parties(s, policy_id, **target)
        row = s.scalars(sa.select(models.PolicyAssociation).where(
            _target(**target))).first()
        if row is None:
            s.add(models.PolicyAssociation(id=identity.new_id(),
                                           policy_id=policy_id, **target))
        else:
            row.policy_id = policy_id


def association_check(policy_id, **target):
    with session.reader() as s:
        _check_parties(s, policy_id, **target)
        found = s.scalars(sa.select(models.PolicyAssociation.id).where(
            _target(**target), models.PolicyAssociation.policy_id ==
            policy_id)).first()
        if found is None:
            raise exception.PolicyAssociationNotFound()


def association_delete(policy_id, **target):
    """Keystone answers 204 even when nothing was associated."""
    with session.writer() as s:
        _check_parties(s, policy_id, **target)
        s.execute(sa.delete(models.PolicyAssociation).where(
            _target(**target), models.PolicyAssociation.policy_id ==
            policy_id))


def _regions(s):
    return {r.id: r.parent_region_id for r in s.scalars(
        sa.select(models.Region))}


def _region_and_descendants(regions, region_id):
    found, todo = [], [region_id]
    while todo:
        current = todo.pop(0)
        if current in found:
            continue  # a loop in the tree
        found.append(current)
        todo.extend(sorted(r for r, parent in regions.items()
                           if parent == current))
    return found


def policy_endpoints(policy_id):
    """The endpoints the policy applies to: associated ones, every endpoint
    of an associated service, and of a service within an associated region
    or any region below it."""
    with session.reader() as s:
        _policy(s, policy_id)
        endpoints = [r.to_dict() for r in s.scalars(
            sa.select(models.Endpoint).order_by(models.Endpoint.id))]
        regions = _regions(s)
        found = []
        for assoc in s.scalars(sa.select(models.PolicyAssociation).filter_by(
                policy_id=policy_id).order_by(models.PolicyAssociation.id)):
            if assoc.endpoint_id is not None:
                found += [e for e in endpoints if e['id'] == assoc.endpoint_id]
            elif assoc.region_id is None:
                found += [e for e in endpoints
                          if e['service_id'] == assoc.service_id]
            else:
                for region in _region_and_descendants(regions,
                                                      assoc.region_id):
                    found += [e for e in endpoints
                              if e['service_id'] == assoc.service_id and
                              e['region_id'] == region]
        return found


def _associated(s, **target):
    return s.scalars(sa.select(models.PolicyAssociation.policy_id).where(
        _target(**target))).first()


def endpoint_policy(endpoint_id):
    """Keystone's resolution: the endpoint's own policy; else the one of its
    service in its region, then in each parent region upwards; else the
    service's."""
    with session.reader() as s:
        endpoint = s.get(models.Endpoint, endpoint_id)
        if endpoint is None:
            raise exception.EndpointNotFound(endpoint_id)
        policy_id = _associated(s, endpoint_id=endpoint_id)
        regions = _regions(s)
        region_id, seen = endpoint.region_id, set()
        while policy_id is None and region_id is not None and \
                region_id not in seen:
            seen.add(region_id)
            policy_id = _associated(s, service_id=endpoint.service_id,
                                    region_id=region_id)
            region_id = regions.get(region_id)
        if policy_id is None:
            policy_id = _associated(s, service_id=endpoint.service_id)
        if policy_id is None:
            raise exception.NotFound('No policy is associated with endpoint '
                                     '%s.' % endpoint_id)
        return _policy(s, policy_id).to_dict()
