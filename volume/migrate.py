"""Host-assisted volume migration, on the source volume's backend
(cinder's generic migration): a new volume is created on the destination
(migration_status target:<source id>, not counted in the quota), the data
goes over, then completion swaps them: the source row keeps its id and
takes the destination's host, type and backend object (name_id), and the
source's old object and the temporary row go.

The data goes over one of three ways: an attached (in-use) volume's by
the compute of its server, which swaps the guest's disk onto the new
volume and then calls the completion itself (volume/migrate_attached.py;
the volume stays 'migrating' until then); a detached one's through a file
in image_conversion_dir written by the destination's backend when it is
served on this host, or through the destination's own connection (its
target exported to this host) when it is served on another
(volume/migrate_copy.py)."""
import os
import tempfile
import time
import uuid

from stratus.common import exception
from stratus.common import log
from stratus.common.conf import CONF
from stratus.db.api import volume_attachments
from stratus.db.api import volume_quotas
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.volume.drivers import driver as volume_driver
from stratus.volume import host_names
from stratus.volume import migrate_attached
from stratus.volume import migrate_copy
from stratus.volume import states

LOG = log.getLogger(__name__)
CREATE_TIMEOUT = 300        # cinder's migration_create_volume_timeout_secs
_COPIED = ('project_id', 'user_id', 'size', 'availability_zone',
           'display_name', 'display_description', 'volume_type_id',
           'bootable', 'multiattach', 'encryption_key_id')


def _create_destination(manager, ctxt, volume, pool, new_type_id):
    values = {key: volume[key] for key in _COPIED}
    values.update(id=str(uuid.uuid4()), host=pool, status=states.CREATING,
                  attach_status=states.DETACHED, use_quota=False,
                  migration_status='target:%s' % volume['id'])
    if new_type_id:
        values['volume_type_id'] = new_type_id
    new_volume = db_volumes.create(values)
    # resource_backend: a failed create is not rescheduled elsewhere.
    spec = {'volume_id': new_volume['id'], 'size': volume['size'],
            'resource_backend': host_names.extract(pool, 'backend')}
    manager.volume_rpc.create_volume(ctxt, new_volume['id'], pool, spec, {})
    deadline = time.monotonic() + CREATE_TIMEOUT
    while True:
        current = db_volumes.get(new_volume['id'])
        if current['status'] == states.AVAILABLE:
            return current
        if current['status'].startswith('error') or \
                time.monotonic() > deadline:
            raise exception.VolumeMigrationFailed(
                reason='Failed to create new_volume on destination host')
        time.sleep(0.2)


def _copy_data(manager, ctxt, volume, new_volume):
    if host_names.extract(new_volume['host'], 'host') != \
            host_names.extract(manager.host, 'host'):
        migrate_copy.copy_to_remote(manager, ctxt, volume, new_volume)
        return
    os.makedirs(CONF.image_conversion_dir, exist_ok=True)
    fd, path = tempfile.mkstemp(dir=CONF.image_conversion_dir,
                                prefix='migrate-%s-' % volume['id'])
    os.close(fd)
    try:
        manager.driver.copy_volume_to_image(
            volume_driver.driver_volume(volume), path)
        manager.volume_rpc.copy_file_to_volume(ctxt, new_volume, path)
    finally:
        os.unlink(path)


def write_file(driver, volume_id, path):
    """The destination's part: the copied bytes into its new volume."""
    volume = db_volumes.get(volume_id)
    driver.copy_image_to_volume(volume_driver.driver_volume(volume), path,
                                'raw')


def _cleanup_destination(manager, ctxt, new_volume_id, force=False):
    """The temporary volume goes (`force`: whatever its status, as after a
    failed swap, which may have left it attaching or in-use)."""
    try:
        new_volume = db_volumes.get(new_volume_id)
    except exception.VolumeNotFound:
        return
    if force or new_volume['status'] == states.AVAILABLE or \
            new_volume['status'].startswith('error'):
        with session.writer() as s:
            for attachment in volume_attachments.for_volume(
                    s, new_volume_id):
                volume_attachments.delete(s, attachment['id'])
            db_volumes.update(new_volume_id, {'status': states.DELETING,
                                              'attach_status':
                                              states.DETACHED}, s=s)
        manager.volume_rpc.delete_volume(ctxt, new_volume)


def migrate_volume(manager, ctxt, volume_id, pool, new_type_id=None,
                   reservations=()):
    volume = db_volumes.get(volume_id)
    previous = volume['previous_status'] or states.AVAILABLE
    db_volumes.update(volume_id, {'migration_status': 'migrating'})
    new_volume_id = None
    try:
        new_volume = _create_destination(manager, ctxt, volume, pool,
                                         new_type_id)
        new_volume_id = new_volume['id']
        if previous == states.IN_USE:
            # The compute calls the completion when its copy is done.
            migrate_attached.request_swaps(ctxt, volume, new_volume)
            volume_quotas.commit(list(reservations))
            return
        _copy_data(manager, ctxt, volume, new_volume)
        db_volumes.update(volume_id, {'migration_status': 'completing'})
        complete(manager, ctxt, volume_id, new_volume_id, False,
                 previous=previous)
        volume_quotas.commit(list(reservations))
    except Exception as exc:
        LOG.error('Migration of volume %s to %s failed: %s', volume_id,
                  pool, exc)
        volume_quotas.rollback(list(reservations))
        db_volumes.update(volume_id, {'migration_status': 'error',
                                      'status': previous,
                                      'previous_status': None})
        if new_volume_id:
            _cleanup_destination(manager, ctxt, new_volume_id)


def complete(manager, ctxt, volume_id, new_volume_id, error,
             previous=None):
    """Swap the source row onto the destination's object; returns the id
    that holds the data (the source's, as cinder answers)."""
    volume = db_volumes.get(volume_id)
    new_volume = db_volumes.get(new_volume_id)
    previous = previous or volume['previous_status'] or states.AVAILABLE
    if error:
        db_volumes.update(volume_id, {'migration_status': 'error',
                                      'status': previous,
                                      'previous_status': None})
        _cleanup_destination(manager, ctxt, new_volume_id, force=True)
        return volume_id
    db_volumes.update(volume_id, {'migration_status': 'completing'})
    # The source's own object goes; the row then names the new one (the
    # compute has already let go of it when the volume was attached).
    manager.driver.delete_volume(volume_driver.driver_volume(volume))
    values = {'host': new_volume['host'],
              'name_id': new_volume['name_id'] or new_volume['id'],
              'provider_location': new_volume['provider_location'],
              'volume_type_id': new_volume['volume_type_id'],
              'attach_status': new_volume['attach_status'],
              'status': previous, 'previous_status': None,
              'migration_status': 'success'}
    with session.writer() as s:
        # The compute's attachment of the copy now belongs to the source
        # id (the server keeps the volume id it had).
        for attachment in volume_attachments.for_volume(s, new_volume_id):
            volume_attachments.update(attachment['id'],
                                      {'volume_id': volume_id}, s=s)
        db_volumes.update(volume_id, values, s=s)
    db_volumes.destroy(new_volume_id)
    manager._refresh(ctxt)
    LOG.info('Volume %s migrated to %s', volume_id, new_volume['host'])
    return volume_id
