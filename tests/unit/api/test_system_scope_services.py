"""What a system-scoped token may do outside identity. Nova 34 and glance
33 scope every rule to projects and oslo.policy enforces scope: 403 with
the rule's name, whatever the roles (nova's flavor list and show check no
rule). Cinder 29's rules carry no scope_types: a system admin is an admin
there."""
from support.identity import ADMIN_PASSWORD, V3, as_token
from support.identity import issue, password_auth
from stratus.db.api import services


def _system_headers(client):
    resp = issue(client, password_auth('admin', ADMIN_PASSWORD,
                                       scope={'system': {'all': True}}))
    assert resp.status_int == 201, resp.text
    return as_token(resp.headers['X-Subject-Token'])


def test_nova_refuses_system_scope(admin):
    headers = _system_headers(admin)
    for path, rule in (('/os-hypervisors', 'os-hypervisors:list'),
                       ('/os-services', 'os-services:list'),
                       ('/servers', 'servers:index'),
                       ('/extensions', 'extensions')):
        resp = admin.get('/compute/v2.1' + path, headers=headers)
        assert resp.status_int == 403, path
        assert resp.json == {'forbidden': {
            'code': 403, 'message': "Policy doesn't allow os_compute_api:%s "
                                    "to be performed." % rule}}
    # The same admin on a project-scoped token is an admin.
    assert admin.get('/compute/v2.1/os-hypervisors').status_int == 200


def test_nova_flavor_list_checks_no_rule(admin):
    headers = _system_headers(admin)
    assert admin.get('/compute/v2.1/flavors',
                     headers=headers).status_int == 200


def test_glance_refuses_system_scope(admin):
    headers = _system_headers(admin)
    resp = admin.get('/image/v2/images', headers=headers)
    assert resp.status_int == 403
    assert 'You are not authorized to complete get_images action.' in \
        resp.text
    assert admin.get('/image/v2/images').status_int == 200


def test_cinder_lets_a_system_admin_in(admin):
    services.report(None, {'binary': 'stratus-volume', 'host': 'node1@lvm',
                           'topic': 'volume', 'availability_zone': 'nova'})
    headers = _system_headers(admin)
    resp = admin.get('/volume/v3/os-services', headers=headers)
    assert resp.status_int == 200
    assert [s['binary'] for s in resp.json['services']] == ['cinder-volume']


def test_system_token_lists_its_catalog(admin):
    headers = _system_headers(admin)
    assert admin.get(V3 + '/auth/tokens', headers=dict(
        headers, **{'X-Subject-Token': headers['X-Auth-Token']})
    ).json['token']['catalog']


def test_cinder_creates_nothing_without_a_project(admin):
    headers = _system_headers(admin)
    resp = admin.post('/volume/v3/volumes', {'volume': {'size': 1}},
                      headers=headers)
    assert resp.status_int == 403
    assert resp.json == {'forbidden': {
        'code': 403,
        'message': "Policy doesn't allow volume:create to be performed."}}
