"""Conductor start-up: builds that never reached a host and resizes that
never reached a destination (issue 15, item 9).

A server in BUILD/scheduling without a host waits for the conductor: its
build request was queued for, or being handled by, a conductor. At start
the conductor builds each one again from what is recorded: the server's
flavor, image, pinned zone, server group and volume mappings, under the
request id of its create action (so the compute, which runs a request's
build once, ignores a repeat). Scheduler hints and a requested
destination are not recorded; a rebuilt request goes without them (logged).
A request delivered again afterwards finds the servers placed and does
nothing more (conductor.redelivery).
"""
import sqlalchemy as sa

from stratus.common import context
from stratus.common import exception
from stratus.common import log
from stratus.compute import states
from stratus.db import models
from stratus.db import session

LOG = log.getLogger(__name__)


def _waiting():
    """{create request id: [server uuid]} of servers waiting for a host."""
    instance, action = models.Instance, models.InstanceAction
    with session.reader() as s:
        rows = s.execute(sa.select(instance.uuid, action.request_id).join(
            action, sa.and_(action.instance_uuid == instance.uuid,
                            action.action == 'create')).where(
            instance.deleted.is_(False),
            instance.vm_state == states.BUILDING,
            instance.task_state == states.SCHEDULING,
            instance.host.is_(None))).all()
    found = {}
    for uuid, request_id in rows:
        found.setdefault(request_id, []).append(uuid)
    return found


def _group(uuid):
    member, group = models.ServerGroupMember, models.ServerGroup
    with session.reader() as s:
        row = s.execute(sa.select(group.uuid, group.policy).join(
            member, member.group_id == group.id).where(
            member.instance_uuid == uuid)).first()
    return {'uuid': row.uuid, 'policy': row.policy} if row else None


def request_of(instance):
    """The build request as the API sent it, from the records."""
    from stratus.compute import image_facts
    from stratus.db.api import block_devices
    from stratus.db.api import images
    image = None
    if instance['image_ref']:
        try:
            image = image_facts.summary(images.get(
                instance['image_ref'], include_deleted=True))
        except exception.NotFound:
            image = {'id': instance['image_ref']}
    volumes = [b for b in block_devices.for_instance(instance['uuid'])
               if b['destination_type'] == 'volume']
    return {
        'flavor': instance['flavor'], 'image': image,
        'volume_backed': any(b['boot_index'] == 0 for b in volumes),
        'volumes': bool(volumes),
        'availability_zone': (instance.get('system_metadata') or {}).get(
            'pinned_availability_zone'),
        'scheduler_hints': {}, 'group': _group(instance['uuid']),
        'requested_destination': None}


def rebuild_waiting(manager):
    """Build again every server waiting for a host; returns their uuids."""
    from stratus.db.api import instances
    done = []
    for request_id, uuids in _waiting().items():
        try:
            first = instances.get(uuids[0])
            request = request_of(first)
        except Exception:
            LOG.exception('Servers %s: cannot rebuild their request', uuids)
            continue
        LOG.warning('Servers %s never reached a host; building them again '
                    '(request %s; scheduler hints are not recorded)', uuids,
                    request_id)
        ctxt = context.RequestContext(
            user_id=first['user_id'], project_id=first['project_id'],
            request_id=request_id, is_admin=True, roles=['admin'],
            overwrite=False)
        manager.build_instances(ctxt, uuids, request)
        done.extend(uuids)
    return done


def _latest_request(s, uuid):
    action = models.InstanceAction
    return s.scalars(sa.select(action.request_id).where(
        action.instance_uuid == uuid).order_by(action.id.desc())).first()


def rerun_unplaced_resizes(manager):
    """Resizes and cold migrations the conductor had not yet handed to a
    destination (migration pre-migrating without one, server resize_prep)
    run again with the server's recorded new flavor, under the request id
    of the server's latest action; a requested target host is not recorded
    and is not kept (logged). Returns the migration uuids."""
    migration, instance = models.Migration, models.Instance
    with session.reader() as s:
        rows = s.execute(sa.select(migration.uuid, instance.uuid).join(
            instance, instance.uuid == migration.instance_uuid).where(
            migration.status == 'pre-migrating',
            migration.dest_compute.is_(None),
            migration.migration_type.in_(['resize', 'migration']),
            instance.deleted.is_(False),
            instance.task_state == states.RESIZE_PREP)).all()
        work = [(m, i, _latest_request(s, i)) for m, i in rows]
    from stratus.db.api import instances
    for migration_uuid, uuid, request_id in work:
        server = instances.get(uuid, extras=False)
        LOG.warning('Migration %s of server %s never reached a destination; '
                    'running it again (a requested host is not recorded)',
                    migration_uuid, uuid)
        ctxt = context.RequestContext(
            user_id=server['user_id'], project_id=server['project_id'],
            request_id=request_id, is_admin=True, roles=['admin'],
            overwrite=False)
        manager.migrate_server(ctxt, uuid, migration_uuid,
                               server['new_flavor'] or server['flavor'])
    return [m for m, _, _ in work]
