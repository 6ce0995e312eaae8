"""Tokens: issue, validate, revoke.

A token id is a random opaque string handed to the client once; only its
sha256 digest is stored, so a database dump holds no usable credential.
Validation runs on every API request: one joined query for the token,
user, project and domains, one for the roles, plus a short per-process
cache ([identity] token_cache_time). Roles are read from the assignments
each time the cache misses (with group grants and implied roles: see
effective_roles), so removing a grant takes effect. Nothing in
this module logs a token id.
"""
import datetime
import hashlib
import secrets
import threading
import time

import sqlalchemy as sa
from sqlalchemy import orm

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import app_cred_tokens
from stratus.db.api import effective_roles
from stratus.db.api import oauth1_tokens
from stratus.db.api import revoke_events
from stratus.db.api import trust_tokens

# The contract stratus.api.middleware.auth (and other daemons) rely on.
CONTRACT_KEYS = ('user_id', 'user_name', 'user_domain_id', 'user_domain_name',
                 'project_id', 'project_name', 'project_domain_id',
                 'project_domain_name', 'domain_id', 'domain_name', 'roles',
                 'methods', 'expires_at', 'issued_at', 'audit_ids',
                 'system_scope', 'application_credential')
_CACHE_MAX = 10000
_PURGE_INTERVAL = 300

_cache = {}
_cache_lock = threading.Lock()
_last_purge = [0.0]


def _utcnow():
    """Naive UTC now; tests replace it to move time forward."""
    return models.utcnow()


def now():
    return _utcnow()


def digest(token_id):
    return hashlib.sha256(token_id.encode('utf-8')).hexdigest()


def invalidate_cache():
    """Forget every cached validation (grants, users or projects changed)."""
    with _cache_lock:
        _cache.clear()


def _cache_get(key):
    ttl = CONF.identity.token_cache_time
    entry = _cache.get(key)
    if not ttl or entry is None:
        return None
    stored, info = entry
    if time.monotonic() - stored > ttl or info['expires_at'] <= _utcnow():
        _cache.pop(key, None)
        return None
    return info


def _cache_put(key, info):
    if not CONF.identity.token_cache_time:
        return
    with _cache_lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = (time.monotonic(), info)


def _roles(s, user_id, target_type, target_id):
    return effective_roles.token_roles(s, user_id, target_type, target_id)


_TOKEN_QUERY = []


def _token_query():
    """The token with its user, project, domains and what it was issued
    through, in one query. Built once: it runs at every validation the
    cache misses, with the digest bound (`digest`)."""
    if _TOKEN_QUERY:
        return _TOKEN_QUERY[0]
    user_domain = orm.aliased(models.Domain)
    project = orm.aliased(models.Project)
    project_domain = orm.aliased(models.Domain)
    domain = orm.aliased(models.Domain)
    app_cred_token = models.ApplicationCredentialToken
    query = sa.select(models.Token, models.User, user_domain, project,
                      project_domain, domain,
                      models.SystemScopedToken.system,
                      models.TrustToken.trust_id,
                      app_cred_token.application_credential_id,
                      models.OAuth1Token.access_token_id).join(
        models.User, models.User.id == models.Token.user_id).join(
        user_domain, user_domain.id == models.User.domain_id).outerjoin(
        project, project.id == models.Token.project_id).outerjoin(
        project_domain, project_domain.id == project.domain_id).outerjoin(
        domain, domain.id == models.Token.domain_id).outerjoin(
        models.SystemScopedToken,
        models.SystemScopedToken.digest == models.Token.digest).outerjoin(
        # What the token was issued through (a trust, an application
        # credential, an OAuth1 access token).
        models.TrustToken,
        models.TrustToken.token_digest == models.Token.digest).outerjoin(
        app_cred_token,
        app_cred_token.token_digest == models.Token.digest).outerjoin(
        models.OAuth1Token,
        models.OAuth1Token.token_digest == models.Token.digest).where(
        models.Token.digest == sa.bindparam('digest'))
    _TOKEN_QUERY.append(query)
    return query


