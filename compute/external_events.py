"""The API side of external events (nova's
ComputeAPI.external_instance_event): a volume-extended event and a
power-update event each open an instance action the user can follow
(extend_volume; start or stop), then the events go to every compute
involved with the server, in one cast per host: its host and, while it
moves (a migration under way), the migration's source and destination."""
from stratus.common import exception
from stratus.common import log
from stratus.common import primitives
from stratus.db.api import action_events
from stratus.db.api import block_devices
from stratus.db.api import migration_records
from stratus.db.api import volumes

LOG = log.getLogger(__name__)
POWER_ACTIONS = {'POWER_ON': 'start', 'POWER_OFF': 'stop'}
# These events mean nothing without a tag (the volume, the power state,
# the accelerator request).
TAG_REQUIRED = ('volume-extended', 'power-update',
                'accelerator-request-bound')


def _instances(compute, ctxt, uuids):
    found = {}
    for uuid in uuids:
        try:
            found[uuid] = compute.get(ctxt, uuid, extras=False)
        except exception.InstanceNotFound:
            pass
    return found


def accept(compute, ctxt, events):
    """Give each event ({name, server_uuid, status?, tag?}, changed in
    place) its code: 200 accepted, 400 a required tag missing, 404 no
    such server, 422 the server has no host to deliver it to; deliver
    the accepted ones. Returns 200, or 207 when any failed. `ctxt` is
    an admin context."""
    instances = _instances(compute, ctxt,
                           {event['server_uuid'] for event in events})
    accepted, result = [], 200
    for event in events:
        instance = instances.get(event['server_uuid'])
        if instance is None:
            code = 404
        elif event['name'] in TAG_REQUIRED and 'tag' not in event:
            code = 400
        elif not instance['host']:
            code = 422
        else:
            code = 200
            accepted.append(dict(event,
                                 status=event.get('status', 'completed')))
        event['status'] = 'completed' if code == 200 else 'failed'
        event['code'] = code
        if code != 200:
            result = 207
    if accepted:
        compute.external_instance_event(ctxt, instances, accepted)
    return result


def _action(event):
    if event['name'] == 'volume-extended':
        return 'extend_volume'
    if event['name'] == 'power-update':
        return POWER_ACTIONS.get(event.get('tag'))
    return None


def _extended_volume(uuid, volume_id):
    """The mapping of the extended volume with its new size saved (nova's
    compute reads the size from cinder; here the API process holds the
    database, so it sends the compute what it needs)."""
    try:
        bdm = block_devices.get_by_volume(uuid, volume_id)
        size = volumes.get(volume_id)['size']
    except exception.NotFound:
        return {}
    bdm = block_devices.update(bdm['uuid'], {'volume_size': size})
    return {'bdm': primitives.to_primitive(bdm), 'volume_size': size}


def hosts_of(instance):
    """The server's host, then a moving server's source and destination
    computes (nova's _get_relevant_hosts)."""
    hosts = [instance['host']]
    migration = migration_records.moving(instance['uuid'])
    if migration:
        LOG.debug('Migrating: the events go to %s and %s too',
                  migration['source_compute'], migration['dest_compute'],
                  instance=instance)
        hosts += [migration['dest_compute'], migration['source_compute']]
    return [host for index, host in enumerate(hosts)
            if host and host not in hosts[:index]]


def dispatch(compute_rpc, ctxt, instances, events):
    """`instances`: uuid -> instance (each with a host); `events`: the
    accepted events ({name, server_uuid, status, tag?})."""
    by_host, hosts = {}, {}
    for event in events:
        uuid = event['server_uuid']
        if event['name'] == 'power-update' and \
                _action(event) is None:
            # nova skips a power-update whose tag is no power state.
            LOG.warning('Invalid power state %s: skipping the event',
                        event.get('tag'), instance={'uuid': uuid})
            continue
        action = _action(event)
        if action:
            action_events.action_start(uuid, action, ctxt.request_id,
                                       ctxt.user_id, ctxt.project_id)
        if event['name'] == 'volume-extended':
            event = dict(event, data=_extended_volume(uuid, event['tag']))
        if uuid not in hosts:
            hosts[uuid] = hosts_of(instances[uuid])
        for host in hosts[uuid]:
            held, host_events = by_host.setdefault(host, ({}, []))
            held[uuid] = primitives.to_primitive(instances[uuid])
            host_events.append(event)
    for host, (held, host_events) in by_host.items():
        compute_rpc.external_instance_event(ctxt, host, list(held.values()),
                                            host_events)
