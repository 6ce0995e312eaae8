"""The volume service's half of managing existing backend objects: size
them, hold quota, take them over (driver.manage_existing*), and forget
them again (unmanage). Failures leave cinder's states: a volume
error_managing, a snapshot error; an unmanage that fails error_unmanaging
(volume) or error (snapshot)."""
from stratus.common import log
from stratus.db.api import manageable as db_manageable
from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.volume.drivers import driver as driver_api

LOG = log.getLogger(__name__)


def _type_name(volume):
    return (volume.get('volume_type') or {}).get('name')


def manage_volume(driver, volume_id, ref):
    volume = db_volumes.get(volume_id)
    reservations = []
    try:
        target = driver_api.driver_volume(volume)
        size = int(driver.manage_existing_get_size(target, ref))
        reservations = volume_quotas.reserve(
            volume['project_id'], volume_quotas.deltas_for(
                'volumes', size, _type_name(volume)))
        update = driver.manage_existing(dict(target, size=size), ref) or {}
        values = {'size': size, 'status': 'available', 'use_quota': True}
        if update.get('provider_location'):
            values['provider_location'] = update['provider_location']
        db_volumes.update(volume_id, values)
        volume_quotas.commit(reservations)
        LOG.info('Managed %s as volume %s (%d GiB)', ref, volume_id, size)
    except Exception as exc:
        volume_quotas.rollback(reservations)
        LOG.error('Managing %s as volume %s failed: %s', ref, volume_id, exc)
        db_volumes.update(volume_id, {'status': 'error_managing'})


def manage_snapshot(driver, snapshot_id, ref):
    snapshot = db_snapshots.get(snapshot_id)
    volume = db_volumes.get(snapshot['volume_id'])
    reservations = []
    try:
        target = driver_api.driver_snapshot(snapshot)
        size = int(driver.manage_existing_snapshot_get_size(target, ref))
        reservations = volume_quotas.reserve(
            snapshot['project_id'], volume_quotas.deltas_for(
                'snapshots', size, _type_name(volume)))
        update = driver.manage_existing_snapshot(target, ref) or {}
        values = {'volume_size': size, 'status': 'available',
                  'progress': '100%', 'use_quota': True}
        if update.get('provider_location'):
            values['provider_location'] = update['provider_location']
        db_snapshots.update(snapshot_id, values)
        volume_quotas.commit(reservations)
    except Exception as exc:
        volume_quotas.rollback(reservations)
        LOG.error('Managing %s as snapshot %s failed: %s', ref, snapshot_id,
                  exc)
        db_snapshots.update(snapshot_id, {'status': 'error'})


def unmanage_volume(driver, volume_id):
    volume = db_volumes.get(volume_id)
    try:
        driver.unmanage(driver_api.driver_volume(volume))
    except Exception as exc:
        LOG.error('Unmanaging volume %s failed: %s', volume_id, exc)
        db_volumes.update(volume_id, {'status': 'error_unmanaging'})
        return
    # The row goes (its quota with it); the data stays on the backend.
    db_volumes.destroy(volume_id)


def unmanage_snapshot(driver, snapshot_id):
    snapshot = db_snapshots.get(snapshot_id)
    try:
        driver.unmanage_snapshot(driver_api.driver_snapshot(snapshot))
    except Exception as exc:
        LOG.error('Unmanaging snapshot %s failed: %s', snapshot_id, exc)
        db_snapshots.update(snapshot_id, {'status': 'error'})
        return
    db_snapshots.destroy(snapshot_id)


def manageable_volumes(driver, host, marker, limit, offset, sort_keys,
                       sort_dirs):
    return driver.get_manageable_volumes(
        db_manageable.volumes_on_backend(host), marker, limit, offset,
        sort_keys, sort_dirs)


def manageable_snapshots(driver, host, marker, limit, offset, sort_keys,
                         sort_dirs):
    return driver.get_manageable_snapshots(
        db_manageable.snapshots_on_backend(host), marker, limit, offset,
        sort_keys, sort_dirs)
