"""Key material of key pairs: fingerprints of OpenSSH public keys (MD5)
and of X.509 certificates (SHA-1), and generated ssh and x509 pairs."""
import base64
import binascii
import datetime
import hashlib

from cryptography import exceptions as crypto_exc
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import NameOID

from stratus.common import exception

_KEY_TYPES = ('ssh-rsa', 'ssh-ed25519')
# Clients (and ssh) recognise generated keys by this comment.
_GENERATED_COMMENT = 'Generated-by-Nova'


def _known_type(key_type):
    return key_type in _KEY_TYPES or key_type.startswith('ecdsa-sha2-')


def _colons(hexdigest):
    return ':'.join(hexdigest[i:i + 2] for i in range(0, len(hexdigest), 2))


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
    return _colons(hashlib.md5(blob, usedforsecurity=False).hexdigest())


def x509_fingerprint(pem):
    """The SHA-1 fingerprint (aa:bb:...) of a PEM certificate, as nova
    shows for x509 key pairs."""
    try:
        cert = x509.load_pem_x509_certificate(pem.encode())
    except ValueError as exc:
        raise exception.InvalidKeypair(
            reason='failed to generate X509 fingerprint. Error message: %s'
            % exc)
    return _colons(cert.fingerprint(hashes.SHA1()).hex())


def _rsa():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _private_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()


def generate():
    """(private key PEM, public key line) of a fresh RSA 2048 key pair."""
    key = _rsa()
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()
    return _private_pem(key), '%s %s' % (public, _GENERATED_COMMENT)


def generate_x509(user_id):
    """(private key PEM, certificate PEM): a self-signed client certificate
    for `user_id`, valid ten years (what nova makes for WinRM)."""
    key = _rsa()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, user_id)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(key, hashes.SHA256()))
    return _private_pem(key), cert.public_bytes(
        serialization.Encoding.PEM).decode()
