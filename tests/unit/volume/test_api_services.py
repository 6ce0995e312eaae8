"""os-services: the list (host filter matching backends, 3.7 cluster,
3.49 backend_state), enable/disable/disable-log-reason, freeze/thaw and
what a frozen backend refuses, failover without replication, and the
log levels of running daemons (3.32)."""
import pytest
from oslo_log import log
from support import schemas

from stratus.db.api import services as db_services

BACKEND1 = 'host1@lvmdriver-1'
BACKEND2 = 'host1@lvmdriver-2'


def _list(vcloud, query='', version='3.0'):
    resp = vcloud.get('/os-services' + query, version=version)
    return schemas.check(schemas.volume('services', version).list_services,
                         resp)['services']


def _scheduler(vcloud):
    db_services.report(None, {'binary': 'stratus-scheduler',
                              'host': 'host1', 'topic': 'scheduler',
                              'availability_zone': 'nova'})


def test_list_filters_and_versions(vcloud):
    _scheduler(vcloud)
    services = _list(vcloud)
    volume = [s for s in services if s['binary'] == 'cinder-volume'][0]
    assert volume['frozen'] is False and volume['replication_status'] == \
        'disabled' and volume['active_backend_id'] is None
    assert 'cluster' not in volume and 'backend_state' not in volume
    sched = [s for s in services if s['binary'] == 'cinder-scheduler'][0]
    assert 'frozen' not in sched and 'disabled_reason' in sched
    # A host also matches its backends host@backend, as cinder's filter.
    assert {s['host'] for s in _list(vcloud, '?host=host1')} == {
        'host1', BACKEND1, BACKEND2}
    assert [s['host'] for s in _list(vcloud, '?host=%s' % BACKEND1)] == [
        BACKEND1]
    assert _list(vcloud, '?host=host1@lvmdriver') == []
    assert {s['host'] for s in _list(
        vcloud, '?host=host1&binary=cinder-volume')} == {BACKEND1, BACKEND2}
    assert all(s['cluster'] is None for s in _list(vcloud, version='3.7'))
    at_349 = _list(vcloud, version='3.49')
    assert [s['backend_state'] for s in at_349
            if s['binary'] == 'cinder-volume'] == ['up', 'up']
    assert all('backend_state' not in s for s in at_349
               if s['binary'] != 'cinder-volume')


def test_enable_disable_and_the_scheduler(vcloud, demo):
    svc = schemas.volume('services', '3.0')
    body = {'host': BACKEND1, 'binary': 'cinder-volume'}
    resp = vcloud.put('/os-services/disable-log-reason',
                      dict(body, disabled_reason='maintenance'))
    assert schemas.check(svc.disable_log_reason, resp) == dict(
        body, service='', status='disabled', disabled=True,
        disabled_reason='maintenance')
    listed = _list(vcloud, '?host=%s' % BACKEND1)[0]
    assert (listed['status'], listed['disabled_reason']) == (
        'disabled', 'maintenance')
    # The scheduler no longer places volumes on the disabled backend.
    for _ in range(3):
        volume = vcloud.create_volume()
        assert volume['os-vol-host-attr:host'].startswith(BACKEND2)
    resp = vcloud.put('/os-services/enable', body)
    assert schemas.check(svc.enable_service, resp) == dict(
        body, service='', status='enabled', disabled=False,
        disabled_reason=None)
    assert _list(vcloud, '?host=%s' % BACKEND1)[0]['status'] == 'enabled'
    resp = vcloud.put('/os-services/disable', {'host': BACKEND2,
                                               'service': 'cinder-volume'})
    assert schemas.check(svc.disable_service, resp) == {
        'host': BACKEND2, 'service': 'cinder-volume', 'binary': '',
        'status': 'disabled', 'disabled': True}
    assert vcloud.create_volume()['os-vol-host-attr:host'].startswith(
        BACKEND1)
    # Faults: cinder's 400s for the body, 404 for what is not there.
    resp = vcloud.put('/os-services/enable', {'host': BACKEND1})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.put('/os-services/enable', {'binary': 'cinder-volume'})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Host field is missing.')
    resp = vcloud.put('/os-services/enable', {'binary': 'cinder-volume',
                                              'host': 'nohost'})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Service cinder-volume could not be found on host nohost.')
    resp = vcloud.put('/os-services/disable', {'binary': 'stratus-nothing',
                                               'host': BACKEND1})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Service stratus-nothing could not be found on host %s.' % BACKEND1)
    db_services.report(None, {'binary': 'stratus-compute', 'host': 'cn1',
                              'topic': 'compute'})
    resp = vcloud.put('/os-services/disable', {'binary': 'nova-compute',
                                               'host': 'cn1'})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Service nova-compute could not be found on host cn1.')
    resp = vcloud.put('/os-services/disable-log-reason', dict(
        body, disabled_reason='   '))
    schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.put('/os-services/enable', dict(body, extra=1))
    schemas.check_fault(resp, 400, 'badRequest')
    resp = vcloud.put('/os-services/enable', body, user=demo)
    schemas.check_fault(resp, 403, 'forbidden')
    schemas.check_fault(vcloud.get('/os-services', user=demo), 403,
                        'forbidden')
    resp = vcloud.put('/os-services/nosuch', body)
    schemas.check_fault(resp, 404, 'itemNotFound')


