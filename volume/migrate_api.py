"""os-migrate_volume and os-migrate_volume_completion, API side
(cinder's volume API migrate_volume): the destination's service must be
up and enabled, the volume idle and elsewhere; then stratus-scheduler
checks the destination against the filters for the volume's type and
the volume's own backend moves it (scheduler/volume_moves.py,
volume/migrate.py)."""
from stratus.common import exception
from stratus.common import log
from stratus.db.api import services as db_services
from stratus.db.api import volumes as db_volumes
from stratus.db import session
from stratus.volume import host_names
from stratus.volume import retype_api
from stratus.volume import states

LOG = log.getLogger(__name__)
VOLUME_BINARY = 'stratus-volume'
MIGRATE_REFUSED = (
    'Volume %s status must be available or in-use, must not be migrating, '
    'have snapshots, be replicated, be part of a group and destination '
    'host/cluster must be different than the current one')


def _service_up(host):
    backend = host_names.extract(host, 'backend')
    for service in db_services.service_list(binary=VOLUME_BINARY,
                                            host=backend):
        if service['is_up'] and not service['disabled']:
            return service
    raise exception.InvalidHost(
        reason="No available service named '%s'" % host)


def _has_snapshots(volume_id):
    with session.reader() as s:
        return db_volumes.has_snapshots(s, volume_id)


class MigrateAPI:
    def __init__(self, volume_api):
        self.volume_api = volume_api
        self.volume_rpc = volume_api.volume_rpc

    def migrate_volume(self, ctxt, volume, host, force_copy=False,
                       lock_volume=False):
        _service_up(host)
        current = db_volumes.get(volume['id'])
        same = current['host'] == host or \
            host_names.extract(current['host'], 'backend') == host
        ok = not same and not _has_snapshots(volume['id']) and \
            not current['group_id'] and \
            not current['consistencygroup_id'] and \
            current['replication_status'] in (None, 'disabled',
                                              'not-capable')
        values = {'migration_status': 'starting',
                  'previous_status': current['status']}
        if lock_volume and current['status'] == states.AVAILABLE:
            values['status'] = states.MAINTENANCE
        updated = db_volumes.update(volume['id'], values, expected={
            'status': (states.AVAILABLE, states.IN_USE),
            'migration_status': retype_api.MIGRATION_IDLE}) if ok else None
        if updated is None:
            raise exception.InvalidVolume(reason=MIGRATE_REFUSED %
                                          volume['id'])
        # cinder's scheduler checks the destination against the filters;
        # the request is accepted whatever it finds
        # (scheduler/volume_moves.py).
        self.volume_api.scheduler_rpc.migrate_volume(ctxt, updated, host,
                                                     force_copy)
        LOG.info('Migration of volume %s to %s requested', volume['id'],
                 host)

    def migrate_volume_completion(self, ctxt, volume, new_volume, error):
        if not (volume['migration_status'] or
                new_volume['migration_status']):
            return new_volume['id']
        if not volume['migration_status']:
            raise exception.InvalidVolume(
                reason='Source volume not mid-migration.')
        if not new_volume['migration_status']:
            raise exception.InvalidVolume(
                reason='Destination volume not mid-migration.')
        expected = 'target:%s' % volume['id']
        if new_volume['migration_status'] != expected:
            raise exception.InvalidVolume(
                reason='Destination has migration_status %s, expected %s.'
                       % (new_volume['migration_status'], expected))
        return self.volume_rpc.migrate_volume_completion(
            ctxt, volume, new_volume, error)


