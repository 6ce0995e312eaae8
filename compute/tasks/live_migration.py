"""Live migration on the computes (nova's ComputeManager live migration
methods): the source runs the flow (compute/flows/live_migrate.py), the
destination prepares, takes the guest over, or undoes its preparation.

Volumes move as nova moves them: the destination makes a new attachment
of each volume for its own connector before the guest moves; afterwards
the source's attachments are deleted and the new ones complete; on a
failure the new ones are deleted and the source keeps its own."""
import threading
import traceback

from taskflow.types import failure as tf_failure

from stratus.common import exception
from stratus.common import flow_engine
from stratus.common import log
from stratus.common import timeutils
from stratus.compute import states
from stratus.compute.tasks import volume as volume_tasks
from stratus.compute.tasks.instance import InstanceTask
from stratus.compute.tasks.instance import request_context as ctx

LOG = log.getLogger(__name__)


class PostMigrationFailed(Exception):
    """The guest had already moved when a later step failed: too late to
    go back (nova then puts the server and the migration in error)."""


class Tracker:
    """Live migrations this host was asked to run and has not started
    moving yet, so that an abort can stop them (nova's
    _waiting_live_migrations)."""

    def __init__(self):
        self._waiting = {}
        self._lock = threading.Lock()

    def queue(self, instance_uuid, migration_uuid):
        with self._lock:
            self._waiting[instance_uuid] = migration_uuid

    def start(self, instance_uuid):
        """The move begins: LiveMigrationCancelled if an abort came."""
        with self._lock:
            if self._waiting.pop(instance_uuid, None) is None:
                raise exception.LiveMigrationCancelled(
                    instance_uuid=instance_uuid)

    def drop(self, instance_uuid):
        """An abort: True when the migration had not started moving."""
        with self._lock:
            return self._waiting.pop(instance_uuid, None) is not None


_TRACKERS = {}
_TRACKERS_LOCK = threading.Lock()


def tracker_for(host):
    with _TRACKERS_LOCK:
        return _TRACKERS.setdefault(host, Tracker())


def recorded(conductor, host, ctxt, instance, event, call, *args):
    """`call(*args)` as one event of the request's instance action
    (nova's compute_live_migration_force_complete / _abort)."""
    started, error = timeutils.utcnow(), None
    try:
        return call(*args)
    except Exception as exc:
        error = exc
        raise
    finally:
        conductor.action_events_record(ctxt, instance['uuid'], [{
            'event': event, 'start_time': timeutils.to_iso(started),
            'finish_time': timeutils.to_iso(timeutils.utcnow()),
            'result': 'Error' if error else 'Success',
            'traceback': ''.join(traceback.format_exception(error))
            if error else None, 'host': host}])


def _failure_of(flow_failures, kind):
    return any(isinstance(f.exception, kind) for f in flow_failures.values())


# --- destination side --------------------------------------------------------
def check_destination(driver, instance, block_migration):
    """What the source needs to reach this host (nova's
    check_can_live_migrate_destination); the driver may refuse."""
    data = driver.check_can_live_migrate_destination(instance,
                                                     block_migration)
    target = driver.migration_target()
    if target:
        data = dict(data or {}, dest_target=target)
    return data or {}


def _delete_new_attachments(conductor, ctxt, volumes):
    for volume in volumes:
        try:
            conductor.volume_attachment_delete(ctx(ctxt),
                                               volume['new_attachment_id'])
        except Exception:        # the others must go all the same
            LOG.exception('Deleting attachment %s failed',
                          volume['new_attachment_id'])


def pre_live_migration(driver, conductor, ctxt, instance, dest_data,
                       block_migration):
    """Each volume attached anew for this host; the driver readies the
    guest's arrival. Returns the migrate data (plain)."""
    volumes = []
    try:
        for bdm in conductor.bdm_list(ctx(ctxt), instance['uuid']):
            if not bdm['attachment_id']:
                continue
            new = conductor.volume_attachment_create(
                ctx(ctxt), bdm['volume_id'], instance['uuid'])
            volumes.append({'bdm_uuid': bdm['uuid'],
                            'volume_id': bdm['volume_id'],
                            'device_name': bdm['device_name'],
                            'boot_index': bdm['boot_index'],
                            'old_attachment_id': bdm['attachment_id'],
                            'new_attachment_id': new['id']})
            volumes[-1]['connection_info'] = \
                conductor.volume_attachment_update(
                    ctx(ctxt), new['id'],
                    volume_tasks.connector_for(driver, instance, bdm))
        migrate_data = dict(dest_data or {}, volumes=volumes,
                            block_migration=block_migration)
        driver.pre_live_migration(ctxt, instance, _devices(volumes),
                                  migrate_data)
    except Exception:
        _delete_new_attachments(conductor, ctxt, volumes)
        raise
    return migrate_data


def _devices(volumes):
    return [{'device_name': v['device_name'], 'boot_index': v['boot_index'],
             'volume_id': v['volume_id'],
             'attachment_id': v['new_attachment_id'],
             'connection_info': v['connection_info']} for v in volumes]


def rollback_at_destination(driver, conductor, ctxt, instance,
                            migrate_data):
    LOG.warning('Undoing the preparation of a live migration',
                instance=instance)
    try:
        driver.rollback_live_migration_at_destination(instance,
                                                      migrate_data or {})
    finally:
        _delete_new_attachments(conductor, ctxt,
                                (migrate_data or {}).get('volumes', ()))


