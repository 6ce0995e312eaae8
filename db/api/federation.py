"""OS-FEDERATION storage: identity providers (an IdP without a domain
gets one of its own, as keystone does; remote ids are unique across
IdPs), their protocols, attribute mappings and service providers.
Conflicts use keystone's wording."""
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from stratus.common import exception
from stratus.db import models
from stratus.db import session
from stratus.db.api import identity
from stratus.db.api import tokens

_IDP_KEYS = ('enabled', 'description', 'authorization_ttl')
_SP_KEYS = ('enabled', 'description', 'auth_url', 'sp_url',
            'relay_state_prefix')


def _conflict(kind, details):
    return exception.IdentityConflict(type=kind, details=details)


# --- identity providers ------------------------------------------------------

def _idp(s, idp_id):
    row = s.get(models.IdentityProvider, idp_id)
    if row is None:
        raise exception.IdentityProviderNotFound(idp_id)
    return row


def _remote_ids(s, idp_id):
    m = models.IdpRemoteId
    return list(s.scalars(sa.select(m.remote_id).where(
        m.idp_id == idp_id).order_by(m.remote_id)))


def _idp_dict(s, row):
    return dict(row.to_dict(), remote_ids=_remote_ids(s, row.id))


def _set_remote_ids(s, idp_id, remote_ids):
    """Replace the IdP's remote ids; 409 when another IdP holds one."""
    m = models.IdpRemoteId
    for remote_id in remote_ids:
        holder = s.get(m, remote_id)
        if holder is not None and holder.idp_id != idp_id:
            raise _conflict('identity_provider',
                            'Duplicate remote ID: %s' % remote_id)
    s.execute(sa.delete(m).where(m.idp_id == idp_id))
    s.flush()
    for remote_id in remote_ids:
        s.add(m(remote_id=remote_id, idp_id=idp_id))


def _new_idp_domain(s, idp_id):
    """keystone names the domain after its random id."""
    domain_id = identity.new_id()
    s.add(models.Domain(
        id=domain_id, name=domain_id, enabled=True,
        description='Auto generated federated domain for Identity '
                    'Provider: %s' % idp_id))
    # No ORM relationship orders the inserts: the domain goes first.
    s.flush()
    return domain_id


def idp_create(idp_id, values):
    """values: enabled, description, remote_ids, domain_id,
    authorization_ttl. The auto-created domain is rolled back with the
    IdP when the IdP cannot be stored."""
    duplicate = _conflict('identity_provider', 'Duplicate entry: %s'
                          % idp_id)
    try:
        with session.writer() as s:
            if s.get(models.IdentityProvider, idp_id) is not None:
                raise duplicate
            domain_id = values.get('domain_id')
            if domain_id:
                if s.get(models.Domain, domain_id) is None:
                    raise exception.DomainNotFound(domain_id)
            else:
                domain_id = _new_idp_domain(s, idp_id)
            row = models.IdentityProvider(id=idp_id, domain_id=domain_id)
            for key in _IDP_KEYS:
                if key in values:
                    setattr(row, key, values[key])
            s.add(row)
            s.flush()
            _set_remote_ids(s, idp_id, values.get('remote_ids') or [])
            s.flush()
            return _idp_dict(s, row)
    except sa_exc.IntegrityError:
        raise duplicate


def idp_get(idp_id):
    with session.reader() as s:
        return _idp_dict(s, _idp(s, idp_id))


def idp_list(idp_id=None, enabled=None):
    with session.reader() as s:
        query = sa.select(models.IdentityProvider).order_by(
            models.IdentityProvider.id)
        if idp_id is not None:
            query = query.filter_by(id=idp_id)
        if enabled is not None:
            query = query.filter_by(enabled=enabled)
        return [_idp_dict(s, r) for r in s.scalars(query)]


def idp_update(idp_id, values):
    try:
        with session.writer() as s:
            row = _idp(s, idp_id)
            for key in _IDP_KEYS:
                if key in values:
                    setattr(row, key, values[key])
            if 'remote_ids' in values:
                _set_remote_ids(s, idp_id, values['remote_ids'] or [])
            s.flush()
            return _idp_dict(s, row)
    except sa_exc.IntegrityError:
        raise _conflict('identity_provider', 'Duplicate remote ID: %s'
                        % ', '.join(values.get('remote_ids') or []))


def idp_delete(idp_id):
    """Its protocols and remote ids go with it; its domain stays (as in
    keystone)."""
    with session.writer() as s:
        row = _idp(s, idp_id)
        for model in (models.FederationProtocol, models.IdpRemoteId):
            s.execute(sa.delete(model).where(model.idp_id == idp_id))
        s.delete(row)
    tokens.invalidate_cache()


# --- protocols ---------------------------------------------------------------

def _protocol(s, idp_id, protocol_id):
    row = s.get(models.FederationProtocol, (protocol_id, idp_id))
    if row is None:
        raise exception.FederatedProtocolNotFound(
            protocol_id=protocol_id, idp_id=idp_id)
    return row


