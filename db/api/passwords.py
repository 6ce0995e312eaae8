"""Password hashing with bcrypt.

bcrypt reads at most 72 bytes and rejects NUL bytes (bcrypt>=5 raises on
longer input), so the password is first reduced to a fixed 44-byte
base64(sha256) string: every byte of a long password counts and any
character is allowed. The cost factor is [identity] password_hash_rounds.
"""
import base64
import hashlib

import bcrypt

from stratus.common.conf import CONF

# A valid hash nobody knows the password of: verifying against it makes a
# lookup of an unknown user cost the same time as a wrong password.
_DUMMY_HASH = None


def _prehash(password):
    digest = hashlib.sha256(password.encode('utf-8')).digest()
    return base64.b64encode(digest)


def hash_password(password):
    rounds = CONF.identity.password_hash_rounds
    return bcrypt.hashpw(_prehash(password),
                         bcrypt.gensalt(rounds=rounds)).decode('ascii')


def verify(password, password_hash):
    """Whether `password` matches; False for a missing or broken hash."""
    global _DUMMY_HASH
    if not password_hash:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hash_password('-')
        bcrypt.checkpw(_prehash(password or ''), _DUMMY_HASH.encode('ascii'))
        return False
    if password is None:
        return False
    try:
        return bcrypt.checkpw(_prehash(password),
                              password_hash.encode('ascii'))
    except ValueError:
        return False
