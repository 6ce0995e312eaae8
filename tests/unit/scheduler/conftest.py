"""Scheduler test fixtures: host states in memory, request specs, and
compute nodes / services / allocations inserted straight into the DB."""
import datetime
import json
import uuid

import pytest

from stratus.scheduler import host_state
from stratus.scheduler import request_spec

FLAVOR = {'flavorid': '1', 'name': 'm1.small', 'vcpus': 1,
          'memory_mb': 512, 'root_gb': 1, 'ephemeral_gb': 0, 'swap': 0,
          'extra_specs': {}}


@pytest.fixture
def make_host():
    def make(host='compute1', node=None, **kwargs):
        values = dict(availability_zone='nova', hypervisor_type='fake',
                      vcpus=4, memory_mb=4096, disk_gb=100,
                      service_up=True)
        values.update(kwargs)
        return host_state.HostState(host, node or host, **values)
    return make


@pytest.fixture
def make_spec():
    def make(image=None, instance_uuid=None, **kwargs):
        flavor = dict(FLAVOR, **kwargs.pop('flavor', {}))
        instance = {'uuid': instance_uuid or str(uuid.uuid4()),
                    'project_id': 'p1', 'user_id': 'u1'}
        return request_spec.build(instance, flavor, image, **kwargs)
    return make


class Cloud:
    """Rows a real cloud would have, written the short way."""

    def __init__(self):
        from stratus.db import models
        from stratus.db import session
        self.models = models
        self.session = session

    def _add(self, *rows):
        with self.session.writer() as s:
            s.add_all(rows)

    def add_compute(self, host, vcpus=4, memory_mb=4096, local_gb=100,
                    node=None, az=None, disabled=False, reason=None,
                    up=True, service=True, hypervisor_type='fake',
                    cpu_info=None):
        m = self.models
        rows = [m.ComputeNode(
            uuid=str(uuid.uuid4()), host=host,
            hypervisor_hostname=node or host,
            hypervisor_type=hypervisor_type, hypervisor_version=1000,
            vcpus=vcpus, memory_mb=memory_mb, local_gb=local_gb,
            cpu_info=json.dumps(cpu_info) if cpu_info else None)]
        if service:
            seen = m.utcnow() - datetime.timedelta(
                seconds=0 if up else 3600)
            rows.append(m.Service(
                uuid=str(uuid.uuid4()), host=host, binary='stratus-compute',
                topic='compute', availability_zone=az, disabled=disabled,
                disabled_reason=reason, created_at=seen, updated_at=seen))
        self._add(*rows)

    def add_allocation(self, consumer, host, vcpus=1, memory_mb=512,
                       disk_gb=1, node=None):
        self._add(self.models.Allocation(
            consumer_uuid=consumer, host=host, node=node or host,
            vcpus=vcpus, memory_mb=memory_mb, disk_gb=disk_gb))

    def add_instance(self, instance_uuid, host, node=None, deleted=False):
        self._add(self.models.Instance(
            uuid=instance_uuid, project_id='p1', user_id='u1',
            display_name='vm', flavor=json.dumps(FLAVOR), vcpus=1,
            memory_mb=512, root_gb=1, vm_state='active', host=host,
            node=node or host, deleted=deleted))

    def add_group(self, group_uuid, policy, members=()):
        m = self.models
        with self.session.writer() as s:
            group = m.ServerGroup(uuid=group_uuid, name='g', project_id='p1',
                                  user_id='u1', policy=policy)
            s.add(group)
            s.flush()
            s.add_all(m.ServerGroupMember(group_id=group.id,
                                          instance_uuid=member)
                      for member in members)

    def allocations(self):
        import sqlalchemy as sa
        with self.session.reader() as s:
            return sorted((a.consumer_uuid, a.node, a.vcpus, a.memory_mb,
                           a.disk_gb) for a in
                          s.scalars(sa.select(self.models.Allocation)))


@pytest.fixture
def rows(db):
    return Cloud()


@pytest.fixture
def ctxt():
    from stratus.common import context
    return context.RequestContext(user_id='u1', project_id='p1')
