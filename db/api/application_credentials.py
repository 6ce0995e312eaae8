"""Application credentials and access rules (keystone's application
credential backend).

Secrets are hashed like user passwords and never returned after create
nor logged. Deleting a credential, or what it hangs on (its user, its
project), clears the token cache so tokens issued from it stop at once.
"""
import uuid

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import effective_roles
from stratus.db.api import passwords
from stratus.db.api import tokens

_RULE_KEYS = ('service', 'path', 'method')


def _new_id():
    return uuid.uuid4().hex


def _rule_dict(row):
    return {'id': row.id, 'service': row.service, 'path': row.path,
            'method': row.method}


def _roles(s, cred_id):
    """The credential's roles as keystone shows them (whole role refs:
    id, name, domain_id, description, options), sorted by name."""
    link = models.ApplicationCredentialRole
    rows = s.execute(sa.select(models.Role).join(
        link, link.role_id == models.Role.id).where(
        link.application_credential_id == cred_id).order_by(
        models.Role.name)).scalars()
    return [{'id': r.id, 'name': r.name,
             'domain_id': (None if r.domain_id == models.GLOBAL_ROLE_DOMAIN
                           else r.domain_id),
             'description': r.description, 'options': {}} for r in rows]


def _rules(s, cred_id):
    link = models.ApplicationCredentialAccessRule
    rows = s.execute(sa.select(models.AccessRule).join(
        link, link.access_rule_id == models.AccessRule.id).where(
        link.application_credential_id == cred_id).order_by(
        models.AccessRule.service, models.AccessRule.path,
        models.AccessRule.method)).scalars()
    return [_rule_dict(r) for r in rows]


def _cred_dict(s, row):
    result = row.to_dict()
    del result['secret_hash']
    result['roles'] = _roles(s, row.id)
    result['access_rules'] = _rules(s, row.id)
    return result


def _cred(s, cred_id):
    row = s.get(models.ApplicationCredential, cred_id) \
        if isinstance(cred_id, str) else None
    if row is None:
        raise exception.ApplicationCredentialNotFound(
            application_credential_id=cred_id)
    return row


def _duplicate(name):
    return exception.IdentityConflict(
        type='application_credential',
        details='Duplicate entry found with name %s' % name)


def _rule_for(s, user_id, rule):
    """The access rule row a create request names: an existing one of the
    user by id or by its service/path/method, else a new one."""
    model = models.AccessRule
    if rule.get('id'):
        row = s.scalars(sa.select(model).filter_by(
            id=rule['id'], user_id=user_id)).first()
        if row is not None:
            return row
        if not all(rule.get(k) is not None for k in _RULE_KEYS):
            raise exception.AccessRuleNotFound(access_rule_id=rule['id'])
    row = s.scalars(sa.select(model).filter_by(
        user_id=user_id, **{k: rule[k] for k in _RULE_KEYS})).first()
    if row is None:
        row = model(id=_new_id(), user_id=user_id,
                    **{k: rule[k] for k in _RULE_KEYS})
        s.add(row)
        s.flush()
    return row


def create(values, role_ids, access_rules, secret):
    """values: name, description, user_id, project_id, expires_at,
    unrestricted. The user must hold every role on the project (400
    otherwise, as keystone answers). Returns the credential dict."""
    # Hash before taking the write lock: bcrypt is deliberately slow.
    secret_hash = passwords.hash_password(secret)
    try:
        return _create(values, role_ids, access_rules, secret_hash)
    except sa_exc.IntegrityError:
        # A concurrent create of the same name won the race.
        raise _duplicate(values['name'])


def _create(values, role_ids, access_rules, secret_hash):
    user_id, project_id = values['user_id'], values['project_id']
    with session.writer() as s:
        held = effective_roles.with_implied(
            s, effective_roles.granted_role_ids(s, user_id, 'project',
                                                project_id))
        for role_id in role_ids:
            if role_id not in held:
                raise exception.ApplicationCredentialValidationError(
                    detail=exception.RoleAssignmentNotFound(
                        role_id=role_id, actor_id=user_id,
                        target_id=project_id).message)
        if s.scalars(sa.select(models.ApplicationCredential.id).filter_by(
                user_id=user_id, name=values['name'])).first():
            raise _duplicate(values['name'])
        row = models.ApplicationCredential(
            id=_new_id(), name=values['name'],
            description=values.get('description'),
            secret_hash=secret_hash, user_id=user_id,
            project_id=project_id, expires_at=values.get('expires_at'),
            unrestricted=bool(values.get('unrestricted')))
        s.add(row)
        s.flush()
        for role_id in dict.fromkeys(role_ids):
            s.add(models.ApplicationCredentialRole(
                application_credential_id=row.id, role_id=role_id))
        linked = set()
        for rule in access_rules or ():
            rule_row = _rule_for(s, user_id, rule)
            if rule_row.id not in linked:
                linked.add(rule_row.id)
                s.add(models.ApplicationCredentialAccessRule(
                    application_credential_id=row.id,
                    access_rule_id=rule_row.id))
        s.flush()
        return _cred_dict(s, row)


