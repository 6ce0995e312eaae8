"""What a token issued from an application credential may carry: the
credential's roles (those the user still holds), its restriction and its
access rules. Read at every validation the cache misses, inside the
token's transaction, so a deleted credential stops its tokens at once."""
import sqlalchemy as sa

from stratus.common import exception
from stratus.db import models


def link(s, token_digest, cred_id):
    s.add(models.ApplicationCredentialToken(
        token_digest=token_digest, application_credential_id=cred_id))


def load(s, cred_id):
    """None for a token not issued from a credential (`cred_id` None, its
    link read with the token); else {id, name, unrestricted, role_ids,
    access_rules}. NotAuthenticated when the credential is gone."""
    if cred_id is None:
        return None
    row = s.get(models.ApplicationCredential, cred_id)
    if row is None:
        raise exception.NotAuthenticated()
    role_link = models.ApplicationCredentialRole
    rule_link = models.ApplicationCredentialAccessRule
    rules = s.execute(sa.select(models.AccessRule).join(
        rule_link, rule_link.access_rule_id == models.AccessRule.id).where(
        rule_link.application_credential_id == cred_id)).scalars()
    return {
        'id': row.id, 'name': row.name, 'unrestricted': row.unrestricted,
        'expires_at': row.expires_at,
        'role_ids': set(s.scalars(sa.select(role_link.role_id).where(
            role_link.application_credential_id == cred_id))),
        'access_rules': [{'id': r.id, 'service': r.service, 'path': r.path,
                          'method': r.method} for r in rules],
    }
