"""Instances and what hangs off them: metadata, faults, actions and their
events, block device mappings, migrations; compute nodes and the resources claimed on them;
keypairs, quotas and server groups."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps, utcnow

__all__ = ['Instance', 'InstanceMetadata', 'InstanceFault', 'InstanceAction',
           'InstanceActionEvent', 'Migration', 'ComputeNode', 'Allocation',
           'KeyPair', 'Quota', 'ServerGroup', 'ServerGroupMember',
           'InstanceTag', 'BlockDeviceMapping', 'QuotaClass']


class Instance(Timestamps, Base):
    """A server. Deleted rows stay (deleted=True) so that changes-since and
    instance actions still find them, as nova keeps them."""
    __tablename__ = 'instances'
    __table_args__ = (sa.Index('instances_project_deleted', 'project_id',
                               'deleted'),
                      sa.Index('instances_host_deleted', 'host', 'deleted'))
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    project_id: Mapped[str] = mapped_column(sa.String(64))
    user_id: Mapped[str] = mapped_column(sa.String(64))
    display_name: Mapped[str] = mapped_column(sa.String(255))
    display_description: Mapped[str | None] = mapped_column(sa.Text)
    hostname: Mapped[str | None] = mapped_column(sa.String(255))
    host: Mapped[str | None] = mapped_column(sa.String(255))
    node: Mapped[str | None] = mapped_column(sa.String(255))
    availability_zone: Mapped[str | None] = mapped_column(sa.String(255))
    # The flavor as it was when used (flavors may change or go away), and
    # during a resize the old and the new one, as JSON.
    flavor: Mapped[str] = mapped_column(sa.Text)
    old_flavor: Mapped[str | None] = mapped_column(sa.Text)
    new_flavor: Mapped[str | None] = mapped_column(sa.Text)
    vcpus: Mapped[int]
    memory_mb: Mapped[int]
    root_gb: Mapped[int]
    ephemeral_gb: Mapped[int] = mapped_column(default=0)
    image_ref: Mapped[str | None] = mapped_column(sa.String(255))
    key_name: Mapped[str | None] = mapped_column(sa.String(255))
    key_data: Mapped[str | None] = mapped_column(sa.Text)
    user_data: Mapped[str | None] = mapped_column(sa.Text)
    vm_state: Mapped[str] = mapped_column(sa.String(255))
    task_state: Mapped[str | None] = mapped_column(sa.String(255))
    power_state: Mapped[int] = mapped_column(default=0)
    launched_at: Mapped[datetime.datetime | None]
    terminated_at: Mapped[datetime.datetime | None]
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime.datetime | None]
    locked: Mapped[bool] = mapped_column(default=False)
    locked_by: Mapped[str | None] = mapped_column(sa.String(16))
    locked_reason: Mapped[str | None] = mapped_column(sa.Text)
    launch_index: Mapped[int] = mapped_column(default=0)
    reservation_id: Mapped[str | None] = mapped_column(sa.String(255))
    config_drive: Mapped[str | None] = mapped_column(sa.String(255))
    # accessIPv4/accessIPv6: addresses the user states, nova's columns.
    access_ip_v4: Mapped[str | None] = mapped_column(sa.String(39))
    access_ip_v6: Mapped[str | None] = mapped_column(sa.String(39))
    progress: Mapped[int] = mapped_column(default=0)
    # JSON documents: the networks request ("auto", "none" or a list), the
    # scheduler hints and nova-style system metadata (image properties,
    # shelved image id, clean shutdown flags ...).
    networks: Mapped[str | None] = mapped_column(sa.Text)
    scheduler_hints: Mapped[str | None] = mapped_column(sa.Text)
    system_metadata: Mapped[str | None] = mapped_column(sa.Text)


class InstanceMetadata(Base):
    __tablename__ = 'instance_metadata'
    instance_uuid: Mapped[str] = mapped_column(
        sa.ForeignKey('instances.uuid', ondelete='CASCADE'), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(255))


class InstanceFault(Base):
    __tablename__ = 'instance_faults'
    id: Mapped[int] = mapped_column(primary_key=True)
    instance_uuid: Mapped[str] = mapped_column(
        sa.ForeignKey('instances.uuid', ondelete='CASCADE'), index=True)
    code: Mapped[int]
    message: Mapped[str] = mapped_column(sa.String(255))
    details: Mapped[str | None] = mapped_column(sa.Text)
    host: Mapped[str | None] = mapped_column(sa.String(255))
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class InstanceAction(Base):
    """One user request on a server (create, pause, ...)."""
    __tablename__ = 'instance_actions'
    __table_args__ = (sa.Index('instance_actions_uuid_request',
                               'instance_uuid', 'request_id'),)
    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(sa.String(255))
    instance_uuid: Mapped[str] = mapped_column(
        sa.ForeignKey('instances.uuid', ondelete='CASCADE'))
    request_id: Mapped[str] = mapped_column(sa.String(255))
    user_id: Mapped[str | None] = mapped_column(sa.String(64))
    project_id: Mapped[str | None] = mapped_column(sa.String(64))
    start_time: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    finish_time: Mapped[datetime.datetime | None]
    message: Mapped[str | None] = mapped_column(sa.String(255))
    updated_at: Mapped[datetime.datetime | None] = mapped_column(
        default=utcnow, onupdate=utcnow)


class InstanceActionEvent(Base):
    """One step of an action: a flow task, with its result and traceback."""
    __tablename__ = 'instance_action_events'
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        sa.ForeignKey('instance_actions.id', ondelete='CASCADE'), index=True)
    event: Mapped[str] = mapped_column(sa.String(255))
    start_time: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    finish_time: Mapped[datetime.datetime | None]
    result: Mapped[str | None] = mapped_column(sa.String(255))
    traceback: Mapped[str | None] = mapped_column(sa.Text)
    host: Mapped[str | None] = mapped_column(sa.String(255))
    details: Mapped[str | None] = mapped_column(sa.Text)


class Migration(Timestamps, Base):
    __tablename__ = 'migrations'
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    instance_uuid: Mapped[str] = mapped_column(
        sa.ForeignKey('instances.uuid', ondelete='CASCADE'), index=True)
    migration_type: Mapped[str] = mapped_column(sa.String(16))
    status: Mapped[str] = mapped_column(sa.String(255))
    source_compute: Mapped[str | None] = mapped_column(sa.String(255))
    dest_compute: Mapped[str | None] = mapped_column(sa.String(255))
    source_node: Mapped[str | None] = mapped_column(sa.String(255))
    dest_node: Mapped[str | None] = mapped_column(sa.String(255))
    old_flavor_id: Mapped[str | None] = mapped_column(sa.String(255))
    new_flavor_id: Mapped[str | None] = mapped_column(sa.String(255))
    project_id: Mapped[str | None] = mapped_column(sa.String(64))
    user_id: Mapped[str | None] = mapped_column(sa.String(64))
    # Live migration progress (bytes) as the driver reports it.
    memory_total: Mapped[int | None] = mapped_column(sa.BigInteger)
    memory_processed: Mapped[int | None] = mapped_column(sa.BigInteger)
    memory_remaining: Mapped[int | None] = mapped_column(sa.BigInteger)
    disk_total: Mapped[int | None] = mapped_column(sa.BigInteger)
    disk_processed: Mapped[int | None] = mapped_column(sa.BigInteger)
    disk_remaining: Mapped[int | None] = mapped_column(sa.BigInteger)


class ComputeNode(Timestamps, Base):
    """What a hypervisor node has, as its compute daemon last reported."""
    __tablename__ = 'compute_nodes'
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    host: Mapped[str] = mapped_column(sa.String(255), index=True)
    hypervisor_hostname: Mapped[str] = mapped_column(sa.String(255),
                                                     unique=True)
    hypervisor_type: Mapped[str] = mapped_column(sa.String(255))
    hypervisor_version: Mapped[int]
    host_ip: Mapped[str | None] = mapped_column(sa.String(64))
    vcpus: Mapped[int]
    memory_mb: Mapped[int]
    local_gb: Mapped[int]
    vcpus_used: Mapped[int] = mapped_column(default=0)
    memory_mb_used: Mapped[int] = mapped_column(default=0)
    local_gb_used: Mapped[int] = mapped_column(default=0)
    running_vms: Mapped[int] = mapped_column(default=0)
    cpu_info: Mapped[str | None] = mapped_column(sa.Text)


class Allocation(Base):
    """Resources a consumer (instance, or a migration's source side) holds
    on a node. The scheduler writes them when it picks a host, so two
    concurrent requests can never over-commit a node."""
    __tablename__ = 'allocations'
    consumer_uuid: Mapped[str] = mapped_column(sa.String(36),
                                               primary_key=True)
    node: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    host: Mapped[str] = mapped_column(sa.String(255), index=True)
    vcpus: Mapped[int]
    memory_mb: Mapped[int]
    disk_gb: Mapped[int]
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class KeyPair(Base):
    __tablename__ = 'key_pairs'
    __table_args__ = (sa.UniqueConstraint('user_id', 'name',
                                          name='uniq_key_pairs0user0name'),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    user_id: Mapped[str] = mapped_column(sa.String(64))
    fingerprint: Mapped[str] = mapped_column(sa.String(255))
    public_key: Mapped[str] = mapped_column(sa.Text)
    type: Mapped[str] = mapped_column(sa.String(16), default='ssh')
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class Quota(Base):
    """A project's limit for one resource; absent rows use the defaults."""
    __tablename__ = 'quotas'
    project_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    resource: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    hard_limit: Mapped[int]


class QuotaClass(Base):
    """A compute quota class's limit for one resource (nova's
    quota_classes): the 'default' class overrides the [quota] options as
    every project's defaults."""
    __tablename__ = 'quota_classes'
    class_name: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    resource: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    hard_limit: Mapped[int]


class ServerGroup(Base):
    __tablename__ = 'server_groups'
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    project_id: Mapped[str] = mapped_column(sa.String(64))
    user_id: Mapped[str] = mapped_column(sa.String(64))
    policy: Mapped[str] = mapped_column(sa.String(255))
    rules: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class ServerGroupMember(Base):
    __tablename__ = 'server_group_members'
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey('server_groups.id', ondelete='CASCADE'),
        primary_key=True)
    instance_uuid: Mapped[str] = mapped_column(sa.String(36),
                                               primary_key=True)


