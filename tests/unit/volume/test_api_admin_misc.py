"""Backend capabilities, os-hosts, quota classes (the 'default' class is
every project's defaults) and the extension list."""
from support import schemas

BACKEND1 = 'host1@lvmdriver-1'


def test_capabilities(vcloud, demo):
    schema = schemas.volume('capabilities').show_backend_capabilities
    for host in (BACKEND1, 'host1'):
        caps = schemas.check(schema, vcloud.get('/capabilities/' + host))
        assert caps['namespace'] == 'OS::Storage::Capabilities::%s' % \
            BACKEND1
        assert caps['volume_backend_name'] == 'lvmdriver-1'
        assert caps['storage_protocol'] == 'local'      # the fake driver's
        assert caps['vendor_name'] == 'stratus'
        assert caps['pool_name'] is None and caps['visibility'] is None
        assert caps['replication_targets'] == []
        assert set(caps['properties']) == {
            'thin_provisioning', 'compression', 'qos', 'replication_enabled'}
        assert caps['properties']['replication_enabled'] == {
            'title': 'Replication', 'description': 'Enables replication.',
            'type': 'boolean'}
    resp = vcloud.get('/capabilities/nohost')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        "Can't find service: nohost")
    schemas.check_fault(vcloud.get('/capabilities/host1', user=demo), 403,
                        'forbidden')


def test_hosts(vcloud, demo):
    hosts = schemas.volume('hosts')
    listed = schemas.check(hosts.list_hosts, vcloud.get('/os-hosts'))[
        'hosts']
    assert {h['host_name'] for h in listed} == {BACKEND1,
                                                'host1@lvmdriver-2'}
    assert all(h['service'] == 'cinder-volume' and
               h['service-state'] == 'enabled' for h in listed)
    assert schemas.check(hosts.list_hosts, vcloud.get(
        '/os-hosts?zone=elsewhere'))['hosts'] == []
    vcloud.put('/os-services/disable', {'host': BACKEND1,
                                        'binary': 'cinder-volume'})
    # Disabled services are not listed, as cinder.
    assert [h['host_name'] for h in vcloud.get('/os-hosts').json[
        'hosts']] == ['host1@lvmdriver-2']
    volume = vcloud.create_volume(size=2)
    vcloud.create_volume(size=3, user=demo)
    vcloud.post('/snapshots', {'snapshot': {'volume_id': volume['id']}})
    shown = schemas.check(hosts.show_host, vcloud.get(
        '/os-hosts/host1@lvmdriver-2'))['host']
    assert shown[0]['resource'] == {
        'host': 'host1@lvmdriver-2', 'project': '(total)',
        'volume_count': '2', 'total_volume_gb': '5',
        'snapshot_count': '1', 'total_snapshot_gb': '2'}
    per_project = {r['resource']['project']: r['resource']
                   for r in shown[1:]}
    assert per_project[demo['project_id']]['total_volume_gb'] == '3'
    assert per_project[demo['project_id']]['snapshot_count'] == '0'
    resp = vcloud.get('/os-hosts/' + BACKEND1)       # disabled
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Service cinder-volume could not be found on host %s.' % BACKEND1)
    resp = vcloud.get('/os-hosts/nohost')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Service cinder-volume could not be found on host nohost.')
    schemas.check_fault(vcloud.get('/os-hosts', user=demo), 403,
                        'forbidden')
    resp = vcloud.put('/os-hosts/nohost', {'status': 'enable'})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Host nohost could not be found.')
    resp = vcloud.put('/os-hosts/host1@lvmdriver-2', {'status': 'enable'})
    schemas.check_fault(resp, 500, 'computeFault')
    resp = vcloud.put('/os-hosts/host1@lvmdriver-2', {'color': 'red'})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid update setting: 'color'")


def test_quota_classes(vcloud, demo):
    qc = schemas.volume('quota_classes')
    shown = schemas.check(qc.show_quota_classes, vcloud.get(
        '/os-quota-class-sets/default'))['quota_class_set']
    assert shown['id'] == 'default' and shown['volumes'] == 10
    resp = vcloud.put('/os-quota-class-sets/default', {'quota_class_set': {
        'volumes': 2, 'gigabytes': '500'}})
    updated = schemas.check(qc.update_quota_classes, resp)[
        'quota_class_set']
    assert 'id' not in updated
    assert (updated['volumes'], updated['gigabytes']) == (2, 500)
    # The default class is what projects get and what is enforced.
    defaults = vcloud.get('/os-quota-sets/%s/defaults' %
                          demo['project_id']).json['quota_set']
    assert (defaults['volumes'], defaults['gigabytes']) == (2, 500)
    project = vcloud.get('/os-quota-sets/%s' % demo['project_id'],
                         user=demo).json['quota_set']
    assert project['volumes'] == 2
    vcloud.create_volume(user=demo)
    vcloud.create_volume(user=demo)
    resp = vcloud.post('/volumes', {'volume': {'size': 1}}, user=demo)
    assert resp.status_int == 413
    # Another class shows its own limits over the defaults.
    other = vcloud.put('/os-quota-class-sets/gold', {'quota_class_set': {
        'snapshots': 50}}).json['quota_class_set']
    assert (other['snapshots'], other['volumes']) == (50, 2)
    for body, message in (
            ({'quota_class_set': {'volumes': 'many'}},
             "Invalid input for field/attribute volumes. Value: many. "
             "'many' does not match '^[0-9]*$'"),
            ({'quota_class_set': {'volumes': '-1'}},
             "Invalid input for field/attribute volumes. Value: -1. "
             "'-1' does not match '^[0-9]*$'"),
            ({'quota_class_set': {'unicorns': 1, 'volumes': 1, 'x y': 2}},
             'Invalid input received: Bad key(s) in quota class set: '
             'unicorns, x y'),
            ({'quota_set': {'volumes': 1}},
             "'quota_class_set' is a required property")):
        resp = vcloud.put('/os-quota-class-sets/gold', body)
        assert schemas.check_fault(resp, 400, 'badRequest') == message
    schemas.check_fault(vcloud.get('/os-quota-class-sets/default',
                                   user=demo), 403, 'forbidden')
    schemas.check_fault(vcloud.put('/os-quota-class-sets/default', {
        'quota_class_set': {'volumes': 1}}, user=demo), 403, 'forbidden')


def test_extensions(vcloud, demo):
    schema = schemas.volume('extensions').list_extensions
    listed = schemas.check(schema, vcloud.get('/extensions', user=demo))[
        'extensions']
    aliases = [e['alias'] for e in listed]
    assert len(aliases) == 32 and {
        'os-hosts', 'os-services', 'encryption', 'capabilities',
        'os-quota-class-sets', 'os-volume-type-access'} <= set(aliases)
    one = vcloud.get('/extensions/os-hosts').json['extension']
    assert one == {'alias': 'os-hosts', 'name': 'Hosts', 'links': [],
                   'updated': '2011-06-29T00:00:00+00:00',
                   'description': 'Admin-only host administration.'}
    schemas.check_fault(vcloud.get('/extensions/nosuch'), 404,
                        'itemNotFound')


def test_capabilities_of_a_silent_backend(vcloud, monkeypatch):
    from stratus.common import rpc

    def silent(ctxt, discover=False):
        raise rpc.MessagingTimeout('no answer')
    monkeypatch.setattr(vcloud.managers[BACKEND1], 'get_capabilities',
                        silent)
    resp = vcloud.get('/capabilities/' + BACKEND1)
    assert schemas.check_fault(resp, 502, 'computeFault') == 'Bad gateway.'