def _check_mapping(s, mapping_id):
    if s.get(models.FederationMapping, mapping_id) is None:
        raise exception.ValidationError('Invalid mapping id: %s'
                                        % mapping_id)


def protocol_create(idp_id, protocol_id, values):
    """keystone checks the mapping before the IdP."""
    duplicate = _conflict('federation_protocol',
                          'Duplicate entry found with ID %s' % protocol_id)
    try:
        with session.writer() as s:
            _check_mapping(s, values['mapping_id'])
            _idp(s, idp_id)
            if s.get(models.FederationProtocol,
                     (protocol_id, idp_id)) is not None:
                raise duplicate
            row = models.FederationProtocol(
                id=protocol_id, idp_id=idp_id,
                mapping_id=values['mapping_id'],
                remote_id_attribute=values.get('remote_id_attribute'))
            s.add(row)
            s.flush()
            return row.to_dict()
    except sa_exc.IntegrityError:
        raise duplicate


def protocol_get(idp_id, protocol_id):
    with session.reader() as s:
        return _protocol(s, idp_id, protocol_id).to_dict()


def protocol_list(idp_id):
    """keystone lists no protocols (rather than 404) for an unknown IdP."""
    with session.reader() as s:
        m = models.FederationProtocol
        return [r.to_dict() for r in s.scalars(
            sa.select(m).where(m.idp_id == idp_id).order_by(m.id))]


def protocol_update(idp_id, protocol_id, values):
    with session.writer() as s:
        _check_mapping(s, values['mapping_id'])
        row = _protocol(s, idp_id, protocol_id)
        for key in ('mapping_id', 'remote_id_attribute'):
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return row.to_dict()


def protocol_delete(idp_id, protocol_id):
    with session.writer() as s:
        s.delete(_protocol(s, idp_id, protocol_id))


# --- mappings ----------------------------------------------------------------

def _mapping(s, mapping_id):
    row = s.get(models.FederationMapping, mapping_id)
    if row is None:
        raise exception.MappingNotFound(mapping_id)
    return row


def mapping_create(mapping_id, rules, schema_version):
    duplicate = _conflict('mapping', 'Duplicate entry')
    try:
        with session.writer() as s:
            if s.get(models.FederationMapping, mapping_id) is not None:
                raise duplicate
            row = models.FederationMapping(
                id=mapping_id, rules=rules, schema_version=schema_version)
            s.add(row)
            s.flush()
            return row.to_dict()
    except sa_exc.IntegrityError:
        raise duplicate


def mapping_get(mapping_id):
    with session.reader() as s:
        return _mapping(s, mapping_id).to_dict()


def mapping_list():
    with session.reader() as s:
        m = models.FederationMapping
        return [r.to_dict() for r in s.scalars(sa.select(m).order_by(m.id))]


def mapping_update(mapping_id, rules, schema_version):
    with session.writer() as s:
        row = _mapping(s, mapping_id)
        row.rules = rules
        row.schema_version = schema_version
        s.flush()
        return row.to_dict()


def mapping_delete(mapping_id):
    with session.writer() as s:
        s.delete(_mapping(s, mapping_id))


# --- service providers -------------------------------------------------------

def _sp(s, sp_id):
    row = s.get(models.ServiceProvider, sp_id)
    if row is None:
        raise exception.ServiceProviderNotFound(sp_id)
    return row


def sp_create(sp_id, values):
    duplicate = _conflict('service_provider',
                          'Duplicate entry found with ID %s' % sp_id)
    try:
        with session.writer() as s:
            if s.get(models.ServiceProvider, sp_id) is not None:
                raise duplicate
            row = models.ServiceProvider(id=sp_id)
            for key in _SP_KEYS:
                if key in values:
                    setattr(row, key, values[key])
            s.add(row)
            s.flush()
            return row.to_dict()
    except sa_exc.IntegrityError:
        raise duplicate


def sp_get(sp_id):
    with session.reader() as s:
        return _sp(s, sp_id).to_dict()


def sp_list(sp_id=None, enabled=None):
    with session.reader() as s:
        query = sa.select(models.ServiceProvider).order_by(
            models.ServiceProvider.id)
        if sp_id is not None:
            query = query.filter_by(id=sp_id)
        if enabled is not None:
            query = query.filter_by(enabled=enabled)
        return [r.to_dict() for r in s.scalars(query)]


def enabled_sps():
    """What a token lists of the enabled service providers (keystone's
    get_enabled_service_providers)."""
    with session.reader() as s:
        m = models.ServiceProvider
        return [{'auth_url': r.auth_url, 'id': r.id, 'sp_url': r.sp_url}
                for r in s.scalars(sa.select(m).where(
                    m.enabled.is_(True)).order_by(m.id))]


def sp_update(sp_id, values):
    with session.writer() as s:
        row = _sp(s, sp_id)
        for key in _SP_KEYS:
            if key in values:
                setattr(row, key, values[key])
        s.flush()
        return row.to_dict()


def sp_delete(sp_id):
    with session.writer() as s:
        s.delete(_sp(s, sp_id))
