"""Errors of the compute API families added on top of the core ones, in
nova's wording (clients and tempest match on it). Part of
stratus.common.exception, which imports this module at its end; use them
as exception.<Name>."""
from stratus.common.exception import *  # noqa: F401,F403


# --- server actions ---

class MetadataLimitExceeded(QuotaExceeded):
    msg_fmt = 'Maximum number of metadata items exceeds %(allowed)d'


class InstanceNotReady(Conflict):
    msg_fmt = 'Instance %(instance_id)s is not ready'


class FeatureNotSupported(StratusException):
    msg_fmt = 'Feature not supported.'
    code = 501


# --- volume swap ---

class MultiattachSwapVolumeNotSupported(Invalid):
    msg_fmt = ('Swapping multi-attach volumes with more than one read/write '
               'attachment is not supported.')


class UnshelveInstanceInvalidState(Conflict):
    msg_fmt = ('Specifying an availability zone or a host when unshelving '
               'server "%(instance_uuid)s" with status "%(state)s" is not '
               'supported. The server status must be SHELVED_OFFLOADED.')


# --- backups, diagnostics, aggregates, hosts ---

class AggregateNotFound(NotFound):
    msg_fmt = 'Aggregate %(aggregate_id)s could not be found.'


class AggregateNameExists(Conflict):
    msg_fmt = 'Aggregate %(aggregate_name)s already exists.'


class AggregateHostExists(Conflict):
    msg_fmt = 'Aggregate %(aggregate_id)s already has host %(host)s.'


class AggregateHostNotFound(NotFound):
    msg_fmt = 'Aggregate %(aggregate_id)s has no host %(host)s.'


class ComputeHostNotFound(NotFound):
    msg_fmt = 'Compute host %(host)s could not be found.'


class InvalidAggregateActionAdd(Invalid):
    msg_fmt = ('Cannot add host to aggregate %(aggregate_id)s. Reason: '
               '%(reason)s.')


class InvalidAggregateActionDelete(Invalid):
    msg_fmt = ('Cannot remove host from aggregate %(aggregate_id)s. '
               'Reason: %(reason)s.')


class InvalidAggregateActionUpdate(Invalid):
    msg_fmt = 'Cannot update aggregate %(aggregate_id)s. Reason: %(reason)s.'


class InvalidAggregateActionUpdateMeta(Invalid):
    msg_fmt = ('Cannot update metadata of aggregate %(aggregate_id)s. '
               'Reason: %(reason)s.')


# --- nova's removed families ---

class Gone(StratusException):
    """A family nova removed: every call answers webob's HTTPGone text."""
    msg_fmt = ('This resource is no longer available. No forwarding '
               'address is given.')
    code = 410


# --- evacuate, changePassword, trigger_crash_dump ---

class ComputeServiceInUse(Invalid):
    # nova answers it 400 from evacuate: the source host is still up.
    msg_fmt = 'Compute service of %(host)s is still in use.'


class InstancePasswordSetFailed(Conflict):
    msg_fmt = 'Failed to set admin password on %(instance)s because %(reason)s'


class SetAdminPasswdNotSupported(Conflict):
    msg_fmt = 'Set admin password is not supported'


class InstanceAgentNotEnabled(Conflict):
    msg_fmt = 'Guest agent is not enabled for the instance'


class TriggerCrashDumpNotSupported(Invalid):
    msg_fmt = 'Triggering crash dump is not supported'


class InstanceNotRunning(Invalid):
    msg_fmt = 'Instance %(instance_id)s is not running.'


class InvalidSharedStorage(Invalid):
    msg_fmt = 'Invalid state of instance files on shared storage'


class QemuGuestAgentNotEnabled(InstanceAgentNotEnabled):
    msg_fmt = 'QEMU guest agent is not enabled'


# --- volume-backed moves and rebuild ---

class BuildAbortException(StratusException):
    """nova's: why a build or rebuild on the compute was given up."""
    msg_fmt = 'Build of instance %(instance_uuid)s aborted: %(reason)s'


class ComputeRPCTooOld(StratusException):
    """nova's compute RPC client refuses a parameter the version cap (the
    oldest compute) does not know: a NovaException, so the API answers
    an unexpected 500 and only the log says why."""
    msg_fmt = 'Compute RPC version does not support %(parameter)s parameter.'
    safe = False


# --- security groups and interfaces (over an empty neutron) ---

class SecurityGroupNotFound(NotFound):
    """neutron's SecurityGroupNotFound, as nova's proxy passes it on."""
    msg_fmt = 'Security group %(id)s does not exist'


class SecurityGroupRuleNotFound(NotFound):
    msg_fmt = 'Security group rule %(id)s does not exist'


class SecurityGroupLimitExceeded(Forbidden):
    """neutron's 409 (quota, duplicate rule, reserved name) on a create,
    which nova's proxy answers 403 with neutron's text."""
    msg_fmt = 'Maximum number of security groups or rules exceeded'


class SecurityGroupUnexpected(StratusException):
    """A neutron refusal nova's proxy does not map (updating 'default'):
    nova answers its 500 'Unexpected API Error'."""
    code = 500
    safe = False


# --- live migration ---

class ComputeServiceUnavailable(Invalid):
    """nova answers it 400 from os-migrateLive's pre-checks."""
    msg_fmt = 'Compute service of %(host)s is unavailable at this time.'


class UnableToMigrateToSelf(Invalid):
    msg_fmt = ('Unable to migrate instance (%(instance_id)s) to current '
               'host (%(host)s).')


class InvalidHypervisorType(Invalid):
    msg_fmt = 'The supplied hypervisor type of is invalid.'


class MigrationPreCheckError(Invalid):
    msg_fmt = 'Migration pre-check error: %(reason)s'


class MigrationError(StratusException):
    msg_fmt = 'Migration error: %(reason)s'


class InvalidMigrationState(Invalid):
    msg_fmt = ('Migration %(migration_id)s state of instance '
               '%(instance_uuid)s is %(state)s. Cannot %(method)s while the '
               'migration is in this state.')


class MigrationNotFoundForInstance(NotFound):
    msg_fmt = ('Migration %(migration_id)s not found for instance '
               '%(instance_id)s')


class LiveMigrationCancelled(StratusException):
    """Internal: an abort stopped the live migration; it ends 'cancelled'
    with the guest where it was."""
    msg_fmt = 'Live migration of %(instance_uuid)s was aborted.'
