"""Errors of the image service, in glance's wording (clients and tempest
match on it). Part of stratus.common.exception, which imports this module
at its end; use them as exception.<Name>."""
from stratus.common.exception import *  # noqa: F401,F403


# --- images (glance wording where clients or tempest may read it) ----------

class ImageNotFound(NotFound):
    msg_fmt = 'Image %(image_id)s could not be found.'


class ImageExists(Conflict):
    msg_fmt = 'Image with identifier %(image_id)s already exists!'


class ImageStatusConflict(Conflict):
    msg_fmt = ('Image %(image_id)s is %(status)s; the request is not '
               'allowed in that status.')


class ImageProtected(Forbidden):
    msg_fmt = 'Image %(image_id)s is protected and cannot be deleted.'


class ImageTagNotFound(NotFound):
    msg_fmt = 'Image %(image_id)s has no tag %(tag)s.'


class ImageMemberNotFound(NotFound):
    msg_fmt = 'Member %(member_id)s not found for image %(image_id)s.'


class ImageMemberExists(Conflict):
    msg_fmt = 'Member %(member_id)s is duplicated for image %(image_id)s.'


class ImageTooLarge(StratusException):
    msg_fmt = 'The provided image is too large.'
    code = 413


class StorageQuotaFull(StratusException):
    """Past user_storage_quota. Without arguments (the limit met while
    reading) the text keeps its placeholders, as glance's does."""
    msg_fmt = ('The size of the data %(image_size)s will exceed the limit. '
               '%(remaining)s bytes remaining.')
    code = 413


class ImageDeletedDuringUpload(StratusException):
    msg_fmt = ('Image %(image_id)s could not be found after upload. The '
               'image may have been deleted during the upload.')
    code = 410


class ImageChecksumMismatch(StratusException):
    msg_fmt = ('Checksum verification failed for image %(image_id)s: '
               'expected %(expected)s, got %(actual)s.')


class ImageServiceError(StratusException):
    msg_fmt = 'Image service error: %(reason)s'


class InvalidContentType(StratusException):
    msg_fmt = 'Invalid content type %(content_type)s.'
    code = 415


# --- image ---
# Metadata definitions (glance's metadefs): glance's messages.
class MetadefNamespaceNotFound(NotFound):
    msg_fmt = 'Metadata definition namespace=%(namespace)s was not found.'


# An object, property or tag glance's repositories cannot find.
class MetadefObjectNotFound(NotFound):
    msg_fmt = 'Could not find metadata object %(name)s'


class MetadefPropertyNotFound(NotFound):
    msg_fmt = 'Could not find property %(name)s'


class MetadefTagNotFound(NotFound):
    msg_fmt = 'Could not find metadata tag %(name)s'


class MetadefResourceTypeNotFound(NotFound):
    msg_fmt = ('The metadata definition resource-type with name=%(name)s, '
               'was not found.')


class MetadefDuplicateNamespace(Conflict):
    msg_fmt = ('The metadata definition namespace=%(namespace)s already '
               'exists.')


class MetadefDuplicateObject(Conflict):
    msg_fmt = ('A metadata definition object with name=%(name)s already '
               'exists in namespace=%(namespace)s.')


class MetadefDuplicateProperty(Conflict):
    msg_fmt = ('A metadata definition property with name=%(name)s already '
               'exists in namespace=%(namespace)s.')


class MetadefDuplicateTag(Conflict):
    msg_fmt = ('A metadata tag with name=%(name)s already exists in '
               'namespace=%(namespace)s. (Please note that metadata tag '
               'names are case insensitive).')


class MetadefDuplicateResourceTypeAssociation(Conflict):
    msg_fmt = ('The metadata definition resource-type association of '
               'resource-type=%(name)s to namespace=%(namespace)s already '
               'exists.')


class MetadefProtected(Forbidden):
    msg_fmt = ('Metadata definition %(kind)s %(name)s is protected and '
               'cannot be deleted.')


class ImageTaskNotFound(NotFound):
    msg_fmt = 'Could not find task %(task_id)s'


class GlanceImageNotFound(ImageNotFound):
    """The image API's wording (nova's ImageNotFound words it its way)."""
    msg_fmt = 'No image found with ID %(image_id)s'


class ImageLimitExceeded(StratusException):
    """glance's 413 for a count past its image_*_quota options."""
    msg_fmt = ('The limit has been exceeded on the number of allowed image '
               '%(what)s. Attempted: %(attempted)s, Maximum: %(maximum)s')
    code = 413


class ImageForbidden(Forbidden):
    """glance's policy refusal (its Forbidden's text)."""
    msg_fmt = 'You are not authorized to complete %(action)s action.'
