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


class ProjectTagNotFound(NotFound):
    msg_fmt = 'Could not find project tag: %(project_tag)s.'


class CredentialNotFound(IdentityNotFound):
    target = 'credential'
