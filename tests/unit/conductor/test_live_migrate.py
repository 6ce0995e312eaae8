"""The conductor's part of a live migration (nova's LiveMigrationTask) on
a real database: the migration record, the pre-checks with nova's errors,
the forced or scheduled destination and its claim, the cast to the
source; every failure puts things back (claims, task_state) with the
migration in error and the fault recorded."""
import pytest

from support.server_cloud import cloud, create  # noqa: F401
from support.server_cloud import set_state

from stratus.common import context
from stratus.common import exception
from stratus.conductor import live_migrate
from stratus.db.api import allocations
from stratus.db.api import compute_nodes
from stratus.db.api import instances
from stratus.db.api import live_migrations
from stratus.db.api import services


class Recorder:
    def __init__(self, answer=None):
        self.sent = []
        self.answer = answer
        self.raises = None
        self.raises_in = None       # only this method raises

    def __getattr__(self, method):
        def record(ctxt, *args, **kwargs):
            self.sent.append((method, args, kwargs))
            if self.raises is not None and \
                    self.raises_in in (None, method):
                raise self.raises
            return self.answer
        return record


@pytest.fixture
def world(cloud):  # noqa: F811
    for host in ('compute1', 'compute2'):
        compute_nodes.update({
            'hypervisor_hostname': host, 'host': host,
            'hypervisor_type': 'fake', 'hypervisor_version': 1000,
            'vcpus': 8, 'memory_mb': 8192, 'local_gb': 100})
        services.report(context.get_admin_context(), {
            'host': host, 'binary': 'stratus-compute', 'topic': 'compute'})
    resp = create(cloud)
    sid = resp.json['server']['id']
    set_state(sid, 'active', 'migrating', host='compute1', node='compute1',
              power_state=1)
    allocations.replace(sid, 'compute1', 'compute1', 1, 64, 1)
    return sid


def _run(sid, host=None, requested=None, scheduler=None, computes=None):
    ctxt = context.get_admin_context()
    scheduler = scheduler or Recorder([{'host': 'compute2',
                                        'node': 'compute2'}])
    computes = computes or Recorder({})
    live_migrate.run(ctxt, sid, {'host': host, 'requested_host': requested,
                                 'block_migration': False},
                     scheduler, computes)
    return scheduler, computes


def _fault(sid):
    from stratus.db import models
    from stratus.db import session
    with session.reader() as s:
        return s.query(models.InstanceFault).filter_by(
            instance_uuid=sid).one().message


def _migration(sid):
    from stratus.db.api import migrations
    [row] = migrations.migration_list(instance_uuid=sid)
    return row


def test_forced_host_is_claimed_and_the_source_cast(world):
    scheduler, computes = _run(world, host='compute2')
    assert scheduler.sent == []
    [check, cast] = computes.sent
    assert check[0] == 'check_can_live_migrate_destination'
    assert check[1][0] == 'compute2'
    method, (host, instance, migration, dest_data, block), _ = cast
    assert (method, host, instance['uuid']) == ('live_migration',
                                                'compute1', world)
    assert (migration['status'], migration['migration_type'],
            migration['dest_compute'], migration['source_node']) == (
        'accepted', 'live-migration', 'compute2', 'compute1')
    assert [a['host'] for a in allocations.get(world)] == ['compute2']
    assert [a['host'] for a in allocations.get(migration['uuid'])] == [
        'compute1']


def test_no_host_asks_the_scheduler_without_the_source(world):
    scheduler, computes = _run(world, requested='compute2')
    [(method, (spec, uuids), _)] = scheduler.sent
    assert method == 'select_destinations' and uuids == [world]
    assert spec['ignore_hosts'] == ['compute1']
    assert spec['requested_destination']['host'] == 'compute2'
    assert computes.sent[-1][0] == 'live_migration'