def test_freeze_thaw_and_what_a_frozen_backend_refuses(vcloud):
    svc = schemas.volume('services', '3.0')
    volume = vcloud.create_volume(availability_zone='nova')
    backend = volume['os-vol-host-attr:host'].partition('#')[0]
    snap = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id']}}).json['snapshot']
    resp = vcloud.put('/os-services/freeze', {'host': backend})
    schemas.check(svc.freeze_host, resp)
    assert resp.body == b''
    listed = _list(vcloud, '?host=%s' % backend)[0]
    assert (listed['frozen'], listed['status'],
            listed['disabled_reason']) == (True, 'disabled', 'frozen')
    frozen = ('Invalid input received: Modification operations are not '
              'allowed on frozen storage backends.')
    resp = vcloud.delete('/volumes/%s' % volume['id'])
    assert schemas.check_fault(resp, 400, 'badRequest') == frozen
    resp = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id']}})
    assert schemas.check_fault(resp, 400, 'badRequest') == frozen
    resp = vcloud.delete('/snapshots/%s' % snap['id'])
    assert schemas.check_fault(resp, 400, 'badRequest') == frozen
    resp = vcloud.put('/os-services/freeze', {'host': backend})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input received: No service could be changed: frozen in "
        "['%s'] must be False to failover." % backend)
    resp = vcloud.put('/os-services/thaw', {'host': backend})
    schemas.check(svc.thaw_host, resp)
    listed = _list(vcloud, '?host=%s' % backend)[0]
    assert (listed['frozen'], listed['status'],
            listed['disabled_reason']) == (False, 'enabled', '')
    assert vcloud.delete('/snapshots/%s' % snap['id']).status_int == 202
    resp = vcloud.put('/os-services/thaw', {'host': backend})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid input received: No service could be changed: frozen in "
        "['%s'] must be True to failover." % backend)
    # Unknown or ambiguous hosts, missing ones, clusters (3.26).
    resp = vcloud.put('/os-services/freeze', {'host': 'nohost'})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'No service found with host=nohost')
    resp = vcloud.put('/os-services/freeze', {'host': 'host1'})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Services from different clusters found.')
    resp = vcloud.put('/os-services/freeze', {}, version='3.25')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Host field is missing.')
    resp = vcloud.put('/os-services/freeze', {})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: One and only one of cluster and host '
        'must be set.')
    resp = vcloud.put('/os-services/thaw', {'cluster': 'c1'})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'No service found with cluster=c1')


def test_failover_without_replication(vcloud):
    refused = ("Invalid input received: No service could be changed: "
               "replication_status in ['%s'] must be ['enabled', "
               "'failed-over'] and must be up to failover." % BACKEND1)
    for action, version in (('failover_host', '3.0'),
                            ('failover', '3.26')):
        resp = vcloud.put('/os-services/' + action, {
            'host': BACKEND1, 'backend_id': 'secondary'}, version=version)
        assert schemas.check_fault(resp, 400, 'badRequest') == refused
    resp = vcloud.put('/os-services/failover', {'host': BACKEND1},
                      version='3.25')
    schemas.check_fault(resp, 404, 'itemNotFound')


@pytest.fixture
def levels_restored():
    """set-log changes this process's loggers: put them back."""
    saved = {name: adapter.logger.level
             for name, adapter in log.get_loggers().items()}
    yield
    for name, adapter in log.get_loggers().items():
        adapter.logger.setLevel(saved.get(name, 0))


def test_log_levels(vcloud, levels_restored):
    _scheduler(vcloud)
    resp = vcloud.put('/os-services/get-log', {}, version='3.31')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = vcloud.put('/os-services/set-log', {
        'binary': 'cinder-volume', 'server': BACKEND1,
        'prefix': 'stratus.volume', 'level': 'debug'}, version='3.32')
    assert resp.status_int == 202 and resp.body == b''
    resp = vcloud.put('/os-services/get-log', {
        'binary': '*', 'prefix': 'stratus.volume.manager'}, version='3.32')
    assert resp.status_int == 200
    levels = resp.json['log_levels']
    assert {(r['binary'], r['host']) for r in levels} >= {
        ('cinder-volume', BACKEND1), ('cinder-volume', BACKEND2),
        ('cinder-scheduler', 'host1')}
    assert all(set(r) == {'binary', 'host', 'levels'} for r in levels)
    api = [r for r in levels if r['binary'] == 'cinder-api'][0]
    # A prefix matches every logger under it (manager_groups too, once
    # loaded), as cinder's does.
    assert api['levels']['stratus.volume.manager'] == 'DEBUG'
    assert all(name.startswith('stratus.volume.manager')
               for name in api['levels'])
    resp = vcloud.put('/os-services/set-log', {
        'prefix': 'stratus.volume', 'level': 'INFO'}, version='3.32')
    assert resp.status_int == 202
    resp = vcloud.put('/os-services/get-log', {
        'binary': 'cinder-volume', 'server': BACKEND2,
        'prefix': 'stratus.volume.manager'}, version='3.32')
    (only,) = resp.json['log_levels']
    assert (only['binary'], only['host']) == ('cinder-volume', BACKEND2)
    assert set(only['levels'].values()) == {'INFO'}
    assert only['levels']['stratus.volume.manager'] == 'INFO'
    resp = vcloud.put('/os-services/set-log', {'level': 'LOUD'},
                      version='3.32')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: LOUD is not a valid log level.')
    resp = vcloud.put('/os-services/get-log', {'binary': 'nova-compute'},
                      version='3.32')
    schemas.check_fault(resp, 400, 'badRequest')