def with_implied(role_ids):
    """role_ids and every role they imply."""
    with session.reader() as s:
        return effective_roles.with_implied(s, role_ids)


def get(cred_id):
    with session.reader() as s:
        return _cred_dict(s, _cred(s, cred_id))


def owner(cred_id):
    """The user id of the credential, or None when there is none."""
    with session.reader() as s:
        if not isinstance(cred_id, str):
            return None
        return s.scalar(sa.select(models.ApplicationCredential.user_id)
                        .filter_by(id=cred_id))


def list_for_user(user_id, name=None):
    with session.reader() as s:
        query = sa.select(models.ApplicationCredential).filter_by(
            user_id=user_id).order_by(models.ApplicationCredential.name,
                                      models.ApplicationCredential.id)
        if name is not None:
            query = query.filter_by(name=name)
        return [_cred_dict(s, r) for r in s.scalars(query)]


def _delete_creds(s, where):
    ids = list(s.scalars(sa.select(models.ApplicationCredential.id).where(
        where)))
    if ids:
        for model in (models.ApplicationCredentialRole,
                      models.ApplicationCredentialAccessRule):
            s.execute(sa.delete(model).where(
                model.application_credential_id.in_(ids)))
        s.execute(sa.delete(models.ApplicationCredential).where(
            models.ApplicationCredential.id.in_(ids)))
    return ids


def delete(cred_id):
    with session.writer() as s:
        _cred(s, cred_id)
        _delete_creds(s, models.ApplicationCredential.id == cred_id)
    tokens.invalidate_cache()


def purge_users(s, user_ids):
    """Inside the caller's transaction: the credentials and access rules
    of users being deleted."""
    if user_ids:
        _delete_creds(s, models.ApplicationCredential.user_id.in_(user_ids))
        s.execute(sa.delete(models.AccessRule).where(
            models.AccessRule.user_id.in_(user_ids)))


def purge_projects(s, project_ids):
    """Inside the caller's transaction: the credentials on projects being
    deleted."""
    if project_ids:
        _delete_creds(s, models.ApplicationCredential.project_id.in_(
            project_ids))


def purge_for_role(s, role_id):
    """Inside the caller's transaction, before a role is deleted: every
    credential of a user on a project the role is granted on to that user
    directly (keystone deletes them, whatever roles they carry)."""
    ra = models.RoleAssignment
    pairs = s.execute(sa.select(ra.actor_id, ra.target_id).where(
        ra.role_id == role_id, ra.target_type == 'project')).all()
    for user_id, project_id in pairs:
        _delete_creds(s, sa.and_(
            models.ApplicationCredential.user_id == user_id,
            models.ApplicationCredential.project_id == project_id))


def authenticate(cred_id, secret):
    """The credential dict when the secret matches and it has not expired;
    NotAuthenticated otherwise (the 404 for an unknown id comes first, as
    keystone looks the credential up before checking anything)."""
    with session.reader() as s:
        row = _cred(s, cred_id)
        secret_hash = row.secret_hash
        result = _cred_dict(s, row)
    if not passwords.verify(secret, secret_hash):
        raise exception.NotAuthenticated()
    if result['expires_at'] is not None and \
            result["expires_at"] <= tokens.now():
        raise exception.NotAuthenticated()
    return result


# --- access rules ------------------------------------------------------------

def rule_list(user_id, **filters):
    with session.reader() as s:
        query = sa.select(models.AccessRule).filter_by(
            user_id=user_id).order_by(models.AccessRule.service,
                                      models.AccessRule.path,
                                      models.AccessRule.method)
        for key in _RULE_KEYS:
            if filters.get(key) is not None:
                query = query.filter_by(**{key: filters[key]})
        return [_rule_dict(r) for r in s.scalars(query)]


def _rule(s, user_id, rule_id):
    row = s.get(models.AccessRule, rule_id) \
        if isinstance(rule_id, str) else None
    if row is None or row.user_id != user_id:
        raise exception.AccessRuleNotFound(access_rule_id=rule_id)
    return row


def rule_get(user_id, rule_id):
    with session.reader() as s:
        return _rule_dict(_rule(s, user_id, rule_id))


def rule_delete(user_id, rule_id):
    """403 while a credential still uses the rule, as keystone answers."""
    with session.writer() as s:
        row = _rule(s, user_id, rule_id)
        link = models.ApplicationCredentialAccessRule
        if s.scalars(sa.select(link.access_rule_id).filter_by(
                access_rule_id=rule_id)).first():
            raise exception.AccessRuleInUse()
        s.delete(row)
