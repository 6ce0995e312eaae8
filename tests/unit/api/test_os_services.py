"""os-services of the compute and block-storage APIs (2.1 / 3.0)."""
from stratus.db.api import services

COMPUTE = {'binary': 'stratus-compute', 'host': 'node1', 'topic': 'compute',
           'availability_zone': 'nova'}
VOLUME = {'binary': 'stratus-volume', 'host': 'node1@lvm', 'topic': 'volume',
          'availability_zone': 'nova'}


def test_compute_list_shows_compute_side_daemons_only(admin):
    services.report(None, COMPUTE)
    services.report(None, VOLUME)
    body = admin.get('/compute/v2.1/os-services').json
    assert [s['binary'] for s in body['services']] == ['nova-compute']
    service = body['services'][0]
    assert set(service) == {'id', 'binary', 'host', 'zone', 'status',
                            'state', 'updated_at', 'disabled_reason'}
    assert service['state'] == 'up' and service['status'] == 'enabled'
    assert isinstance(service['id'], int)


def test_compute_disable_log_reason_and_enable(admin):
    services.report(None, COMPUTE)
    url = '/compute/v2.1/os-services/'
    resp = admin.put(url + 'disable-log-reason', {
        'host': 'node1', 'binary': 'nova-compute',
        'disabled_reason': 'maint'})
    assert resp.json['service'] == {'host': 'node1',
                                    'binary': 'nova-compute',
                                    'status': 'disabled',
                                    'disabled_reason': 'maint'}
    row = admin.get('/compute/v2.1/os-services').json['services'][0]
    assert row['status'] == 'disabled' and row['disabled_reason'] == 'maint'
    admin.put(url + 'enable', {'host': 'node1', 'binary': 'nova-compute'})
    row = admin.get('/compute/v2.1/os-services').json['services'][0]
    assert row['status'] == 'enabled' and row['disabled_reason'] is None
    resp = admin.put(url + 'disable', {'host': 'ghost',
                                       'binary': 'nova-compute'})
    assert resp.status_int == 404


def test_compute_service_delete(admin):
    row = services.report(None, COMPUTE)
    assert admin.delete('/compute/v2.1/os-services/%d' % row['id']
                        ).status_int == 204
    assert admin.get('/compute/v2.1/os-services').json['services'] == []


def test_volume_list_with_and_without_project_in_path(admin):
    services.report(None, VOLUME)
    project = admin.get('/identity/v3/projects?name=admin').json[
        'projects'][0]['id']
    for url in ('/volume/v3/os-services',
                '/volume/v3/%s/os-services' % project):
        body = admin.get(url).json
        assert [s['host'] for s in body['services']] == ['node1@lvm'], url
        assert 'id' not in body['services'][0]


def test_service_lists_need_admin(admin, demo):
    member = {'X-Auth-Token': demo['token']}
    assert admin.get('/compute/v2.1/os-services',
                     headers=member).status_int == 403
    assert admin.get('/volume/v3/os-services',
                     headers=member).status_int == 403


def test_other_projects_volume_urls_are_404(admin, demo):
    member = {'X-Auth-Token': demo['token']}
    resp = admin.get('/volume/v3/%s/os-services' % 'someoneelse',
                     headers=member)
    assert resp.status_int == 404
