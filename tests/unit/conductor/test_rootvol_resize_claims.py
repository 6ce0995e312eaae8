"""A volume-backed server's resize or migration claims no local disk
for its root on the destination (nova's is_bfv: the flavor's root_gb is
not the host's), as its build did; an image-backed one claims it."""
import pytest

from stratus.common import context
from stratus.conductor.flows import resize
from stratus.db.api import instances
from stratus.db.api import migration_records
from stratus.scheduler import request_spec

FLAVOR = {'flavorid': '2', 'name': 'bigger', 'vcpus': 1, 'memory_mb': 64,
          'root_gb': 3, 'ephemeral_gb': 1, 'swap': 0, 'extra_specs': {}}


class Scheduler:
    def __init__(self):
        self.specs = []

    def select_destinations(self, ctxt, spec, uuids):
        self.specs.append(spec)
        return [{'host': 'node2', 'node': 'node2',
                 'availability_zone': 'nova'}]


class ComputeRPC:
    def __getattr__(self, method):
        return lambda *args, **kwargs: None


@pytest.fixture
def ctxt(db):
    return context.RequestContext(user_id='u', project_id='p',
                                  roles=['member'])


@pytest.mark.parametrize('image_ref,disk_gb', [('', 1), ('img', 4)])
def test_the_root_disk_is_claimed_only_when_local(ctxt, image_ref,
                                                  disk_gb):
    row = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'vm',
        'flavor': FLAVOR, 'vcpus': 1, 'memory_mb': 64, 'root_gb': 3,
        'vm_state': 'active', 'task_state': 'resize_prep', 'host': 'node1',
        'node': 'node1', 'image_ref': image_ref}])[0]
    migration = migration_records.create({
        'instance_uuid': row['uuid'], 'status': 'pre-migrating',
        'migration_type': 'resize', 'source_compute': 'node1',
        'source_node': 'node1'})
    scheduler = Scheduler()
    resize.run(ctxt, row, migration, FLAVOR, None, None, scheduler,
               ComputeRPC(), lambda e: None)
    [spec] = scheduler.specs
    assert request_spec.resources(spec)['disk_gb'] == disk_gb