def post_at_destination(driver, conductor, ctxt, instance, migration,
                        migrate_data):
    """The guest runs here: volumes point at the new attachments, the
    server's host is this one."""
    for volume in migrate_data.get('volumes', ()):
        conductor.bdm_update(ctx(ctxt), volume['bdm_uuid'], {
            'attachment_id': volume['new_attachment_id'],
            'connection_info': volume['connection_info']})
        conductor.volume_attachment_complete(ctx(ctxt),
                                             volume['new_attachment_id'])
    driver.post_live_migration_at_destination(
        instance, _devices(migrate_data.get('volumes', ())), migrate_data)
    values = {'host': migration['dest_compute'],
              'node': migration['dest_node'],
              'power_state': driver.get_power_state(instance),
              'task_state': None}
    if migrate_data.get('availability_zone'):
        # nova: the server's zone becomes the destination's.
        values['availability_zone'] = migrate_data['availability_zone']
    conductor.instance_update(ctx(ctxt), instance['uuid'], values,
                              expected_task_state=[states.MIGRATING])


# --- source side: the tasks of the flow --------------------------------------
class RestoreOnRevertTask(InstanceTask):
    """First task: a failure before the guest moved leaves it running on
    the source as it was (task_state None, no fault: nova records none),
    the destination claim released and the source claim given back, the
    migration 'error' ('cancelled' after an abort). A failure after the
    move puts server and migration in error."""

    def execute(self, ctxt, instance, migration):
        pass

    def revert(self, ctxt, instance, migration, flow_failures, **kwargs):
        rctxt = ctx(ctxt)
        if _failure_of(flow_failures, PostMigrationFailed):
            fault = flow_engine.fault_from_failure(flow_failures,
                                                   host=instance['host'])
            self.update(ctxt, instance, {'vm_state': states.ERROR,
                                         'task_state': None}, fault=fault)
            self.conductor.migration_update(rctxt, migration['uuid'],
                                            {'status': 'error'})
            return
        cancelled = _failure_of(flow_failures,
                                exception.LiveMigrationCancelled)
        self.update(ctxt, instance, {'task_state': None},
                    expected=[states.MIGRATING])
        self.conductor.migration_update(
            rctxt, migration['uuid'],
            {'status': 'cancelled' if cancelled else 'error'})
        self.conductor.release_resources(rctxt, instance['uuid'])
        self.conductor.claims_move(rctxt, migration['uuid'],
                                   instance['uuid'])


class PreLiveMigrationTask(flow_engine.StratusTask):
    """The destination prepares (volumes attached there). Revert: it
    undoes that."""
    default_provides = 'migrate_data'

    def __init__(self, compute_rpc):
        super().__init__()
        self.compute_rpc = compute_rpc

    def execute(self, ctxt, instance, migration, dest_data,
                block_migration):
        return self.compute_rpc.pre_live_migration(
            ctx(ctxt), migration['dest_compute'], instance, migration,
            dest_data, block_migration)

    def revert(self, ctxt, instance, migration, result, flow_failures,
               **kwargs):
        if isinstance(result, tf_failure.Failure) or \
                _failure_of(flow_failures, PostMigrationFailed):
            return
        self.compute_rpc.rollback_live_migration_at_destination(
            ctx(ctxt), migration['dest_compute'], instance, migration,
            result)


class StartMoveTask(flow_engine.StratusTask):
    """Off the waiting list: an abort that came first cancels here."""

    def __init__(self, tracker):
        super().__init__()
        self.tracker = tracker

    def execute(self, instance):
        self.tracker.start(instance['uuid'])


class MoveGuestTask(flow_engine.StratusTask):
    """The driver moves the running guest; it stays on the source if that
    fails or is aborted. Returns what the destination takes over. The
    progress it reports goes on the migration (nova's memory_* and
    disk_* figures)."""
    default_provides = 'guest_data'

    def __init__(self, driver, conductor):
        super().__init__()
        self.driver = driver
        self.conductor = conductor

    def execute(self, ctxt, instance, migration, migrate_data):
        LOG.info('Moving the running guest to %s', migration['dest_compute'],
                 instance=instance)

        def progress(values):
            try:
                self.conductor.migration_update(ctx(ctxt), migration['uuid'],
                                                values)
            except Exception:       # figures only: the move goes on
                LOG.exception('Recording live migration progress failed')
        return self.driver.live_migration(
            instance, migration['dest_compute'], migrate_data,
            progress=progress) or {}


class PostLiveMigrationTask(InstanceTask):
    """The guest runs on the destination: the source lets go of it and
    its volumes, the destination takes the server, the source claim is
    released and the migration completed."""

    def __init__(self, conductor, driver, compute_rpc):
        super().__init__(conductor)
        self.driver = driver
        self.compute_rpc = compute_rpc

    def execute(self, ctxt, instance, migration, migrate_data, guest_data):
        rctxt = ctx(ctxt)
        try:
            self.driver.post_live_migration(instance, migrate_data)
            for volume in migrate_data.get('volumes', ()):
                self.conductor.volume_attachment_delete(
                    rctxt, volume['old_attachment_id'])
            self.compute_rpc.post_live_migration_at_destination(
                rctxt, migration['dest_compute'], instance, migration,
                dict(migrate_data, guest=guest_data))
            self.conductor.release_resources(rctxt, migration['uuid'])
            self.conductor.migration_update(rctxt, migration['uuid'],
                                            {'status': 'completed'})
        except Exception as exc:
            LOG.exception('Live migration failed after the guest moved',
                          instance=instance)
            raise PostMigrationFailed(str(exc)) from exc
