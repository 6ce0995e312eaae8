"""A finished resize is written in one transaction: the instance resized
(VERIFY_RESIZE) and its migration finished, or neither; a confirm or a
revert, which need both, never sees one without the other."""
import pytest

from stratus.common import exception
from stratus.db.api import instances
from stratus.db.api import migration_records


def _resizing():
    uuid = instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': 'x',
        'vm_state': 'active', 'task_state': 'resize_finish',
        'power_state': 1, 'vcpus': 1, 'memory_mb': 64, 'root_gb': 1,
        'image_ref': 'img', 'flavor': {'name': 'f'}}])[0]['uuid']
    migration = migration_records.create({
        'instance_uuid': uuid, 'status': 'post-migrating',
        'migration_type': 'resize', 'source_compute': 'c1',
        'source_node': 'c1', 'dest_compute': 'c2', 'dest_node': 'c2',
        'old_flavor_id': '1', 'new_flavor_id': '2', 'project_id': 'p',
        'user_id': 'u'})
    return uuid, migration['uuid']


def _finish(uuid, migration_uuid, expected=('resize_finish',)):
    return instances.update(
        uuid, {'vm_state': 'resized', 'task_state': None},
        expected_task_state=list(expected),
        migration={'uuid': migration_uuid, 'values': {'status': 'finished'}})


def test_resized_and_finished_together(db):
    uuid, migration_uuid = _resizing()
    done = _finish(uuid, migration_uuid)
    assert (done['vm_state'], done['task_state']) == ('resized', None)
    assert migration_records.in_progress_for(uuid)['uuid'] == migration_uuid


def test_a_refused_swap_leaves_the_migration_as_it_was(db):
    uuid, migration_uuid = _resizing()
    with pytest.raises(exception.UnexpectedTaskStateError):
        _finish(uuid, migration_uuid, expected=('resize_migrated',))
    assert migration_records.get(migration_uuid)['status'] == \
        'post-migrating'
    assert migration_records.in_progress_for(uuid) is None


def test_a_migration_gone_leaves_the_instance_resizing(db):
    uuid, _ = _resizing()
    with pytest.raises(exception.MigrationNotFound):
        _finish(uuid, 'no-such-migration')
    saved = instances.get(uuid)
    assert (saved['vm_state'], saved['task_state']) == (
        'active', 'resize_finish')