def _usable(token, user, user_domain, project, project_domain, domain):
    """Whether the token still grants anything: not expired or revoked, and
    its user, project and domains are enabled."""
    if token.revoked or token.expires_at <= _utcnow():
        return False
    if not (user.enabled and user_domain.enabled):
        return False
    if token.project_id is not None and not (
            project is not None and project.enabled and
            project_domain.enabled):
        return False
    if token.domain_id is not None and not (domain is not None and
                                            domain.enabled):
        return False
    return True


def _load(s, token_digest):
    """The full token info, or NotAuthenticated."""
    row = s.execute(_token_query(), {'digest': token_digest}).first()
    if row is None or not _usable(*row[:6]):
        raise exception.NotAuthenticated()
    (token, user, user_domain, project, project_domain, domain, system,
     trust_id, app_cred_id, oauth_id) = row
    role_refs = []
    trust = trust_tokens.trust_of(s, trust_id)
    if trust is not None:
        try:
            role_refs = trust_tokens.roles(s, trust, _utcnow())
        except exception.Forbidden:
            raise exception.NotAuthenticated()
        if trust.impersonation:
            # The token speaks for the trustor.
            user = s.get(models.User, trust.trustor_user_id)
            user_domain = s.get(models.Domain, user.domain_id)
    elif token.project_id is not None:
        role_refs = _roles(s, user.id, 'project', token.project_id)
    elif token.domain_id is not None:
        role_refs = _roles(s, user.id, 'domain', token.domain_id)
    elif system is not None:
        role_refs = _roles(s, user.id, 'system', system)
    app_cred = app_cred_tokens.load(s, app_cred_id)
    if app_cred is not None:
        # Only the credential's roles the user still holds (keystone).
        role_refs = [r for r in role_refs if r['id'] in app_cred['role_ids']]
    oauth = oauth1_tokens.load(s, oauth_id)
    if oauth is not None:
        # The access token's roles (and those they imply) the user holds.
        wanted = effective_roles.with_implied(s, oauth['role_ids'])
        role_refs = [r for r in role_refs if r['id'] in wanted]
    scoped = token.project_id is not None or token.domain_id is not None \
        or system is not None
    if scoped and not role_refs and trust is None:
        # Keystone refuses a scope the user holds no role on.
        raise exception.NotAuthenticated()
    audit_ids = [token.audit_id]
    if token.audit_chain_id:
        audit_ids.append(token.audit_chain_id)
    return {
        'user_id': user.id, 'user_name': user.name,
        'user_domain_id': user_domain.id,
        'user_domain_name': user_domain.name,
        'project_id': project.id if project else None,
        'project_name': project.name if project else None,
        'project_domain_id': project_domain.id if project else None,
        'project_domain_name': project_domain.name if project else None,
        'domain_id': domain.id if domain else None,
        'domain_name': domain.name if domain else None,
        'roles': [r['name'] for r in role_refs],
        'role_refs': role_refs,
        'methods': token.methods.split(','),
        'expires_at': token.expires_at, 'issued_at': token.issued_at,
        'audit_ids': audit_ids, 'system_scope': system,
        'trust': None if trust is None else {
            'id': trust.id, 'impersonation': trust.impersonation,
            'trustor_user_id': trust.trustor_user_id,
            'trustee_user_id': trust.trustee_user_id},
        'application_credential': app_cred,
        'oauth1': None if oauth is None else {
            'access_token_id': oauth['id'],
            'consumer_id': oauth['consumer_id']},
    }


