"""TransferAPI: giving a volume to another project (runs in stratus-api).

The giver creates an offer and receives its auth key once; whoever holds
the key accepts it from their own project. Only a salt and an HMAC of the
key are stored, so the key cannot be shown again. Accepting checks the
receiver's quota (per-volume size, volumes, gigabytes, snapshots and the
per-type keys) and moves the rows; usage is counted from the rows, so the
giver's usage drops in the same transaction.
"""
import hashlib
import hmac
import secrets
import uuid

from stratus.common import exception
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import transfers as db_transfers
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.volume import states

LOG = log.getLogger(__name__)

# cinder's volume_transfer_salt_length and volume_transfer_key_length.
SALT_LENGTH = 8
KEY_LENGTH = 16


def _random_hex(length):
    # Hex digits only: the receiver types the key in by hand.
    return secrets.token_hex((length + 1) // 2)[:length]


def crypt_hash(salt, auth_key):
    """The stored proof of the key: HMAC-SHA1 keyed by the salt."""
    return hmac.new(str(salt).encode(), str(auth_key).encode(),
                    hashlib.sha1).hexdigest()


class TransferAPI:

    @staticmethod
    def _scope(ctxt):
        """The project a context's reads are limited to (None: admin)."""
        return None if ctxt.is_admin else ctxt.project_id

    def get(self, ctxt, transfer_id):
        return db_transfers.get(transfer_id, self._scope(ctxt))

    def get_all(self, ctxt, filters, all_tenants=False, **paging):
        """An admin with all_tenants sees every project's offers (a
        project_id filter narrows them to that project's volumes); anyone
        else sees their own project's, whatever project_id says."""
        filters = dict(filters)
        wanted = filters.pop('project_id', None) or None
        project_id = wanted if (ctxt.is_admin and all_tenants) \
            else ctxt.project_id
        return db_transfers.list_transfers(project_id=project_id,
                                           filters=filters, **paging)

    def get_volume(self, ctxt, volume_id):
        """The volume to offer; another project's is 404."""
        volume = db_volumes.get(volume_id)
        if not ctxt.is_admin and volume['project_id'] != ctxt.project_id:
            raise exception.VolumeNotFound(volume_id=volume_id)
        return volume

    def create(self, ctxt, volume, name, no_snapshots=False,
               allow_encrypted=False):
        if volume['status'] != states.AVAILABLE:
            raise exception.InvalidVolume(reason='status must be available')
        if volume['encryption_key_id'] is not None:
            if not allow_encrypted:
                raise exception.InvalidVolume(
                    reason='transferring encrypted volume is not supported')
            if no_snapshots:
                raise exception.InvalidVolume(
                    reason='transferring an encrypted volume without its '
                           'snapshots is not supported')
        if not no_snapshots:
            for snapshot in db_snapshots.for_volume(volume['id']):
                if snapshot['status'] != states.SNAP_AVAILABLE:
                    raise exception.InvalidSnapshot(
                        reason='snapshot: %s status must be available'
                               % snapshot['id'])
        salt = _random_hex(SALT_LENGTH)
        auth_key = _random_hex(KEY_LENGTH)
        transfer = db_transfers.create({
            'id': str(uuid.uuid4()), 'volume_id': volume['id'],
            'display_name': name, 'salt': salt,
            'crypt_hash': crypt_hash(salt, auth_key), 'expires_at': None,
            'no_snapshots': bool(no_snapshots),
            'source_project_id': volume['project_id']})
        LOG.info('Transfer %s of volume %s created', transfer['id'],
                 volume['id'])
        return dict(transfer, auth_key=auth_key)

    def delete(self, ctxt, transfer_id):
        db_transfers.destroy(transfer_id, self._scope(ctxt))
        LOG.info('Transfer %s deleted', transfer_id)

    def _reserve(self, ctxt, volume, no_snapshots):
        """The receiver's reservations: the volume first, then its
        snapshots (two reservations, as cinder words its errors per
        resource); released again when the second fails."""
        type_name = (volume['volume_type'] or {}).get('name')
        reservations = volume_quotas.reserve(
            ctxt.project_id, volume_quotas.deltas_for(
                'volumes', volume['size'], type_name),
            volume_size=volume['size'])
        if no_snapshots:
            return reservations
        snapshots = db_snapshots.for_volume(volume['id'])
        if not snapshots:
            return reservations
        try:
            reservations += volume_quotas.reserve(
                ctxt.project_id, volume_quotas.deltas_for(
                    'snapshots', sum(s['volume_size'] for s in snapshots),
                    type_name, count=len(snapshots)))
        except Exception:
            volume_quotas.rollback(reservations)
            raise
        return reservations

    def accept(self, ctxt, transfer_id, auth_key):
        # Any project may accept: the key, not the scope, authorizes.
        transfer = db_transfers.get(transfer_id)
        if not hmac.compare_digest(crypt_hash(transfer['salt'], auth_key),
                                   transfer['crypt_hash'] or ''):
            LOG.error('Attempt to transfer %s with invalid auth key.',
                      transfer_id)
            raise exception.InvalidAuthKey(
                reason='Attempt to transfer %s with invalid auth key.'
                       % transfer_id)
        volume = db_volumes.get(transfer['volume_id'])
        if volume['consistencygroup_id']:
            raise exception.InvalidVolume(
                reason='Volume %s must not be part of a consistency group.'
                       % volume['id'])
        reservations = self._reserve(ctxt, volume, transfer['no_snapshots'])
        try:
            if volume['status'] == states.MAINTENANCE:
                raise exception.InvalidVolume(
                    reason='The volume cannot accept transfer in '
                           'maintenance mode.')
            db_transfers.accept(transfer_id, ctxt.user_id, ctxt.project_id,
                                reservations)
        except Exception:
            volume_quotas.rollback(reservations)
            raise
        LOG.info('Volume %s has been transferred to project %s.',
                 volume['id'], ctxt.project_id)
        return {'id': transfer_id, 'display_name': transfer['display_name'],
                'volume_id': volume['id']}
