"""The block-storage admin families with the real openstack CLI against
real daemons: volume type encryption, backend capabilities, services
enable/disable, host freeze/thaw and failover, quota classes, the
extension list and the daemons' log levels; plus raw REST answers
checked against tempest's schemas."""
import uuid

import pytest

from support import cloud as cloud_support
from support import schemas

V3 = '/volume/v3'
MV = {'OpenStack-API-Version': 'volume 3.71'}


@pytest.fixture(scope='module')
def rest(cloud):
    return cloud_support.Rest(cloud)


def _name(prefix):
    return '%s-%s' % (prefix, uuid.uuid4().hex[:6])


def _backend(rest, name='lvmdriver-1'):
    services = rest.get(V3 + '/os-services?binary=cinder-volume',
                        headers=MV).json()['services']
    return [s['host'] for s in services if s['host'].endswith('@' + name)][0]


def test_type_encryption(cloud, rest):
    name = _name('enc')
    created = cloud.cli_json(
        'volume', 'type', 'create', '--encryption-provider', 'luks',
        '--encryption-cipher', 'aes-xts-plain64', '--encryption-key-size',
        '256', '--encryption-control-location', 'front-end', name)
    assert created['encryption']['provider'] == 'luks'
    shown = cloud.cli_json('volume', 'type', 'show', '--encryption-type',
                           name)
    assert shown['encryption']['key_size'] == 256
    assert shown['encryption']['control_location'] == 'front-end'
    listed = cloud.cli_json('volume', 'type', 'list', '--encryption-type')
    encrypted = {t['Name']: t['Encryption'] for t in listed}
    assert encrypted[name]['provider'] == 'luks'
    cloud.cli('volume', 'type', 'set', '--encryption-key-size', '128', name)
    shown = cloud.cli_json('volume', 'type', 'show', '--encryption-type',
                           name)
    assert shown['encryption']['key_size'] == 128
    # No key manager here: cinder's answer when none can give a key.
    result = cloud.cli('volume', 'create', '--size', '1', '--type', name,
                       _name('v'), check=False)
    assert result.returncode != 0
    assert 'Key manager error' in result.stderr
    resp = rest.request('POST', V3 + '/volumes', headers=MV, json={
        'volume': {'size': 1, 'volume_type': name}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Key manager error'
    type_id = shown['id']
    resp = rest.get(V3 + '/types/%s/encryption' % type_id)
    body = schemas.check(schemas.volume('encryption_types')
                         .show_encryption_type, resp)
    assert body['cipher'] == 'aes-xts-plain64'
    cloud.cli('volume', 'type', 'unset', '--encryption-type', name)
    assert rest.get(V3 + '/types/%s/encryption' % type_id).json() == {}
    cloud.cli('volume', 'type', 'delete', name)


def test_backend_capabilities(cloud, rest):
    backend = _backend(rest)
    caps = cloud.cli_json('volume', 'backend', 'capability', 'show',
                          backend)
    assert {c['Title'] for c in caps} >= {'Thin Provisioning',
                                          'Compression', 'QoS',
                                          'Replication'}
    resp = rest.get(V3 + '/capabilities/%s' % backend, headers=MV)
    body = schemas.check(schemas.volume('capabilities')
                         .show_backend_capabilities, resp)
    assert body['volume_backend_name'] == 'lvmdriver-1'
    assert body['namespace'] == 'OS::Storage::Capabilities::' + backend
    resp = rest.get(V3 + '/capabilities/nohost', headers=MV)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        "Can't find service: nohost"


def test_service_disable_enable(cloud, rest):
    backend = _backend(rest, 'lvmdriver-2')
    listed = cloud.cli_json('volume', 'service', 'list', '--long')
    assert backend in [s['Host'] for s in listed]
    cloud.cli('volume', 'service', 'set', '--disable', '--disable-reason',
              'maintenance', backend, 'cinder-volume')
    shown = [s for s in cloud.cli_json('volume', 'service', 'list',
                                       '--long', '--host', backend)]
    assert [(s['Status'], s['Disabled Reason']) for s in shown] == [
        ('disabled', 'maintenance')]
    try:
        # The scheduler does not place volumes on a disabled backend.
        volume = cloud.cli_json('volume', 'create', '--size', '1',
                                _name('v'))
        for _ in range(200):
            got = rest.get(V3 + '/volumes/%s' % volume['id'],
                           headers=MV).json()['volume']
            if got['status'] != 'creating':
                break
        assert not got['os-vol-host-attr:host'].startswith(backend)
        cloud.cli('volume', 'delete', volume['id'])
    finally:
        cloud.cli('volume', 'service', 'set', '--enable', backend,
                  'cinder-volume')
    shown = cloud.cli_json('volume', 'service', 'list', '--host', backend)
    assert [s['Status'] for s in shown] == ['enabled']
    resp = rest.get(V3 + '/os-services?host=%s' % backend.split('@')[0],
                    headers={'OpenStack-API-Version': 'volume 3.49'})
    services = schemas.check(schemas.volume('services', '3.49')
                             .list_services, resp)['services']
    assert backend in [s['host'] for s in services]
    resp = rest.request('PUT', V3 + '/os-services/enable', json={
        'host': 'nohost', 'binary': 'cinder-volume'})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Service cinder-volume could not be found on host nohost.')


def test_host_freeze_thaw_failover(cloud, rest):
    backend = _backend(rest, 'lvmdriver-2')
    cloud.cli('volume', 'host', 'set', '--disable', backend)
    try:
        service = rest.get(V3 + '/os-services?host=%s' % backend,
                           headers=MV).json()['services'][0]
        assert (service['frozen'], service['status'],
                service['disabled_reason']) == (True, 'disabled', 'frozen')
    finally:
        cloud.cli('volume', 'host', 'set', '--enable', backend)
    service = rest.get(V3 + '/os-services?host=%s' % backend,
                       headers=MV).json()['services'][0]
    assert (service['frozen'], service['status']) == (False, 'enabled')
    # The CLI asks for the 3.26 'failover' action without naming 3.26:
    # at the base version there is no such action.
    result = cloud.cli('volume', 'host', 'failover', '--volume-backend',
                       'secondary', backend, check=False)
    assert result.returncode != 0
    assert '404' in result.stderr
    refused = ("Invalid input received: No service could be changed: "
               "replication_status in ['%s'] must be ['enabled', "
               "'failed-over'] and must be up to failover." % backend)
    for action, version in (('failover_host', '3.0'), ('failover', '3.26')):
        resp = rest.request('PUT', V3 + '/os-services/' + action, json={
            'host': backend, 'backend_id': 'secondary'},
            headers={'OpenStack-API-Version': 'volume ' + version})
        assert schemas.check_fault(resp, 400, 'badRequest') == refused


def test_quota_classes(cloud, rest):
    # This CLI no longer shows a class ('quota show --default' shows the
    # project defaults, which the 'default' class sets); it still sets one.
    # The shared cloud's 'default' class stays as it is.
    defaults = cloud.cli_json('quota', 'show', '--default', '--volume')
    resp = rest.get(V3 + '/os-quota-class-sets/default')
    default_class = schemas.check(schemas.volume('quota_classes')
                                  .show_quota_classes, resp)[
        'quota_class_set']
    assert {r['Resource']: r['Limit'] for r in defaults}['volumes'] == \
        default_class['volumes']
    name = _name('gold')
    cloud.cli('quota', 'set', '--class', '--volumes', '25', '--snapshots',
              '30', name)
    resp = rest.get(V3 + '/os-quota-class-sets/%s' % name)
    body = schemas.check(schemas.volume('quota_classes').show_quota_classes,
                         resp)['quota_class_set']
    assert (body['id'], body['volumes'], body['snapshots']) == (name, 25,
                                                                 30)


def test_extension_list(cloud, rest):
    listed = cloud.cli_json('extension', 'list', '--volume')
    aliases = {e['Alias'] for e in listed}
    assert {'os-hosts', 'os-services', 'encryption'} <= aliases
    resp = rest.get(V3 + '/extensions')
    assert len(schemas.check(schemas.volume('extensions').list_extensions,
                             resp)['extensions']) == 32


def test_log_levels(cloud, rest):
    backend = _backend(rest)
    log_cli = ('--os-volume-api-version', '3.32', 'block', 'storage',
               'log', 'level')
    where = ('--host', backend, '--log-prefix', 'stratus.volume.manager')
    # The cloud logs at DEBUG: go to INFO and back, so that later tests
    # still find their debug lines.
    for level in ('INFO', 'DEBUG'):
        cloud.cli(*(log_cli + ('set',) + where + (level,)))
        listed = cloud.cli_json(*(log_cli + ('list',) + where))
        # The prefix matches every logger under it (manager_groups too,
        # once loaded), as cinder's does.
        assert {(e['Binary'], e['Host'], e['Level']) for e in listed} == {
            ('cinder-volume', backend, level)}
        assert 'stratus.volume.manager' in {e['Prefix'] for e in listed}
        assert all(e['Prefix'].startswith('stratus.volume.manager')
                   for e in listed)
    resp = rest.request('PUT', V3 + '/os-services/get-log', json={
        'binary': '*', 'prefix': 'stratus.scheduler.manager'},
        headers={'OpenStack-API-Version': 'volume 3.32'})
    assert resp.status_code == 200
    binaries = {e['binary'] for e in resp.json()['log_levels']}
    assert {'cinder-api', 'cinder-scheduler'} <= binaries
