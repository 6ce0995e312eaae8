"""Encryption at rest of identity credential blobs (keystone encrypts
them too): Fernet, with one key kept in $state_path/credential.key,
created on first use (readable by the service user only). Losing the file
makes the stored blobs unreadable."""
import os
import threading

from cryptography import fernet

from stratus.common.conf import CONF

_lock = threading.Lock()
_keys = {}


def _key_path():
    return os.path.join(CONF.state_path, 'credential.key')


def _load_or_create(path):
    try:
        with open(path, 'rb') as f:
            return f.read().strip()
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temp = '%s.%d.tmp' % (path, os.getpid())
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'wb') as f:
        f.write(fernet.Fernet.generate_key())
    try:
        # A link never replaces: another worker that got there first wins
        # and everyone reads its key.
        os.link(temp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temp)
    with open(path, 'rb') as f:
        return f.read().strip()


def _fernet():
    path = _key_path()
    with _lock:
        if path not in _keys:
            _keys[path] = fernet.Fernet(_load_or_create(path))
        return _keys[path]


def encrypt(text):
    return _fernet().encrypt(text.encode('utf-8')).decode('ascii')


def decrypt(token):
    return _fernet().decrypt(token.encode('ascii')).decode('utf-8')
