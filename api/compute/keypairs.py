"""/compute/v2.1/os-keypairs: a user's key pairs, imported or (before 2.92)
generated here. 2.2: ssh or x509 type, 201 on create, 204 on delete; 2.10:
admins act for other users (user_id); 2.35: paging; 2.92: import only."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.api.compute.schemas import keypairs as schemas
from stratus.api.compute.views import keypairs as views
from stratus.common import exception
from stratus.db.api import keypairs as db_keypairs

_POLICY = 'os_compute_api:os-keypairs:%s'


def _user(ctxt, action, user_id):
    """The user whose key pairs are meant: the caller, or (2.10, admins
    only, as nova's admin-or-owner rule) the one named."""
    policy.require_reader(ctxt, _POLICY % action)
    if user_id is None or user_id == ctxt.user_id:
        return ctxt.user_id
    if not ctxt.is_admin:
        raise exception.Forbidden(action=_POLICY % action)
    return user_id


def _queried_user(ctxt, action, kwargs, paged=False):
    version = wsgi.version()
    query.check(kwargs, schemas.query_schema(version, paged))
    user_id = wsgi.query_value(kwargs, 'user_id') \
        if version >= (2, 10) else None
    return _user(ctxt, action, user_id)


def _page(rows, kwargs):
    """2.35: sorted by name, after the marker name, at most limit."""
    limit, marker = query.limit_marker(kwargs)
    if marker is not None:
        names = [r['name'] for r in rows]
        if marker not in names:
            raise exception.MarkerNotFound(marker=marker)
        rows = rows[names.index(marker) + 1:]
    return rows[:limit]


def _crypto():
    # cryptography costs the API ~5 MiB; only key pair creation needs it.
    from stratus.api.compute import keypair_crypto
    return keypair_crypto


def fingerprint(public_key):
    """The fingerprint clients compare with ssh-keygen's."""
    return _crypto().fingerprint(public_key)


def _key_material(body, user_id):
    """(private key or None, public key, fingerprint) of a create body."""
    keypair_crypto = _crypto()
    key_type = body.get('type', 'ssh')
    private_key = None
    public_key = body.get('public_key')
    if public_key is None:
        if key_type == 'x509':
            private_key, public_key = keypair_crypto.generate_x509(user_id)
        else:
            private_key, public_key = keypair_crypto.generate()
    if key_type == 'x509':
        return private_key, public_key, \
            keypair_crypto.x509_fingerprint(public_key)
    return private_key, public_key, keypair_crypto.fingerprint(public_key)


class KeypairsController(rest.RestController):
    """Key pairs belong to a user; as in nova any authenticated user
    (reader included) manages their own, since no project owns them."""

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        version = wsgi.version()
        user_id = _queried_user(ctxt, 'index', kwargs, paged=True)
        rows = db_keypairs.list_for_user(user_id)
        body = {}
        if version >= (2, 35):
            rows = _page(rows, kwargs)
            links = query.next_links(kwargs, 'os-keypairs', len(rows),
                                     rows[-1]['name'] if rows else None)
            if links:
                body['keypairs_links'] = links
        body['keypairs'] = [views.summary(r, version) for r in rows]
        return wsgi.response(body)

    @pecan.expose()
    def get_one(self, name, **kwargs):
        ctxt = wsgi.context()
        user_id = _queried_user(ctxt, 'show', kwargs)
        row = db_keypairs.get(user_id, name)
        return wsgi.response({'keypair': views.detail(row, wsgi.version())})

    @pecan.expose()
    def post(self):
        ctxt = wsgi.context()
        version = wsgi.version()
        body = validation.body(schemas.create_schema(version))['keypair']
        user_id = _user(ctxt, 'create', body.get('user_id'))
        private_key, public_key, digest = _key_material(body, user_id)
        row = db_keypairs.create(user_id, ctxt.project_id, {
            'name': body['name'], 'public_key': public_key,
            'fingerprint': digest, 'type': body.get('type', 'ssh')})
        return wsgi.response(
            {'keypair': views.created(row, version, private_key)},
            status=201 if version >= (2, 2) else 200)

    @pecan.expose()
    def delete(self, name, **kwargs):
        ctxt = wsgi.context()
        user_id = _queried_user(ctxt, 'delete', kwargs)
        db_keypairs.delete(user_id, name)
        return wsgi.response(status=204 if wsgi.version() >= (2, 2)
                             else 202)
