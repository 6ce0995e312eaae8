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
    msg_fmt = 'Policy does not allow %(action)s to be performed.'
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


# --- identity (keystone wording: clients and tempest match on it) -----------

class ForbiddenAction(Forbidden):
    msg_fmt = ('You are not authorized to perform the requested action: '
               '%(action)s.')


class IdentityConflict(Conflict):
    msg_fmt = ('Conflict occurred attempting to store %(type)s - '
               '%(details)s.')


class IdentityNotFound(NotFound):
    """Base of the keystone-style 404s: 'Could not find project: X.'"""
    msg_fmt = 'Could not find %(target)s: %(target_id)s.'
    target = 'resource'

    def __init__(self, target_id=None, message=None):
        super().__init__(message, target=self.target, target_id=target_id)


class DomainNotFound(IdentityNotFound):
    target = 'domain'


class ProjectNotFound(IdentityNotFound):
    target = 'project'


class UserNotFound(IdentityNotFound):
    target = 'user'


class RoleNotFound(IdentityNotFound):
    target = 'role'


class RegionNotFound(IdentityNotFound):
    target = 'region'


class CatalogServiceNotFound(IdentityNotFound):
    target = 'service'


class EndpointNotFound(IdentityNotFound):
    target = 'endpoint'


class TokenNotFound(NotFound):
    # Never carries the token id: it is a credential.
    msg_fmt = 'Could not find token.'


class RoleAssignmentNotFound(NotFound):
    msg_fmt = ('Could not find role assignment with role: %(role_id)s, user '
               'or group: %(actor_id)s, project, domain, or system: '
               '%(target_id)s.')
