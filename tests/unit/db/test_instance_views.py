"""An instance as the API shows it: its columns plus metadata, tags, server
groups and attached volumes, read together for one or many instances."""
import uuid

from stratus.db import models
from stratus.db import session
from stratus.db.api import instances


def _instance(name):
    return instances.create([{
        'project_id': 'p', 'user_id': 'u', 'display_name': name,
        'vm_state': 'active', 'power_state': 1, 'vcpus': 1,
        'memory_mb': 64, 'root_gb': 1, 'image_ref': 'img',
        'flavor': {'name': 'f'}}], metadata={'k%s' % name: 'v'},
        tags=('zeta', 'alpha'))[0]['uuid']


def _attach(instance_uuid, volume_id, delete):
    with session.writer() as s:
        s.add(models.BlockDeviceMapping(
            uuid=str(uuid.uuid4()), instance_uuid=instance_uuid,
            source_type='volume', destination_type='volume',
            volume_id=volume_id, delete_on_termination=delete))


def test_extras_of_one_and_of_many(db):
    first, second = _instance('1'), _instance('2')
    with session.writer() as s:
        group = models.ServerGroup(uuid='g-1', name='g', project_id='p',
                                   user_id='u', policy='affinity')
        s.add(group)
        s.flush()
        s.add(models.ServerGroupMember(group_id=group.id,
                                       instance_uuid=first))
    _attach(first, 'vol-b', True)
    _attach(first, 'vol-a', False)
    shown = instances.get(first)
    assert shown['metadata'] == {'k1': 'v'}
    assert shown['tags'] == ['alpha', 'zeta']
    assert shown['server_groups'] == ['g-1']
    # In the order attached, with their flags as booleans.
    assert shown['volumes_attached'] == [
        {'volume_id': 'vol-b', 'delete_on_termination': True},
        {'volume_id': 'vol-a', 'delete_on_termination': False}]
    other = instances.get(second)
    assert (other['metadata'], other['server_groups'],
            other['volumes_attached']) == ({'k2': 'v'}, [], [])
    bare = instances.get(first, extras=False)
    assert bare['uuid'] == first and 'tags' not in bare
