"""An in-memory stand-in for the conductor's RPC client, for unit tests of
compute flows: same methods, same compare-and-swap rule. Volumes of
servers too: block device mappings, and volumes with attachments moving
through cinder's statuses (reserved, attaching, in-use, detaching,
available)."""
import copy
import uuid as uuidlib

from stratus.common import exception


class FakeConductor:
    def __init__(self):
        self.instances = {}
        self.faults = []
        self.events = []
        self.event_writes = []     # ('update' | 'record', how many events)
        self.released = []
        self.destroyed = []
        self.nodes = []
        self.fail_when = None      # predicate(values): fail one update
        self.fail_methods = set()  # names of methods that raise once
        self.bdms = {}             # uuid -> mapping
        self.volumes = {}          # id -> {'status', 'attachments'}
        self.attachments = {}      # id -> {'volume_id', 'status', ...}
        self.deleted_volumes = []
        self.completions = []      # (old id, new id, error) of swaps
        self.migrations = {}       # uuid -> values written
        self.joint_writes = []     # (instance values, migration) together

    def migration_update(self, ctxt, migration_uuid, values):
        self.migrations.setdefault(migration_uuid, {}).update(values)

    def add(self, instance):
        self.instances[instance['uuid']] = copy.deepcopy(instance)
        return copy.deepcopy(instance)

    def instance_update(self, ctxt, instance_uuid, values,
                        expected_task_state=None, fault=None, events=None,
                        migration=None):
        if self.fail_when and self.fail_when(values):
            self.fail_when = None
            raise RuntimeError('injected failure saving %s' % values)
        instance = self.instances.get(instance_uuid)
        if instance is None:                # deleted meanwhile
            raise exception.InstanceNotFound(instance_id=instance_uuid)
        if expected_task_state is not None and \
                instance['task_state'] not in expected_task_state:
            raise exception.UnexpectedTaskStateError(
                instance_uuid=instance_uuid, expected=expected_task_state,
                actual=instance['task_state'])
        if migration is not None:           # in the same write
            self.joint_writes.append((dict(values), migration))
            self.migration_update(ctxt, migration['uuid'],
                                  migration['values'])
        instance.update(values)
        if fault:
            self.faults.append(fault)
        if events:                          # stored in the same write
            self.events.extend(events)
            self.event_writes.append(('update', len(events)))
        return copy.deepcopy(instance)

    def instance_destroy(self, ctxt, instance_uuid):
        self.destroyed.append(instance_uuid)
        self.instances[instance_uuid].update(vm_state='deleted',
                                             task_state=None)

    def release_resources(self, ctxt, instance_uuid):
        self.released.append(instance_uuid)

    def action_events_record(self, ctxt, instance_uuid, events):
        self.events.extend(events)
        self.event_writes.append(('record', len(events)))

    def compute_node_update(self, ctxt, values):
        self.nodes.append(values)

    def instances_on_host(self, ctxt, host):
        return [copy.deepcopy(i) for i in self.instances.values()
                if i.get('host') == host and i['vm_state'] != 'deleted']

    def evacuations_from_host(self, ctxt, host):
        """Evacuation migrations the test put in `self.evacuations`."""
        return [copy.deepcopy(m) for m in getattr(self, 'evacuations', ())
                if m['source_compute'] == host and
                m['status'] in ('accepted', 'pre-migrating', 'done')]

    # --- volumes of servers --------------------------------------------------
    def _maybe_fail(self, method):
        if method in self.fail_methods:
            self.fail_methods.discard(method)
            raise RuntimeError('injected failure in %s' % method)

    def add_volume(self, instance_uuid, device_name='/dev/vdb',
                   boot_index=None, status='reserved', attach_status=None,
                   **values):
        """A volume with a reserved attachment and its mapping to the
        server; returns the mapping."""
        volume_id = str(uuidlib.uuid4())
        attachment_id = str(uuidlib.uuid4())
        self.volumes[volume_id] = {'status': status}
        self.attachments[attachment_id] = {
            'volume_id': volume_id, 'instance_uuid': instance_uuid,
            'status': attach_status or 'reserved', 'connector': None}
        bdm = dict({'uuid': str(uuidlib.uuid4()),
                    'instance_uuid': instance_uuid,
                    'source_type': 'volume', 'destination_type': 'volume',
                    'boot_index': boot_index, 'device_name': device_name,
                    'volume_id': volume_id, 'attachment_id': attachment_id,
                    'delete_on_termination': False, 'tag': None,
                    'connection_info': None}, **values)
        self.bdms[bdm['uuid']] = bdm
        return copy.deepcopy(bdm)

    def volume_status(self, volume_id):
        return self.volumes[volume_id]['status']

    def bdm_list(self, ctxt, instance_uuid):
        self._maybe_fail('bdm_list')
        return [copy.deepcopy(b) for b in self.bdms.values()
                if b['instance_uuid'] == instance_uuid]

    def bdm_create(self, ctxt, values):
        self._maybe_fail('bdm_create')
        self.bdms[values['uuid']] = copy.deepcopy(values)
        return copy.deepcopy(values)

    def bdm_update(self, ctxt, bdm_uuid, values):
        self._maybe_fail('bdm_update')
        self.bdms[bdm_uuid].update(copy.deepcopy(values))
        return copy.deepcopy(self.bdms[bdm_uuid])

    def bdm_destroy(self, ctxt, bdm_uuid):
        self._maybe_fail('bdm_destroy')
        self.bdms.pop(bdm_uuid, None)

    def volume_attachment_update(self, ctxt, attachment_id, connector):
        self._maybe_fail('volume_attachment_update')
        attachment = self.attachments[attachment_id]
        attachment.update(connector=connector, status='attaching')
        volume = self.volumes[attachment['volume_id']]
        if volume['status'] in ('reserved', 'available'):
            volume['status'] = 'attaching'
        return {'driver_volume_type': 'local',
                'data': {'device_path': '/dev/fake/%s'
                         % attachment['volume_id'],
                         'volume_id': attachment['volume_id']}}

    def volume_attachment_complete(self, ctxt, attachment_id):
        self._maybe_fail('volume_attachment_complete')
        attachment = self.attachments[attachment_id]
        attachment['status'] = 'attached'
        self.volumes[attachment['volume_id']]['status'] = 'in-use'

    def volume_attachment_delete(self, ctxt, attachment_id):
        self._maybe_fail('volume_attachment_delete')
        attachment = self.attachments.pop(attachment_id)
        # cinder: the most advanced remaining attachment names the state.
        left = sorted(a['status'] for a in self.attachments.values()
                      if a['volume_id'] == attachment['volume_id'])
        status = ({'attached': 'in-use'}.get(left[0], left[0]) if left
                  else 'available')
        self.volumes[attachment['volume_id']]['status'] = status

    def volume_roll_detaching(self, ctxt, volume_id):
        self._maybe_fail('volume_roll_detaching')
        if self.volumes[volume_id]['status'] == 'detaching':
            self.volumes[volume_id]['status'] = 'in-use'

    def instance_volumes_release(self, ctxt, instance_uuid):
        self._maybe_fail('instance_volumes_release')
        for bdm in self.bdm_list(ctxt, instance_uuid):
            if bdm['attachment_id'] in self.attachments:
                self.volume_attachment_delete(ctxt, bdm['attachment_id'])
            if bdm['delete_on_termination']:
                self.volumes.pop(bdm['volume_id'], None)
                self.deleted_volumes.append(bdm['volume_id'])
            self.bdms.pop(bdm['uuid'])
        return []

    def volume_migration_completion(self, ctxt, old_volume_id,
                                    new_volume_id, error):
        """As the block storage answers for a migrating volume: the old
        id keeps the data."""
        self._maybe_fail('volume_migration_completion')
        self.completions.append((old_volume_id, new_volume_id, error))
        return old_volume_id

    def volume_attachment_create(self, ctxt, volume_id, instance_uuid):
        """A second reserved attachment of the server's volume (a move)."""
        self._maybe_fail('volume_attachment_create')
        attachment_id = str(uuidlib.uuid4())
        self.attachments[attachment_id] = {
            'volume_id': volume_id, 'instance_uuid': instance_uuid,
            'status': 'reserved', 'connector': None}
        return {'id': attachment_id, 'volume_id': volume_id,
                'instance_uuid': instance_uuid}

    # The volume-reimaged event the block storage sends after a re-image
    # of a reserved volume ('completed'; 'failed'; None: none comes).
    reimage_event = 'completed'

    def volume_reimage(self, ctxt, volume_id, image_id):
        """The root volume re-imaged (reserved while it is written); the
        event goes to the server waiting for it, as the block storage's
        would through os-server-external-events."""
        self._maybe_fail('volume_reimage')
        assert self.volumes[volume_id]['status'] == 'reserved'
        self.volumes[volume_id]['image_id'] = image_id
        if self.reimage_event:
            from stratus.compute import instance_events
            for attachment in list(self.attachments.values()):
                if attachment['volume_id'] == volume_id:
                    instance_events.deliver(
                        {'uuid': attachment['instance_uuid']},
                        {'name': 'volume-reimaged', 'tag': volume_id,
                         'server_uuid': attachment['instance_uuid'],
                         'status': self.reimage_event})
