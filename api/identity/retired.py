"""Routes keystone 30 still answers for features it removed: PKI tokens'
certificates (OS-SIMPLE-CERT, 410 Gone) and the revoked PKI token list
(OS-PKI, 403 since [token] revoke_by_id is on by default). No token is
needed, as in keystone."""
import pecan

from stratus.api.identity import common
from stratus.common import exception

_NO_PKI = ('This API is no longer available due to the removal of support '
           'for PKI tokens.')


class SimpleCertRoot:

    @pecan.expose()
    def ca(self, **kwargs):
        common.require_method('GET', 'HEAD')
        raise exception.Gone(_NO_PKI)

    @pecan.expose()
    def certificates(self, **kwargs):
        common.require_method('GET', 'HEAD')
        raise exception.Gone(_NO_PKI)


class PkiRoot:

    @pecan.expose()
    def revoked(self, **kwargs):
        common.require_method('GET', 'HEAD')
        raise exception.IdentityForbidden()
