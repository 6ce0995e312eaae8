"""Volume transfers: the offer row and the ownership changes it drives.

Each state change is one write transaction with its volume's
compare-and-swap, as cinder's transfer_create / transfer_destroy /
transfer_accept do: create takes the volume from available to
awaiting-transfer, delete gives it back, accept hands the volume (and its
snapshots unless no_snapshots) to the new project. Views are the row's
columns; salt and crypt_hash stay inside (callers check keys here).
"""
import sqlalchemy as sa

from stratus.common import exception
from stratus.common import log
from stratus.db import models
from stratus.db import session
from stratus.db.api import paging
from stratus.db.api import volume_quotas

LOG = log.getLogger(__name__)

AWAITING = 'awaiting-transfer'
AVAILABLE = 'available'
# Filter keys the list accepts: the model's columns (cinder's
# is_valid_model_filters); anything else matches nothing.
COLUMNS = frozenset(c.key for c in sa.inspect(models.Transfer).columns)
_BOOLEANS = ('no_snapshots', 'accepted', 'deleted')


def _view(row):
    return row.to_dict()


def _live(project_id=None):
    """Offers not closed whose volume still exists (cinder deletes a
    volume's offers with it), of `project_id`'s volumes unless None."""
    volumes = sa.select(models.Volume.id).where(
        models.Volume.deleted.is_(False))
    if project_id is not None:
        volumes = volumes.where(models.Volume.project_id == project_id)
    return sa.select(models.Transfer).where(
        models.Transfer.deleted.is_(False),
        models.Transfer.volume_id.in_(volumes))


def _get(s, transfer_id, project_id=None):
    """The live row; with `project_id`, only when its volume belongs to
    that project (what a non-admin may see)."""
    row = s.scalars(_live(project_id).where(
        models.Transfer.id == str(transfer_id))).first()
    if row is None:
        raise exception.TransferNotFound(transfer_id=transfer_id)
    return row


def get(transfer_id, project_id=None):
    with session.reader() as s:
        return _view(_get(s, transfer_id, project_id))


def _volume(s, volume_id):
    row = s.get(models.Volume, str(volume_id))
    if row is None or row.deleted:
        raise exception.VolumeNotFound(volume_id=volume_id)
    return row


def create(values):
    """Insert the offer and move its volume to awaiting-transfer, or
    InvalidVolume when the volume is no longer available."""
    with session.writer() as s:
        volume = _volume(s, values['volume_id'])
        if volume.status != AVAILABLE:
            raise exception.InvalidVolume(
                reason='Transfer %s: Volume id %s expected in available '
                       'state.' % (values['id'], volume.id))
        volume.status = AWAITING
        volume.updated_at = models.utcnow()
        row = models.Transfer(**values)
        s.add(row)
        s.flush()
        return _view(row)


def destroy(transfer_id, project_id=None):
    """Soft-delete the offer; its volume goes back to available when it
    is still awaiting the transfer (otherwise it is left as it is)."""
    with session.writer() as s:
        row = _get(s, transfer_id, project_id)
        volume = s.get(models.Volume, row.volume_id)
        if volume is not None and volume.status == AWAITING:
            volume.status = AVAILABLE
            volume.updated_at = models.utcnow()
        else:
            LOG.error('Transfer %s: Volume expected in awaiting-transfer '
                      'state.', transfer_id)
        row.deleted, row.deleted_at = True, models.utcnow()


def accept(transfer_id, user_id, project_id, reservations=()):
    """Give the volume (and its snapshots unless the offer says
    no_snapshots) to `user_id`/`project_id` and close the offer, in one
    transaction that also commits the receiver's `reservations`: usage is
    counted from the rows, so the quota moves with them."""
    with session.writer() as s:
        row = _get(s, transfer_id)
        volume = _volume(s, row.volume_id)
        if volume.status != AWAITING:
            raise exception.InvalidVolume(
                reason='Transfer %s: Volume id %s expected in '
                       'awaiting-transfer state.' % (transfer_id, volume.id))
        now = models.utcnow()
        volume.status, volume.user_id, volume.project_id = (
            AVAILABLE, user_id, project_id)
        volume.updated_at = now
        if not row.no_snapshots:
            for snapshot in s.scalars(sa.select(models.Snapshot).where(
                    models.Snapshot.volume_id == volume.id,
                    models.Snapshot.deleted.is_(False))):
                if snapshot.status != AVAILABLE:
                    # Raising rolls the whole transaction back: nothing of
                    # the volume or the other snapshots moved.
                    raise exception.InvalidSnapshot(
                        reason='Transfer %s: Snapshot %s is not in the '
                               'expected available state.' % (
                                   transfer_id, snapshot.id))
                snapshot.user_id, snapshot.project_id = user_id, project_id
                snapshot.updated_at = now
        row.deleted, row.deleted_at = True, now
        row.destination_project_id, row.accepted = project_id, True
        volume_quotas.commit(list(reservations), s)
        s.flush()
        return _view(row)


def _filtered(query, filters):
    """None when a key is not a column (cinder then lists nothing)."""
    for key, value in filters.items():
        column = key.rstrip('~')
        if column not in COLUMNS:
            return None
        attr = getattr(models.Transfer, column)
        if column in _BOOLEANS and isinstance(value, str):
            value = value.lower() in ('1', 'true', 't', 'yes', 'y', 'on')
        if key.endswith('~'):
            query = query.where(attr.contains(value))
        elif isinstance(value, (list, tuple, set)):
            query = query.where(attr.in_(list(value)))
        else:
            query = query.where(attr == value)
    return query


def list_transfers(*, project_id=None, filters=None, marker=None,
                   limit=None, offset=None,
                   sort=(('created_at', 'asc'), ('id', 'asc'))):
    """Live offers (of volumes of `project_id`; None: every project's),
    ordered by `sort` ([(column, direction)]), created_at and id added as
    tie breakers as cinder adds them."""
    sort = list(sort)
    for key, direction in sort:
        if key not in COLUMNS:
            raise exception.Invalid(reason='Invalid sort key')
    tail = sort[0][1] if sort else 'asc'
    for key in ('created_at', 'id'):
        if key not in [k for k, _d in sort]:
            sort.append((key, tail))
    with session.reader() as s:
        query = _filtered(_live(project_id), dict(filters or {}))
        if query is None:
            return []
        if marker is not None:
            # An unknown (or invisible) marker is the transfer's 404.
            _get(s, marker, project_id)
        query = query.order_by(*[
            getattr(models.Transfer, key).asc() if direction == 'asc'
            else getattr(models.Transfer, key).desc()
            for key, direction in sort])
        rows = paging.page(list(s.scalars(query)), marker, limit, offset)
        return [_view(row) for row in rows]