def _copy(info, keys=None):
    """A copy the caller may change without touching the cache."""
    result = {k: info[k] for k in (keys or info)}
    for key in ('roles', 'methods', 'audit_ids'):
        result[key] = list(info[key])
    if 'role_refs' in result:
        result['role_refs'] = [dict(r) for r in info['role_refs']]
    if result.get('trust'):
        result['trust'] = dict(result['trust'])
    if result.get('oauth1'):
        result['oauth1'] = dict(result['oauth1'])
    return result


def token_data(token_id):
    """Everything known about a valid token (validate() plus role_refs
    [{id, name}]), or NotAuthenticated."""
    if not token_id or not isinstance(token_id, str):
        raise exception.NotAuthenticated()
    key = digest(token_id)
    info = _cache_get(key)
    if info is None:
        with session.reader() as s:
            info = _load(s, key)
        _cache_put(key, info)
    return _copy(info)


def validate(token_id):
    """The contract dict (CONTRACT_KEYS) of a valid token, or
    NotAuthenticated for an unknown, expired or revoked token or a
    disabled user/project/domain."""
    return _copy(token_data(token_id), CONTRACT_KEYS)


def _purge_expired(s, now):
    """Drop long-expired rows now and then, so the table stays small."""
    if time.monotonic() - _last_purge[0] < _PURGE_INTERVAL:
        return
    _last_purge[0] = time.monotonic()
    s.execute(sa.delete(models.Token).where(models.Token.expires_at < now))


def issue(user_id, methods, project_id=None, domain_id=None, parent=None,
          trust_id=None, app_cred=None, system=None, access_token_id=None):
    """A new token for an authenticated user: (token_id, token_data dict).

    `parent` is the token_data of the token a rescope started from: the
    new token keeps its expiry and joins its audit chain. NotAuthenticated
    when the user, project or domain is disabled or the user has no role
    on the scope. `trust_id`: the trust the token is issued through.
    `app_cred` (the credential dict) limits the roles and the lifetime to
    the credential's. `system` 'all' scopes the token to the system.
    `access_token_id`: the OS-OAUTH1 access token the token comes from.
    """
    now = _utcnow().replace(microsecond=0)
    expires_at = now + datetime.timedelta(
        seconds=CONF.identity.token_expiration)
    chain = None
    if parent is not None:
        expires_at = parent['expires_at']
        chain = parent['audit_ids'][-1]
    if app_cred is not None and app_cred['expires_at'] is not None:
        expires_at = min(expires_at, app_cred['expires_at'])
    token_id = secrets.token_urlsafe(32)
    key = digest(token_id)
    with session.writer() as s:
        _purge_expired(s, now)
        s.add(models.Token(
            digest=key, user_id=user_id, project_id=project_id,
            domain_id=domain_id, methods=','.join(methods),
            audit_id=secrets.token_urlsafe(16), audit_chain_id=chain,
            issued_at=now, expires_at=expires_at, revoked=False))
        if system is not None:
            s.add(models.SystemScopedToken(digest=key, system=system))
        if trust_id is not None:
            trust_tokens.link(s, key, trust_id)
        s.flush()
        if app_cred is not None:
            app_cred_tokens.link(s, key, app_cred['id'])
            s.flush()
        if access_token_id is not None:
            oauth1_tokens.link(s, key, access_token_id)
            s.flush()
        # Raising here rolls the insert back: no unusable token is stored.
        info = _load(s, key)
    _cache_put(key, info)
    return token_id, _copy(info)


def revoke(token_id):
    key = digest(token_id)
    with session.writer() as s:
        s.execute(sa.update(models.Token).where(
            models.Token.digest == key).values(revoked=True))
        row = s.get(models.Token, key)
        if row is not None:
            revoke_events.record(s, audit_id=row.audit_id)
    with _cache_lock:
        _cache.pop(key, None)


def revoke_for_user(user_id):
    """Revoke every token of a user (password changed)."""
    with session.writer() as s:
        s.execute(sa.update(models.Token).where(
            models.Token.user_id == user_id).values(revoked=True))
        revoke_events.record(s, user_id=user_id)
    invalidate_cache()
