"""/compute/v2.1/os-keypairs: a user's ssh key pairs, imported or
generated here (2.1: ssh keys only, 200 on create, 202 on delete)."""
import base64
import binascii
import hashlib

import pecan
from cryptography import exceptions as crypto_exc
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute.schemas import keypairs as schemas
from stratus.api.compute.views import keypairs as views
from stratus.common import exception
from stratus.db.api import keypairs as db_keypairs

_KEY_TYPES = ('ssh-rsa', 'ssh-ed25519')
# Clients (and ssh) recognise generated keys by this comment.
_GENERATED_COMMENT = 'Generated-by-Nova'


def _known_type(key_type):
    return key_type in _KEY_TYPES or key_type.startswith('ecdsa-sha2-')


def fingerprint(public_key):
    """The MD5 fingerprint (aa:bb:...) of an OpenSSH public key line, the
    one `ssh-keygen -l -E md5` prints. InvalidKeypair if it is not one."""
    fields = public_key.strip().split()
    if len(fields) < 2 or not _known_type(fields[0]):
        raise exception.InvalidKeypair(reason='failed to generate '
                                              'fingerprint')
    try:
        # Parsing proves the blob is a well-formed key of the named type.
        serialization.load_ssh_public_key(' '.join(fields[:2]).encode())
        blob = base64.b64decode(fields[1], validate=True)
    except (ValueError, binascii.Error, crypto_exc.UnsupportedAlgorithm):
        raise exception.InvalidKeypair(reason='failed to generate '
                                              'fingerprint')
    digest = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def generate():
    """(private key PEM, public key line) of a fresh RSA 2048 key pair."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()
    return private, '%s %s' % (public, _GENERATED_COMMENT)


class KeypairsController(rest.RestController):
    """Key pairs belong to the calling user; as in nova any authenticated
    user (reader included) manages their own, since no project owns them."""

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-keypairs:index')
        rows = db_keypairs.list_for_user(ctxt.user_id)
        return wsgi.response({'keypairs': [views.summary(r) for r in rows]})

    @pecan.expose()
    def get_one(self, name):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-keypairs:show')
        row = db_keypairs.get(ctxt.user_id, name)
        return wsgi.response({'keypair': views.detail(row)})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-keypairs:create')
        body = validation.body(schemas.create)['keypair']
        private_key = None
        if 'public_key' in body:
            public_key = body['public_key']
        else:
            private_key, public_key = generate()
        row = db_keypairs.create(ctxt.user_id, ctxt.project_id, {
            'name': body['name'], 'public_key': public_key,
            'fingerprint': fingerprint(public_key), 'type': 'ssh'})
        return wsgi.response({'keypair': views.created(row, private_key)})

    @pecan.expose()
    def delete(self, name):
        ctxt = wsgi.context()
        policy.require_reader(ctxt, 'os_compute_api:os-keypairs:delete')
        db_keypairs.delete(ctxt.user_id, name)
        return wsgi.response(status=202)
