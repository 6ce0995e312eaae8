"""Picks compute hosts: filter, weigh, choose, and claim the resources in
the allocations table, in the same transaction as the check.

One scheduler process serves the cloud; a process-wide lock plus the write
transaction (SQLite takes its write lock at BEGIN) mean two requests never
both fit into the room of one.
"""
import random
import threading

from stratus.common import exception
from stratus.common import log as logging
from stratus.common.conf import CONF
from stratus.db.api import allocations
from stratus.db import session
from stratus.scheduler import filters
from stratus.scheduler.filters import base as filters_base
from stratus.scheduler import host_manager
from stratus.scheduler import request_spec
from stratus.scheduler import weighers
from stratus.scheduler.weighers import base as weighers_base

LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
NOT_ENOUGH_HOSTS = 'There are not enough hosts available.'
# Rejection reasons kept in NoValidHost details; the log has them all.
MAX_REASONS = 20


def check_config():
    """Fail at start-up, not at the first request, on a misspelt name."""
    filters.load(CONF.filter_scheduler.enabled_filters)
    weighers.load(CONF.filter_scheduler.weight_classes)


def select_destinations(ctxt, spec, consumer_uuids):
    """One destination per consumer: [{'host', 'node',
    'availability_zone'}, ...] in the order of `consumer_uuids`.

    Each consumer gets an allocation row on its node (replacing any it
    held). All or nothing: when a consumer fits nowhere, NoValidHost is
    raised and none of the request's claims is written.
    """
    spec = request_spec.validate(spec)
    consumers = list(consumer_uuids or [spec['instance_uuid']])
    host_filters = filters.load(CONF.filter_scheduler.enabled_filters)
    host_weighers = weighers.load(CONF.filter_scheduler.weight_classes)
    with _LOCK, session.writer() as s:
        hosts = host_manager.load(s, exclude_consumers=consumers)
        _add_group_hosts(s, spec, consumers)
        cache = {}
        picks = []
        for index, consumer in enumerate(consumers):
            host = _pick(hosts, spec, host_filters, host_weighers, cache,
                         index, consumers)
            claim = host.consume(spec, consumer)
            allocations.replace(consumer, host.host, host.node, session=s,
                                **claim)
            group = spec['instance_group']
            if group and host.host not in group['hosts']:
                group['hosts'].append(host.host)
            LOG.info('Selected host %s (node %s) for instance %s',
                     host.host, host.node, consumer, instance_uuid=consumer)
            picks.append({'host': host.host, 'node': host.node,
                          'availability_zone': host.availability_zone})
    return picks


def _add_group_hosts(s, spec, consumers):
    """Hosts of the group's other members, from the database: two requests
    of one anti-affinity group see each other's claims."""
    group = spec['instance_group']
    if not group or not group.get('uuid'):
        return
    exclude = set(consumers) | {spec['instance_uuid']}
    known = host_manager.group_hosts(s, group['uuid'], exclude=exclude)
    group['hosts'] = sorted(set(group['hosts']) | known)


def _pick(hosts, spec, host_filters, host_weighers, cache, index, consumers):
    result = filters_base.FilterResult(hosts)
    _restrict(result, spec)
    filters_base.run(host_filters, result.hosts, spec, cache, result)
    for line in result.lines():
        LOG.info('Filter %s', line, instance_uuid=consumers[index])
    if not result.hosts:
        _no_valid_host(result, hosts, index, consumers)
    weighed = weighers_base.weigh(host_weighers, result.hosts, spec)
    LOG.debug('Weighed %s', [(host.name, round(weight, 4))
                             for host, weight in weighed],
              instance_uuid=consumers[index])
    subset = weighed[:CONF.filter_scheduler.host_subset_size]
    return random.choice(subset)[0]


def _restrict(result, spec):
    """ignore_hosts and requested_destination, recorded like filters."""
    ignore = set(spec['ignore_hosts'])
    if ignore:
        kept = [h for h in result.hosts if h.host not in ignore]
        result.record('ignore_hosts', kept, {
            h.name: 'in ignore_hosts' for h in result.hosts
            if h.host in ignore})
    wanted = spec['requested_destination']
    if wanted:
        node = wanted.get('node')
        kept = [h for h in result.hosts if h.host == wanted['host'] and
                node in (None, h.node)]
        target = wanted['host'] + (':' + node if node else '')
        result.record('requested_destination', kept, {
            h.name: 'not the requested destination %s' % target
            for h in result.hosts if h not in kept})


def _details(result, hosts, index, consumers, limit=None):
    if not hosts:
        parts = ['no compute nodes are registered']
    else:
        parts = result.lines()
        ordered = result.reasons()
        limit = len(ordered) if limit is None else limit
        parts += ['%s: %s' % item for item in ordered[:limit]]
        if len(ordered) > limit:
            parts.append('(%d more hosts)' % (len(ordered) - limit))
    if len(consumers) > 1:
        parts.insert(0, 'instance %d of %d' % (index + 1, len(consumers)))
    return '; '.join(parts)


def _no_valid_host(result, hosts, index, consumers):
    LOG.info("Filtering removed all hosts for the request with instance "
             "ID '%s'. Filter results: %s", consumers[index],
             _details(result, hosts, index, consumers),
             instance_uuid=consumers[index])
    details = _details(result, hosts, index, consumers, MAX_REASONS)
    raise exception.NoValidHost(reason=NOT_ENOUGH_HOSTS, details=details)
