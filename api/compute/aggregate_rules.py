"""Host aggregate operations with nova's checks (its AggregateAPI): a zone
may not be empty, a host sits in one zone only, a zone with servers does
not move, hosts are known computes, an aggregate with hosts is not
deleted."""
from stratus.common import exception
from stratus.db.api import aggregates as db
from stratus.db.api import services as db_services

COMPUTE_BINARY = 'stratus-compute'
ADD, UPDATE, UPDATE_META, DELETE = 'add', 'update', 'update_meta', 'delete'
_INVALID = {ADD: exception.InvalidAggregateActionAdd,
            UPDATE: exception.InvalidAggregateActionUpdate,
            UPDATE_META: exception.InvalidAggregateActionUpdateMeta,
            DELETE: exception.InvalidAggregateActionDelete}


def _invalid(action, aggregate_id, reason):
    return _INVALID[action](aggregate_id=aggregate_id, reason=reason)


def _instances_on(hosts):
    return sum(db_services.instances_on_host(host) for host in hosts)


def _check_compute_host(host):
    if not db_services.service_list(binary=COMPUTE_BINARY, host=host):
        raise exception.ComputeHostNotFound(host=host)


def _check_zone_change(metadata, aggregate, hosts=None, action=ADD,
                       check_instances=False):
    """nova's is_safe_to_update_az."""
    if db.AZ_KEY not in metadata:
        return
    zone = metadata[db.AZ_KEY]
    if not zone:
        raise _invalid(action, aggregate['id'], 'Aggregate %s does not '
                       'support empty named availability zone'
                       % aggregate['name'])
    hosts = hosts or aggregate['hosts']
    conflicting = []
    for other in db.get_all():
        if other['id'] != aggregate['id'] and other['availability_zone'] \
                and other['availability_zone'] != zone and \
                set(other['hosts']) & set(hosts):
            conflicting.append(other['availability_zone'])
    if conflicting:
        raise _invalid(action, aggregate['id'], 'One or more hosts already '
                       'in availability zone(s) %s' % conflicting)
    if check_instances and aggregate['availability_zone'] != zone and \
            hosts and _instances_on(hosts):
        raise _invalid(action, aggregate['id'], 'One or more hosts contain '
                       'instances in this zone')


def _zone_of_host(host, without=None):
    zones = {a['availability_zone'] for a in db.by_host(host)
             if a['availability_zone'] and a['id'] != without}
    return sorted(zones)[0] if zones else None


def _moving_instances(action, aggregate, host, old, new):
    count = _instances_on([host])
    if count and old != new:
        raise _invalid(action, aggregate['id'], (
            "The host cannot be %s the aggregate as the availability zone "
            "of the host would change from '%s' to '%s' but the host "
            "already has %d instance(s). Changing the AZ of an existing "
            "instance is not supported by this action. Move the instances "
            "away from this host then try again. If you need to move the "
            "instances between AZs then you can use shelve_offload and "
            "unshelve to achieve this.") % (
                'added to' if action == ADD else 'removed from', old, new,
                count))


def create(name, zone):
    return db.create(name, zone)


def update(aggregate_id, values):
    aggregate = db.get(aggregate_id)
    name = values.get('name')
    if name is not None:
        # nova renames first; a zone refused after that keeps the name.
        aggregate = db.update(aggregate_id, name=name)
    metadata = {k: v for k, v in values.items() if k != 'name'}
    _check_zone_change(metadata, aggregate, action=UPDATE,
                       check_instances=True)
    if metadata:
        aggregate = db.update(aggregate_id, metadata=metadata)
    return aggregate


def set_metadata(aggregate_id, metadata):
    aggregate = db.get(aggregate_id)
    _check_zone_change(metadata, aggregate, action=UPDATE_META,
                       check_instances=True)
    return db.update(aggregate_id, metadata=metadata)


def delete(aggregate_id):
    aggregate = db.get(aggregate_id)
    if aggregate['hosts']:
        raise _invalid(DELETE, aggregate_id, 'Host aggregate is not empty')
    db.delete(aggregate_id)


def add_host(aggregate_id, host):
    _check_compute_host(host)
    aggregate = db.get(aggregate_id)
    _check_zone_change(aggregate['metadata'], aggregate, hosts=[host])
    new = aggregate['availability_zone']
    if new:
        _moving_instances(ADD, aggregate, host, _zone_of_host(host), new)
    return db.add_host(aggregate_id, host)


def remove_host(aggregate_id, host):
    _check_compute_host(host)
    aggregate = db.get(aggregate_id)
    current = aggregate['availability_zone']
    if current:
        _moving_instances(DELETE, aggregate, host, current,
                          _zone_of_host(host, without=aggregate['id']))
    return db.remove_host(aggregate_id, host)
