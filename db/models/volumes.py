"""Block storage: volumes, their metadata and attachments, volume types,
snapshots, the pools backends report, volume quotas and user messages."""
import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from stratus.db.models.base import Base, Timestamps, utcnow

__all__ = ['Volume', 'VolumeMetadata', 'VolumeType', 'VolumeTypeExtraSpec',
           'VolumeTypeProject', 'Snapshot', 'SnapshotMetadata',
           'VolumeAttachment', 'BackendPool', 'VolumeQuota',
           'VolumeReservation', 'VolumeMessage']


class Volume(Timestamps, Base):
    """A volume. Deleted rows stay (deleted=True) as cinder keeps them, so
    ids are never reused. ``host`` is the pool, host@backend#pool, once the
    scheduler placed it."""
    __tablename__ = 'volumes'
    __table_args__ = (sa.Index('volumes_project_deleted', 'project_id',
                               'deleted'),
                      sa.Index('volumes_host_status', 'host', 'status'))
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(64))
    user_id: Mapped[str] = mapped_column(sa.String(64))
    host: Mapped[str | None] = mapped_column(sa.String(255))
    size: Mapped[int]
    availability_zone: Mapped[str | None] = mapped_column(sa.String(255))
    status: Mapped[str] = mapped_column(sa.String(255))
    previous_status: Mapped[str | None] = mapped_column(sa.String(255))
    attach_status: Mapped[str] = mapped_column(sa.String(255),
                                               default='detached')
    migration_status: Mapped[str | None] = mapped_column(sa.String(255))
    display_name: Mapped[str | None] = mapped_column(sa.String(255))
    display_description: Mapped[str | None] = mapped_column(sa.String(255))
    # No foreign key: a type may go once no live volume uses it, while
    # deleted volumes still name it.
    volume_type_id: Mapped[str | None] = mapped_column(sa.String(36))
    snapshot_id: Mapped[str | None] = mapped_column(sa.String(36))
    source_volid: Mapped[str | None] = mapped_column(sa.String(36))
    image_id: Mapped[str | None] = mapped_column(sa.String(36))
    # Image properties of a volume created from an image, as JSON
    # (cinder's volume_glance_metadata).
    image_metadata: Mapped[str | None] = mapped_column(sa.Text)
    # cinder's volume_admin_metadata (readonly, ...), as JSON.
    admin_metadata: Mapped[str | None] = mapped_column(sa.Text)
    # cinder's _name_id: after a migration the row keeps its id while the
    # backend object is the one created under the destination's id.
    name_id: Mapped[str | None] = mapped_column(sa.String(36))
    provider_location: Mapped[str | None] = mapped_column(sa.String(255))
    bootable: Mapped[bool] = mapped_column(default=False)
    multiattach: Mapped[bool] = mapped_column(default=False)
    encryption_key_id: Mapped[str | None] = mapped_column(sa.String(36))
    replication_status: Mapped[str | None] = mapped_column(sa.String(255))
    consistencygroup_id: Mapped[str | None] = mapped_column(sa.String(36))
    group_id: Mapped[str | None] = mapped_column(sa.String(36))
    service_uuid: Mapped[str | None] = mapped_column(sa.String(36))
    shared_targets: Mapped[bool] = mapped_column(default=True)
    cluster_name: Mapped[str | None] = mapped_column(sa.String(255))
    # False once a failed create gave its quota back (cinder 3.65's
    # consumes_quota).
    use_quota: Mapped[bool] = mapped_column(default=True)
    # The status this backend started working on (cinder records it as a
    # row of its workers table): start-up recovery fails only work that
    # had started; a request still queued runs when its message comes.
    worker_status: Mapped[str | None] = mapped_column(sa.String(255))
    scheduled_at: Mapped[datetime.datetime | None]
    launched_at: Mapped[datetime.datetime | None]
    terminated_at: Mapped[datetime.datetime | None]
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime.datetime | None]


class VolumeMetadata(Base):
    __tablename__ = 'volume_metadata'
    volume_id: Mapped[str] = mapped_column(
        sa.ForeignKey('volumes.id', ondelete='CASCADE'), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(255))


class VolumeType(Timestamps, Base):
    __tablename__ = 'volume_types'
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255), unique=True)
    description: Mapped[str | None] = mapped_column(sa.String(255))
    is_public: Mapped[bool] = mapped_column(default=True)
    # The QoS spec the type carries (one at most); no foreign key, the
    # specs live in another area's table.
    qos_specs_id: Mapped[str | None] = mapped_column(sa.String(36))


class VolumeTypeExtraSpec(Base):
    __tablename__ = 'volume_type_extra_specs'
    volume_type_id: Mapped[str] = mapped_column(
        sa.ForeignKey('volume_types.id', ondelete='CASCADE'),
        primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(255))


class VolumeTypeProject(Base):
    """Projects that may use a private volume type."""
    __tablename__ = 'volume_type_projects'
    volume_type_id: Mapped[str] = mapped_column(
        sa.ForeignKey('volume_types.id', ondelete='CASCADE'),
        primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)


