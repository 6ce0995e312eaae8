"""os-services and os-hosts of the block-storage API name cinder's
binaries (cinder-volume, cinder-scheduler; cinder-api and cinder-backup
for log levels); the daemons' stratus-* names are not API names."""
from support import schemas

from stratus.db.api import services as db_services

BACKEND1 = 'host1@lvmdriver-1'


def _list(vcloud, query=''):
    return schemas.check(schemas.volume('services').list_services,
                         vcloud.get('/os-services' + query,
                                    version='3.0'))['services']


def test_list_filter_and_bodies(vcloud):
    db_services.report(None, {'binary': 'stratus-scheduler', 'host': 'h',
                              'topic': 'scheduler',
                              'availability_zone': 'nova'})
    assert {s['binary'] for s in _list(vcloud)} == {'cinder-volume',
                                                    'cinder-scheduler'}
    assert {s['binary'] for s in _list(
        vcloud, '?binary=cinder-scheduler')} == {'cinder-scheduler'}
    assert _list(vcloud, '?binary=stratus-volume') == []
    svc = schemas.volume('services')
    resp = vcloud.put('/os-services/disable', {'host': BACKEND1,
                                               'binary': 'cinder-volume'},
                      version='3.0')
    assert schemas.check(svc.disable_service, resp)['binary'] == \
        'cinder-volume'
    resp = vcloud.put('/os-services/enable', {'host': BACKEND1,
                                              'binary': 'stratus-volume'})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Service stratus-volume could not be found on host %s.' % BACKEND1)
    hosts = vcloud.get('/os-hosts').json['hosts']
    assert {h['service'] for h in hosts} <= {'cinder-volume',
                                             'cinder-scheduler'}


def test_log_binaries(vcloud):
    for binary in ('cinder-backup', 'cinder-api', '*', ''):
        resp = vcloud.put('/os-services/get-log', {'binary': binary},
                          version='3.32')
        assert resp.status_int == 200, (binary, resp.text)
    backup = vcloud.put('/os-services/get-log', {'binary': 'cinder-backup'},
                        version='3.32').json['log_levels']
    assert backup == []
    resp = vcloud.put('/os-services/get-log', {'binary': 'stratus-volume'},
                      version='3.32')
    schemas.check_fault(resp, 400, 'badRequest')
