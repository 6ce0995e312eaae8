"""Errors of the identity API, in keystone's wording (clients and tempest
match on it). Part of stratus.common.exception, which imports this module
at its end; use them as exception.<Name>."""
from stratus.common.exception import *  # noqa: F401,F403


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



class IdentityGroupNotFound(IdentityNotFound):
    target = 'group'


class ImpliedRoleNotFound(NotFound):
    msg_fmt = '%(prior_role_id)s does not imply %(implied_role_id)s.'


class InvalidImpliedRole(Forbidden):
    msg_fmt = '%(role_id)s cannot be an implied roles.'


class DomainSpecificRoleMismatch(Forbidden):
    msg_fmt = ('Project %(project_id)s must be in the same domain as the '
               'role %(role_id)s being assigned.')


class EndpointGroupNotFound(IdentityNotFound):
    target = 'Endpoint Group'


class PolicyNotFound(IdentityNotFound):
    target = 'policy'


class PolicyAssociationNotFound(NotFound):
    msg_fmt = 'Could not find policy association.'


class TrustNotFound(IdentityNotFound):
    target = 'trust'


class TrustUseLimitReached(Forbidden):
    msg_fmt = 'No remaining uses for trust: %(trust_id)s.'


class IdentityForbidden(Forbidden):
    """keystone's Forbidden: its reason is never shown to the caller."""
    msg_fmt = 'You are not authorized to perform the requested action.'


class IdentityGone(StratusException):
    msg_fmt = ('The service you have requested is no longer available on '
               'this server.')
    code = 410
# --- unified limits ----------------------------------------------------------

class RegisteredLimitNotFound(NotFound):
    msg_fmt = 'Could not find registered limit for %(id)s.'


class LimitNotFound(NotFound):
    msg_fmt = 'Could not find limit for %(id)s.'


class NoLimitReference(Forbidden):
    msg_fmt = ('Unable to create a limit that has no corresponding '
               'registered limit.')


class RegisteredLimitError(Forbidden):
    msg_fmt = ('Unable to update or delete registered limit %(id)s because '
               'there are project limits associated with it.')


class InvalidLimit(Forbidden):
    msg_fmt = 'Invalid resource limit: %(reason)s.'


class UnknownReference(ValidationError):
    """keystone's ValidationError(attribute, target): a referenced
    service, region, project or domain does not exist."""
    msg_fmt = ('Expecting to find %(attribute)s in %(target)s. The server '
               'could not comply with the request since it is either '
               'malformed or otherwise incorrect. The client is assumed to '
               'be in error.')
# --- application credentials ---------------------------------------------

class ApplicationCredentialNotFound(NotFound):
    msg_fmt = ('Could not find Application Credential: '
               '%(application_credential_id)s.')


class AccessRuleNotFound(NotFound):
    msg_fmt = 'Could not find Access Rule: %(access_rule_id)s.'


class ApplicationCredentialValidationError(Invalid):
    msg_fmt = 'Invalid application credential: %(detail)s'


class ApplicationCredentialAuthError(NotAuthenticated):
    msg_fmt = 'Error authenticating with application credential: %(detail)s'


class ValidationTimeStampError(Invalid):
    msg_fmt = ('Timestamp not in expected format. The server could not '
               'comply with the request since it is either malformed or '
               'otherwise incorrect. The client is assumed to be in error.')


class ValidationExpirationError(Invalid):
    msg_fmt = ("The 'expires_at' must not be before now. The server could "
               "not comply with the request since it is either malformed "
               "or otherwise incorrect. The client is assumed to be in "
               "error.")


class AccessRuleInUse(Forbidden):
    msg_fmt = 'May not delete access rule in use'


# OS-FEDERATION (keystone's wording, capitals included).
class IdentityProviderNotFound(IdentityNotFound):
    target = 'Identity Provider'


class ServiceProviderNotFound(IdentityNotFound):
    target = 'Service Provider'


class MappingNotFound(IdentityNotFound):
    target = 'mapping'


class FederatedProtocolNotFound(NotFound):
    msg_fmt = ('Could not find federated protocol %(protocol_id)s for '
               'Identity Provider: %(idp_id)s.')


class UnexpectedServerError(StratusException):
    """keystone's UnexpectedError: a 500 that says no more (the SAML
    signing and metadata files are server configuration)."""
    msg_fmt = ('An unexpected error prevented the server from fulfilling '
               'your request.')
class ProjectTagNotFound(NotFound):
    msg_fmt = 'Could not find project tag: %(project_tag)s.'


class CredentialNotFound(IdentityNotFound):
    target = 'credential'