class Snapshot(Timestamps, Base):
    __tablename__ = 'snapshots'
    __table_args__ = (sa.Index('snapshots_project_deleted', 'project_id',
                               'deleted'),
                      sa.Index('snapshots_volume_deleted', 'volume_id',
                               'deleted'))
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    volume_id: Mapped[str] = mapped_column(sa.ForeignKey('volumes.id'))
    project_id: Mapped[str] = mapped_column(sa.String(64))
    user_id: Mapped[str] = mapped_column(sa.String(64))
    status: Mapped[str] = mapped_column(sa.String(255))
    progress: Mapped[str | None] = mapped_column(sa.String(255))
    volume_size: Mapped[int]
    display_name: Mapped[str | None] = mapped_column(sa.String(255))
    display_description: Mapped[str | None] = mapped_column(sa.String(255))
    volume_type_id: Mapped[str | None] = mapped_column(sa.String(36))
    provider_location: Mapped[str | None] = mapped_column(sa.String(255))
    encryption_key_id: Mapped[str | None] = mapped_column(sa.String(36))
    group_snapshot_id: Mapped[str | None] = mapped_column(sa.String(36))
    use_quota: Mapped[bool] = mapped_column(default=True)
    deleted: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime.datetime | None]


class SnapshotMetadata(Base):
    __tablename__ = 'snapshot_metadata'
    snapshot_id: Mapped[str] = mapped_column(
        sa.ForeignKey('snapshots.id', ondelete='CASCADE'), primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(255))


class VolumeAttachment(Timestamps, Base):
    """One attachment of a volume to an instance (or a host). The
    connector and connection_info are JSON documents."""
    __tablename__ = 'volume_attachments'
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    volume_id: Mapped[str] = mapped_column(
        sa.ForeignKey('volumes.id', ondelete='CASCADE'), index=True)
    instance_uuid: Mapped[str | None] = mapped_column(sa.String(36),
                                                      index=True)
    attached_host: Mapped[str | None] = mapped_column(sa.String(255))
    mountpoint: Mapped[str | None] = mapped_column(sa.String(255))
    attach_time: Mapped[datetime.datetime | None]
    detach_time: Mapped[datetime.datetime | None]
    attach_status: Mapped[str] = mapped_column(sa.String(255))
    attach_mode: Mapped[str] = mapped_column(sa.String(36), default='rw')
    connector: Mapped[str | None] = mapped_column(sa.Text)
    connection_info: Mapped[str | None] = mapped_column(sa.Text)


class BackendPool(Base):
    """The last capacity report of one pool, host@backend#pool, written by
    its stratus-volume and read by the scheduler and get_pools."""
    __tablename__ = 'backend_pools'
    name: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    backend: Mapped[str] = mapped_column(sa.String(255), index=True)
    pool_name: Mapped[str] = mapped_column(sa.String(255))
    volume_backend_name: Mapped[str | None] = mapped_column(sa.String(255))
    total_capacity_gb: Mapped[float] = mapped_column(default=0.0)
    free_capacity_gb: Mapped[float] = mapped_column(default=0.0)
    allocated_capacity_gb: Mapped[float] = mapped_column(default=0.0)
    provisioned_capacity_gb: Mapped[float] = mapped_column(default=0.0)
    reserved_percentage: Mapped[int] = mapped_column(default=0)
    max_over_subscription_ratio: Mapped[float] = mapped_column(default=1.0)
    thin_provisioning_support: Mapped[bool] = mapped_column(default=False)
    thick_provisioning_support: Mapped[bool] = mapped_column(default=True)
    # Every key the driver reported (backend and pool level), as JSON: what
    # CapabilitiesFilter matches extra specs against.
    capabilities: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class VolumeQuota(Base):
    """A project's limit for one volume resource (volumes, gigabytes,
    snapshots, volumes_<type> ...); absent rows use the defaults."""
    __tablename__ = 'volume_quotas'
    project_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    resource: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    hard_limit: Mapped[int]


class VolumeReservation(Base):
    """Quota held by a create between its check and its row (counted as
    used until committed, rolled back, or expired)."""
    __tablename__ = 'volume_reservations'
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(64), index=True)
    resource: Mapped[str] = mapped_column(sa.String(255))
    delta: Mapped[int]
    expire: Mapped[datetime.datetime]
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)


class VolumeMessage(Base):
    """A user-visible message about a failed asynchronous operation
    (cinder's /messages)."""
    __tablename__ = 'volume_messages'
    __table_args__ = (sa.Index('volume_messages_project', 'project_id'),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    project_id: Mapped[str] = mapped_column(sa.String(64))
    request_id: Mapped[str | None] = mapped_column(sa.String(255))
    resource_type: Mapped[str] = mapped_column(sa.String(36))
    resource_uuid: Mapped[str | None] = mapped_column(sa.String(36))
    event_id: Mapped[str] = mapped_column(sa.String(255))
    message_level: Mapped[str] = mapped_column(sa.String(255))
    user_message: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime.datetime | None]
