"""StratusException and its family: each says what went wrong and which
HTTP code a REST client should see."""


class StratusException(Exception):
    msg_fmt = 'An unknown exception occurred.'
    code = 500
    # Message safe to show a user (a 500 hides the text of unexpected errors).
    safe = True

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if message is None:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                message = self.msg_fmt
        self.message = str(message)
        super().__init__(self.message)


class Invalid(StratusException):
    msg_fmt = 'Invalid input received: %(reason)s'
    code = 400


class ValidationError(Invalid):
    msg_fmt = 'Invalid input for field/attribute %(field)s. %(reason)s'


class MalformedRequestBody(Invalid):
    msg_fmt = 'Malformed request body: %(reason)s'


class NotAuthenticated(StratusException):
    msg_fmt = 'The request you have made requires authentication.'
    code = 401


class Forbidden(StratusException):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."
    code = 403


class NotFound(StratusException):
    msg_fmt = 'Resource could not be found.'
    code = 404


class Conflict(StratusException):
    msg_fmt = 'Conflict: %(reason)s'
    code = 409


class NotAcceptable(StratusException):
    msg_fmt = '%(reason)s'
    code = 406


class ServiceNotFound(NotFound):
    msg_fmt = 'Service %(service_id)s could not be found.'


class FlavorNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s could not be found.'


class FlavorExists(Conflict):
    msg_fmt = 'Flavor with %(key)s %(value)s already exists.'


class FlavorExtraSpecNotFound(NotFound):
    msg_fmt = 'Flavor %(flavor_id)s has no extra specs with key %(key)s.'


class FlavorAccessForPublic(NotFound):
    msg_fmt = 'Access list not available for public flavors.'


class FlavorAccessPublicConflict(Conflict):
    msg_fmt = 'Can not add access to a public flavor.'


class FlavorAccessExists(Conflict):
    msg_fmt = ('Flavor access already exists for flavor %(flavor_id)s and '
               'project %(project_id)s combination.')


class FlavorAccessNotFound(NotFound):
    msg_fmt = ('Flavor access not found for %(flavor_id)s / %(project_id)s '
               'combination.')


class ServiceUnavailable(StratusException):
    msg_fmt = 'Service unavailable: %(reason)s'
    code = 503


class BusUnavailable(ServiceUnavailable):
    """The broker did not take an RPC message (away, or no queue for it)."""
    msg_fmt = ('The message bus is unavailable, so the request was not '
               'taken; try again later.')


# --- instances ------------------------------------------------------------

class InstanceNotFound(NotFound):
    msg_fmt = 'Instance %(instance_id)s could not be found.'


class InstanceInvalidState(Conflict):
    msg_fmt = ('Cannot \'%(action)s\' instance %(instance_uuid)s while it '
               'is in %(attr)s %(state)s')


class UnexpectedTaskStateError(Conflict):
    msg_fmt = ('Conflict updating instance %(instance_uuid)s. Expected: '
               '{\'task_state\': %(expected)s}. Actual: '
               '{\'task_state\': %(actual)s}')


class UnexpectedVMStateError(Conflict):
    msg_fmt = ('Conflict updating instance %(instance_uuid)s. Expected: '
               '{\'vm_state\': %(expected)s}. Actual: '
               '{\'vm_state\': %(actual)s}')


class InstanceIsLocked(Conflict):
    msg_fmt = 'Instance %(instance_uuid)s is locked'


class MarkerNotFound(Invalid):
    msg_fmt = 'Marker %(marker)s could not be found.'


class CinderMarkerNotFound(NotFound):
    """Cinder answers an unknown marker with 404 (nova with 400)."""
    msg_fmt = 'Marker %(marker)s could not be found.'


class MetadataItemNotFound(NotFound):
    msg_fmt = 'Metadata item %(key)s was not found'


# --- scheduler ---------------------------------------------------------------

class NoValidHost(StratusException):
    """No host passed the filters. Not an HTTP error: the conductor turns it
    into the instance's fault. ``details`` (a string) says which filter
    removed the hosts and why; it is a constructor kwarg so that it crosses
    RPC (oslo.messaging rebuilds remote exceptions from args and kwargs)."""
    msg_fmt = 'No valid host was found. %(reason)s'

    def __init__(self, message=None, **kwargs):
        kwargs.setdefault('reason', '')
        kwargs.setdefault('details', '')
        super().__init__(message, **kwargs)
        self.details = self.kwargs['details']


