"""POST and DELETE /servers/{id}/shares (2.97) as nova answers them
without shared file system support: the body, the server's cell mapping
(404), the policy against the server's project (403), the state (409),
then nova's check that the computes can share at all (409 not
configured; 403 when no compute runs)."""
import uuid

import pytest

from support import schemas

SHARE = '3cb9bc59-5699-4588-a4b1-b87f96708bc6'
NOT_CONFIGURED = ('Feature not supported because either compute or '
                  'instance are not configured correctly.')


def _server(project='p-shares', vm_state='stopped'):
    from stratus.db import models
    from stratus.db import session
    server = str(uuid.uuid4())
    with session.writer() as s:
        s.add(models.Instance(
            uuid=server, project_id=project, user_id='u',
            display_name='vm', flavor='{}', vcpus=1, memory_mb=64,
            root_gb=1, vm_state=vm_state, host='h1'))
    return server


def _shares(server):
    return '/compute/v2.1/servers/%s/shares' % server


def _attach(client, server, body=None, version='2.97', **kw):
    return client.request('POST', _shares(server),
                          body or {'share': {'share_id': SHARE}},
                          version=version, **kw)


@pytest.fixture
def compute_host():
    from stratus.db.api import services
    services.report(None, {'binary': 'stratus-compute', 'host': 'h1',
                           'topic': 'compute'})


def test_attach_is_404_before_2_97(compute_v):
    resp = _attach(compute_v, _server(), version='2.96')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'The resource could not be found.'


@pytest.mark.parametrize('body,message', [
    ({'share': {'share_id': 'abc'}},
     "Invalid input for field/attribute share_id. Value: abc. 'abc' is not "
     "a 'uuid'"),
    ({'share': {'share_id': SHARE, 'tag': 'a b'}},
     "Invalid input for field/attribute tag. Value: a b. 'a b' does not "
     "match '^[a-zA-Z0-9-]*$'"),
    ({'share': {}},
     "Invalid input for field/attribute share. Value: {}. 'share_id' is a "
     "required property"),
])
def test_body_is_checked_first(compute_v, body, message):
    # Even for a server that does not exist.
    resp = _attach(compute_v, str(uuid.uuid4()), body)
    assert schemas.check_fault(resp, 400, 'badRequest') == message


def test_a_missing_server_has_no_cell_mapping(compute_v):
    server = str(uuid.uuid4())
    for resp in (_attach(compute_v, server),
                 compute_v.request('DELETE', _shares(server) + '/' + SHARE,
                                   version='2.97'),
                 compute_v.request('GET', _shares(server), version='2.97')):
        assert schemas.check_fault(resp, 404, 'itemNotFound') == (
            'Instance %s has no mapping to a cell.' % server)


@pytest.mark.parametrize('method,rule', [
    ('POST', 'create'), ('DELETE', 'delete'), ('GET', 'index')])
def test_another_projects_server_is_403(compute_v, demo, method, rule):
    server = _server()
    path = _shares(server) + ('/' + SHARE if method == 'DELETE' else '')
    body = {'share': {'share_id': SHARE}} if method == 'POST' else None
    resp = compute_v.request(method, path, body, version='2.97',
                             headers={'X-Auth-Token': demo['token']})
    assert schemas.check_fault(resp, 403, 'forbidden') == (
        "Policy doesn't allow os_compute_api:os-server-shares:%s to be "
        "performed." % rule)


def test_attach_needs_a_stopped_server(compute_v, compute_host):
    server = _server(vm_state='active')
    resp = _attach(compute_v, server)
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == (
        "Cannot 'create share' instance %s while it is in vm_state active"
        % server)


@pytest.mark.parametrize('version', ['2.97', '2.104'])
def test_computes_cannot_share(compute_v, demo, compute_host, version):
    server = _server(project=demo['project_id'])
    resp = _attach(compute_v, server, version=version,
                   headers={'X-Auth-Token': demo['token']})
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == \
        NOT_CONFIGURED


def test_without_any_compute_the_feature_is_forbidden(compute_v):
    resp = _attach(compute_v, _server())
    assert schemas.check_fault(resp, 403, 'forbidden') == (
        'Feature not supported until computes have not been updated.')


def test_detach_of_an_unknown_share(compute_v, demo):
    server = _server(project=demo['project_id'], vm_state='error')
    resp = compute_v.request('DELETE', _shares(server) + '/' + SHARE,
                             version='2.97',
                             headers={'X-Auth-Token': demo['token']})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Share %s could not be found.' % SHARE)


def test_list_refuses_query_parameters(compute_v):
    resp = compute_v.request('GET', _shares(_server()) + '?x=1',
                             version='2.97')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Additional properties are not allowed ('x' was unexpected)")