class InstanceTag(Base):
    __tablename__ = 'instance_tags'
    instance_uuid: Mapped[str] = mapped_column(
        sa.ForeignKey('instances.uuid', ondelete='CASCADE'), primary_key=True)
    tag: Mapped[str] = mapped_column(sa.String(80), primary_key=True,
                                     index=True)


class BlockDeviceMapping(Timestamps, Base):
    """A volume of a server (nova's BDM): its root volume when booted from
    one (boot_index 0), or one attached later. Only volume destinations
    are kept; an image-backed root disk is the instance's image_ref. Rows
    go when the volume is detached or the server deleted."""
    __tablename__ = 'block_device_mappings'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid', 'device_name',
                            name='uniq_bdm0instance0device'),
        sa.UniqueConstraint('instance_uuid', 'volume_id',
                            name='uniq_bdm0instance0volume'),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    instance_uuid: Mapped[str] = mapped_column(
        sa.ForeignKey('instances.uuid', ondelete='CASCADE'), index=True)
    source_type: Mapped[str] = mapped_column(sa.String(16))
    destination_type: Mapped[str] = mapped_column(sa.String(16))
    boot_index: Mapped[int | None]
    device_name: Mapped[str | None] = mapped_column(sa.String(255))
    # Set once the volume exists (a boot volume made from an image gets
    # it from the conductor's build flow) and the attachment is reserved.
    volume_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    attachment_id: Mapped[str | None] = mapped_column(sa.String(36))
    image_id: Mapped[str | None] = mapped_column(sa.String(36))
    snapshot_id: Mapped[str | None] = mapped_column(sa.String(36))
    volume_size: Mapped[int | None]
    volume_type: Mapped[str | None] = mapped_column(sa.String(255))
    delete_on_termination: Mapped[bool] = mapped_column(default=False)
    tag: Mapped[str | None] = mapped_column(sa.String(60))
    # What the volume service answered for this host's connector (JSON):
    # the compute needs it again to detach or to rebuild the guest.
    connection_info: Mapped[str | None] = mapped_column(sa.Text)