# --- keypairs, quotas, server groups, hypervisors, instance actions --------

class QuotaExceeded(StratusException):
    msg_fmt = ('Quota exceeded for %(overs)s: Requested %(req)s, but already '
               'used %(used)s of %(allowed)s %(overs)s')
    code = 403


class KeypairLimitExceeded(QuotaExceeded):
    msg_fmt = 'Quota exceeded, too many key pairs.'


class ServerGroupLimitExceeded(QuotaExceeded):
    msg_fmt = 'Quota exceeded, too many server groups.'


class QuotaLimitTooLow(Invalid):
    msg_fmt = ('Quota limit %(limit)s for %(resource)s must be greater than '
               'or equal to already used and reserved %(minimum)s.')


class ProjectIdInvalid(Invalid):
    msg_fmt = 'Project ID %(project_id)s is not a valid project.'


class KeypairNotFound(NotFound):
    msg_fmt = 'Keypair %(name)s not found for user %(user_id)s'


class KeyPairExists(Conflict):
    msg_fmt = "Key pair '%(key_name)s' already exists."


class InvalidKeypair(Invalid):
    msg_fmt = 'Keypair data is invalid: %(reason)s'


class InstanceGroupNotFound(NotFound):
    msg_fmt = 'Instance group %(group_uuid)s could not be found.'


class HypervisorNotFound(NotFound):
    msg_fmt = "Hypervisor with ID '%(hypervisor_id)s' could not be found."


class HypervisorPatternNotFound(NotFound):
    msg_fmt = "No hypervisor matching '%(pattern)s' could be found."


class HypervisorUptimeNotImplemented(StratusException):
    msg_fmt = 'Virt driver does not implement host uptime function.'
    code = 501


class InstanceActionNotFound(NotFound):
    msg_fmt = 'Action %(request_id)s not found'


class RangeNotSatisfiable(StratusException):
    msg_fmt = 'Requested range not satisfiable'
    code = 416


class MigrationNotFound(NotFound):
    msg_fmt = 'Migration %(migration_id)s could not be found.'


class CannotResizeToSameFlavor(Invalid):
    msg_fmt = 'When resizing, instances must change flavor!'


class TagNotFound(NotFound):
    msg_fmt = 'Tag %(tag)s could not be found for instance %(instance_id)s.'


class TooManyTags(Invalid):
    msg_fmt = 'The number of tags exceeded the per-server limit %(max)d'


# --- block storage (cinder wording: clients and tempest match on it) ------

class VolumeNotFound(NotFound):
    msg_fmt = 'Volume %(volume_id)s could not be found.'


class SnapshotNotFound(NotFound):
    msg_fmt = 'Snapshot %(snapshot_id)s could not be found.'


class VolumeTypeNotFound(NotFound):
    msg_fmt = 'Volume type %(volume_type_id)s could not be found.'


class VolumeTypeNotFoundByName(VolumeTypeNotFound):
    msg_fmt = ('Volume type with name %(volume_type_name)s could not be '
               'found.')


class VolumeTypeExtraSpecsNotFound(NotFound):
    msg_fmt = ('Volume Type %(volume_type_id)s has no extra specs with key '
               '%(extra_specs_key)s.')


class VolumeTypeAccessNotFound(NotFound):
    msg_fmt = ('Volume type access not found for %(volume_type_id)s / '
               '%(project_id)s combination.')


class VolumeTypeAccessExists(Conflict):
    msg_fmt = ('Volume type access for %(volume_type_id)s / %(project_id)s '
               'combination already exists.')


class VolumeTypeExists(Conflict):
    msg_fmt = 'Volume Type %(id)s already exists.'


class VolumeTypeInUse(Invalid):
    msg_fmt = ('Volume Type %(volume_type_id)s deletion is not allowed with '
               'volumes present with the type.')


class VolumeMetadataNotFound(NotFound):
    msg_fmt = ('Volume %(volume_id)s has no metadata with key '
               '%(metadata_key)s.')


class SnapshotMetadataNotFound(NotFound):
    msg_fmt = ('Snapshot %(snapshot_id)s has no metadata with key '
               '%(metadata_key)s.')


class VolumeAttachmentNotFound(NotFound):
    msg_fmt = 'Volume attachment could not be found with filter: %(filter)s.'


class MessageNotFound(NotFound):
    msg_fmt = 'Message %(message_id)s could not be found.'


