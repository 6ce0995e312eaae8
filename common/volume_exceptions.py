"""Errors of the block-storage API families, in cinder's wording (clients
and tempest match on it). Part of stratus.common.exception, which imports
this module at its end; use them as exception.<Name>."""
from stratus.common.exception import *  # noqa: F401,F403


# --- qos ---

class QoSSpecsExists(Conflict):
    msg_fmt = 'QoS Specs %(specs_id)s already exists.'


class QoSSpecsNotFound(NotFound):
    msg_fmt = 'No such QoS spec %(specs_id)s.'


class QoSSpecsKeyNotFound(NotFound):
    msg_fmt = 'QoS spec %(specs_id)s has no spec with key %(specs_key)s.'


class InvalidQoSSpecs(Invalid):
    msg_fmt = 'Invalid qos specs: %(reason)s'


class QoSSpecsInUse(Invalid):
    msg_fmt = 'QoS Specs %(specs_id)s is still associated with entities.'


class InvalidName(Invalid):
    msg_fmt = "An invalid 'name' value was provided. %(reason)s"


class InvalidParameterValue(Invalid):
    msg_fmt = '%(err)s'


class PolicyNotAuthorized(Forbidden):
    # cinder's (and nova's) wording of a policy refusal.
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


# --- transfers ---

class TransferNotFound(NotFound):
    msg_fmt = 'Transfer %(transfer_id)s could not be found.'


class InvalidAuthKey(Invalid):
    msg_fmt = 'Invalid auth key: %(reason)s'


# --- admin ---

class VolumeTypeEncryptionExists(Invalid):
    msg_fmt = 'Volume type encryption for type %(type_id)s already exists.'


class VolumeTypeEncryptionNotFound(NotFound):
    msg_fmt = 'Volume type encryption for type %(type_id)s does not exist.'


class VolumeServiceNotFound(NotFound):
    """cinder's ServiceNotFound, which names the host when it has one."""

    def __init__(self, message=None, **kwargs):
        if message is None and kwargs.get('host'):
            message = ('Service %(service_id)s could not be found on host '
                       '%(host)s.' % kwargs)
        elif message is None:
            message = 'Service %(service_id)s could not be found.' % kwargs
        super().__init__(message, **kwargs)


class InvalidInput(Invalid):
    msg_fmt = 'Invalid input received: %(reason)s'


class VolumeRPCTimeout(StratusException):
    """cinder's RPCTimeout: a 502 whose text cinder keeps to itself (the
    client sees webob's 'Bad gateway.')."""
    msg_fmt = 'Bad gateway.'
    code = 502


# --- misc ---

class BackupNotFound(NotFound):
    msg_fmt = 'Backup %(backup_id)s could not be found.'


class InvalidBackup(Invalid):
    msg_fmt = 'Invalid backup: %(reason)s'


class ClusterNotFound(NotFound):
    msg_fmt = 'Cluster %(id)s could not be found.'


class VolumeTypeProjectDefaultNotFound(NotFound):
    msg_fmt = 'Default type for project %(project_id)s not found.'


class ManageExistingInvalidReference(Invalid):
    msg_fmt = ('Manage existing volume failed due to invalid backend '
               'reference %(existing_ref)s: %(reason)s')


class ManageExistingAlreadyManaged(Invalid):
    msg_fmt = ('Unable to manage existing volume. Volume %(volume_ref)s '
               'already managed.')


class BackupServiceUnreachable(StratusException):
    """An RPC call to a backup host that nobody serves: cinder's answer is
    its generic 500."""
    msg_fmt = 'No cinder-backup service answered.'
    safe = False


class VolumeBackupSizeExceedsAvailableQuota(VolumeQuotaError):
    msg_fmt = ('Requested backup exceeds allowed Backup gigabytes quota. '
               'Requested %(requested)sG, quota is %(quota)sG and '
               '%(consumed)sG has been consumed.')


class BackupLimitExceeded(VolumeQuotaError):
    msg_fmt = 'Maximum number of backups allowed (%(allowed)d) exceeded'


# --- groups ---

class GroupTypeNotFound(NotFound):
    msg_fmt = 'Group type %(group_type_id)s could not be found.'


class GroupTypeNotFoundByName(GroupTypeNotFound):
    msg_fmt = 'Group type with name %(group_type_name)s could not be found.'


class GroupTypeSpecsNotFound(NotFound):
    msg_fmt = ('Group Type %(group_type_id)s has no specs with key '
               '%(group_specs_key)s.')


class GroupTypeExists(Conflict):
    msg_fmt = 'Group Type %(id)s already exists.'


class GroupTypeInUse(Invalid):
    msg_fmt = ('Group Type %(group_type_id)s deletion is not allowed with '
               'groups present with the type.')


class GroupNotFound(NotFound):
    msg_fmt = 'Group %(group_id)s could not be found.'


class InvalidGroup(Invalid):
    msg_fmt = 'Invalid Group: %(reason)s'


class InvalidGroupType(Invalid):
    msg_fmt = 'Invalid group type: %(reason)s'


class GroupSnapshotNotFound(NotFound):
    msg_fmt = 'GroupSnapshot %(group_snapshot_id)s could not be found.'


class InvalidGroupSnapshot(Invalid):
    msg_fmt = 'Invalid GroupSnapshot: %(reason)s'


class GroupLimitExceeded(VolumeQuotaError):
    msg_fmt = 'Maximum number of groups allowed (%(allowed)d) exceeded'


class InvalidGroupName(Invalid):
    """cinder's InvalidName, raised by its 'name' format check."""
    msg_fmt = "An invalid 'name' value was provided. %(reason)s"


# --- actions ---
class GlanceMetadataNotFound(NotFound):
    msg_fmt = 'Glance metadata for volume/snapshot %(id)s cannot be found.'


class InvalidHost(Invalid):
    msg_fmt = 'Invalid host: %(reason)s'


class VolumeMigrationFailed(StratusException):
    msg_fmt = 'Volume migration failed: %(reason)s'


class InvalidVolumeAttachMode(Invalid):
    msg_fmt = "Invalid attaching mode '%(mode)s' for volume %(volume_id)s."