@pytest.mark.parametrize('host,prepare,error,message', [
    ('compute1', None, exception.UnableToMigrateToSelf,
     'Unable to migrate instance ({sid}) to current host (compute1).'),
    ('compute2', 'down', exception.ComputeServiceUnavailable,
     'Compute service of compute2 is unavailable at this time.'),
    ('compute2', 'memory', exception.MigrationPreCheckError,
     'Migration pre-check error: Unable to migrate {sid} to compute2: '
     'Lack of memory(host:0.0 <= instance:64)'),
    ('compute2', 'type', exception.InvalidHypervisorType,
     'The supplied hypervisor type of is invalid.'),
])
def test_pre_check_failures_put_everything_back(world, host, prepare,
                                                error, message):
    if prepare == 'down':
        services.service_update(services.service_list(
            host='compute2')[0]['id'], {'forced_down': True})
    elif prepare == 'memory':
        allocations.replace('other', 'compute2', 'compute2', 1, 8192, 1)
    elif prepare == 'type':
        compute_nodes.update({'hypervisor_hostname': 'compute2',
                              'hypervisor_type': 'qemu'})
    with pytest.raises(error) as caught:
        _run(world, host=host)
    assert caught.value.message == message.format(sid=world)
    instance = instances.get(world)
    assert (instance['vm_state'], instance['task_state']) == ('active',
                                                             None)
    assert _fault(world) == caught.value.message
    assert _migration(world)['status'] == 'error'
    assert [a['host'] for a in allocations.get(world)] == ['compute1']
    assert live_migrations.in_progress(world) == []


def test_a_stopped_guest_is_refused(world):
    set_state(world, 'active', 'migrating', power_state=4)
    with pytest.raises(exception.InstanceInvalidState) as caught:
        _run(world)
    assert caught.value.message == ("Cannot 'os-migrateLive' instance %s "
                                    "while it is in power_state shutdown"
                                    % world)


def test_no_valid_host(world):
    scheduler = Recorder()
    scheduler.raises = exception.NoValidHost(reason='')
    with pytest.raises(exception.NoValidHost):
        _run(world, scheduler=scheduler)
    assert _migration(world)['status'] == 'error'
    assert instances.get(world)['task_state'] is None


def test_an_unexpected_error_is_the_servers_error(world):
    computes = Recorder({})
    computes.raises = RuntimeError('boom')
    computes.raises_in = 'live_migration'
    with pytest.raises(exception.MigrationError):
        _run(world, computes=computes)
    instance = instances.get(world)
    assert (instance['vm_state'], instance['task_state']) == ('error', None)
    assert [a['host'] for a in allocations.get(world)] == ['compute1']


def test_the_destinations_zone_and_refusal_travel(world):
    _, computes = _run(world, host='compute2')
    dest_data = computes.sent[-1][1][3]
    assert dest_data['availability_zone'] == 'nova'
    computes = Recorder()
    computes.raises = RuntimeError('no shared storage')
    set_state(world, 'active', 'migrating', host='compute1')
    allocations.replace(world, 'compute1', 'compute1', 1, 64, 1)
    with pytest.raises(exception.MigrationPreCheckError) as caught:
        _run(world, host='compute2', computes=computes)
    assert caught.value.message == ('Migration pre-check error: no shared '
                                    'storage')
    assert instances.get(world)['vm_state'] == 'active'


def test_a_refusing_destination_is_skipped_for_the_next(world):
    """nova's _find_destination: the refusing host is excluded and its
    claim released, the scheduler asked again."""
    compute_nodes.update({
        'hypervisor_hostname': 'compute3', 'host': 'compute3',
        'hypervisor_type': 'fake', 'hypervisor_version': 1000,
        'vcpus': 8, 'memory_mb': 8192, 'local_gb': 100})
    picks = iter(['compute2', 'compute3'])

    class Scheduler(Recorder):
        def select_destinations(self, ctxt, spec, uuids):
            self.sent.append(list(spec['ignore_hosts']))
            host = next(picks)
            allocations.replace(uuids[0], host, host, 1, 64, 1)
            return [{'host': host, 'node': host}]

    class Computes(Recorder):
        def check_can_live_migrate_destination(self, ctxt, host, *args):
            if host == 'compute2':
                raise exception.MigrationPreCheckError(reason='no room')
            return {}
    scheduler, computes = _run(world, scheduler=Scheduler(),
                               computes=Computes())
    assert scheduler.sent == [['compute1'], ['compute1', 'compute2']]
    assert computes.sent[-1][1][0] == 'compute1'       # the source's cast
    assert _migration(world)['dest_compute'] == 'compute3'
    assert [a['host'] for a in allocations.get(world)] == ['compute3']
