"""Start-up: volumes never placed (issue 15, item 9).

A volume in creating without a host is the scheduler's: its request was
queued for, or being handled by, a scheduler. At start the scheduler
places each one again from its row (size, zone, type with its extra specs,
source snapshot or volume on its backend, image, multiattach): placing is
a compare-and-swap on a volume without a host, so a request delivered
again as well places it once, and the backend runs a create once (see
volume.worker).
"""
import sqlalchemy as sa

from stratus.common import context
from stratus.common import log
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_types
from stratus.db.api import volumes as db_volumes
from stratus.db import models
from stratus.db import session
from stratus.volume import host_names

LOG = log.getLogger(__name__)


def _unplaced():
    with session.reader() as s:
        return s.scalars(sa.select(models.Volume.id).where(
            models.Volume.status == 'creating',
            models.Volume.host.is_(None),
            models.Volume.deleted.is_(False))).all()


def _source_backend(volume):
    source = None
    if volume['snapshot_id']:
        source = db_volumes.get(db_snapshots.get(
            volume['snapshot_id'])['volume_id'])
    elif volume['source_volid']:
        source = db_volumes.get(volume['source_volid'])
    return host_names.extract(source['host'], 'backend') \
        if source and source['host'] else None


def request_spec(volume):
    volume_type = None
    if volume['volume_type_id']:
        vtype = volume_types.type_get(volume['volume_type_id'])
        volume_type = {'id': vtype['id'], 'name': vtype['name'],
                       'extra_specs': dict(vtype['extra_specs'])}
    return {'volume_id': volume['id'], 'size': volume['size'],
            'availability_zone': volume['availability_zone'],
            'volume_type': volume_type, 'snapshot_id': volume['snapshot_id'],
            'source_volid': volume['source_volid'],
            'image_id': volume['image_id'],
            'resource_backend': _source_backend(volume),
            'multiattach': bool(volume['multiattach']),
            'scheduler_hints': {}, 'project_id': volume['project_id'],
            'user_id': volume['user_id']}


def place_unplaced(volume_rpc):
    """Run the create of every volume never placed; returns their ids."""
    from stratus.scheduler.flows import volume_create
    placed = []
    for volume_id in _unplaced():
        try:
            volume = db_volumes.get(volume_id)
            spec = request_spec(volume)
        except Exception:
            LOG.exception('Volume %s: cannot rebuild its request', volume_id)
            continue
        LOG.warning('Volume %s was never placed; scheduling it now',
                    volume_id)
        ctxt = context.RequestContext(
            user_id=volume['user_id'], project_id=volume['project_id'],
            is_admin=True, roles=['admin'])
        volume_create.run(ctxt, volume_id, spec, {}, volume_rpc)
        placed.append(volume_id)
    return placed