class InvalidVolume(Invalid):
    msg_fmt = 'Invalid volume: %(reason)s'


class InvalidSnapshot(Invalid):
    msg_fmt = 'Invalid snapshot: %(reason)s'


class InvalidVolumeType(Invalid):
    msg_fmt = 'Invalid volume type: %(reason)s'


class InvalidAvailabilityZone(Invalid):
    msg_fmt = "Availability zone '%(az)s' is invalid."


class NoValidBackend(StratusException):
    """No volume backend pool passed the filters; the scheduler flow turns
    it into the volume's error and user message. ``details`` says which
    filter removed which pool and why (a kwarg, so it crosses RPC)."""
    msg_fmt = 'No valid backend was found. %(reason)s'

    def __init__(self, message=None, **kwargs):
        kwargs.setdefault('reason', '')
        kwargs.setdefault('details', '')
        super().__init__(message, **kwargs)
        self.details = self.kwargs['details']


class VolumeBackendAPIException(StratusException):
    msg_fmt = ('Bad or unexpected response from the storage volume backend '
               'API: %(data)s')


class VolumeQuotaError(StratusException):
    """cinder's QuotaError family: 413 with Retry-After."""
    msg_fmt = 'Quota exceeded: code=%(code)s'
    code = 413
    headers = {'Retry-After': '0'}


class VolumeSizeExceedsAvailableQuota(VolumeQuotaError):
    msg_fmt = ('Requested volume or snapshot exceeds allowed %(name)s quota. '
               'Requested %(requested)sG, quota is %(quota)sG and '
               '%(consumed)sG has been consumed.')


class VolumeSizeExceedsLimit(VolumeQuotaError):
    msg_fmt = ('Requested volume size %(size)dG is larger than maximum '
               'allowed limit %(limit)dG.')


class VolumeLimitExceeded(VolumeQuotaError):
    msg_fmt = ("Maximum number of volumes allowed (%(allowed)d) exceeded for "
               "quota '%(name)s'.")


class SnapshotLimitExceeded(VolumeQuotaError):
    msg_fmt = 'Maximum number of snapshots allowed (%(allowed)d) exceeded'


# --- volume drivers --------------------------------------------------------

class VolumeDeviceBusy(VolumeBackendAPIException):
    msg_fmt = 'Device %(device)s is still open by another user.'


class VolumeBackendSizeMismatch(VolumeBackendAPIException):
    msg_fmt = ('Logical volume %(name)s exists with %(actual)s bytes, '
               'not the %(wanted)s asked for.')


class ImageUnacceptable(Invalid):
    msg_fmt = 'Image %(image_id)s is unacceptable: %(reason)s'


class VolumeIsBusy(StratusException):
    msg_fmt = 'deleting volume %(volume_name)s that has snapshot'


# --- server volumes (block device mappings) ---------------------------------

class VolumeBDMNotFound(NotFound):
    msg_fmt = ('Instance %(instance_uuid)s is not attached to volume '
               '%(volume_id)s')


class BDMNotFound(NotFound):
    msg_fmt = 'No Block Device Mapping with id %(bdm_uuid)s.'


class VolumeAlreadyAttached(InvalidVolume):
    msg_fmt = 'Invalid volume: volume %(volume_id)s already attached'


class DevicePathInUse(Conflict):
    msg_fmt = 'The supplied device path (%(path)s) is in use.'


class InvalidBDM(Invalid):
    msg_fmt = 'Block Device Mapping is Invalid: %(reason)s'


class VolumeNotCreated(StratusException):
    msg_fmt = ('Volume %(volume_id)s did not finish being created even after '
               'we waited %(seconds)s seconds or %(attempts)s attempts. And '
               'its status is %(volume_status)s.')


# The block-storage families' errors (QoS, transfers, admin, backups and
# manage, groups, actions) live in their own module; importing it here
# keeps them reachable as exception.<Name> like every other error.
from stratus.common.volume_exceptions import *  # noqa: E402,F401,F403
# The image service's errors, in glance's wording, likewise.
from stratus.common.image_exceptions import *  # noqa: E402,F401,F403
# The identity API's errors, in keystone's wording, likewise.
from stratus.common.identity_exceptions import *  # noqa: E402,F401,F403
# The compute families' errors added since, in nova's wording, likewise.
from stratus.common.compute_exceptions import *  # noqa: E402,F401,F403
