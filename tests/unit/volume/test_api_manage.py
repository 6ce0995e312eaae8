"""Managing existing backend objects (fake driver): manageable listings
(3.8 and os-*-manage), manage by {'source-name': ...}, unmanage actions,
and cinder's refusals."""
import uuid

import pytest

from support import schemas
from stratus.api.volume import manageable
from stratus.api.volume import unmanage

HOST = 'host1@lvmdriver-1'


@pytest.fixture
def mcloud(vcloud):
    for api in (manageable.MANAGE, unmanage.MANAGE):
        vcloud.monkeypatch.setattr(api, 'volume_rpc', vcloud.volume_rpc)
    return vcloud


def test_manageable_volumes_listing(mcloud, demo):
    driver = mcloud.driver('lvmdriver-1')
    driver.add_existing('lv-a', 3)
    driver.add_existing('lv-b', 1)
    managed = mcloud.create_volume(
        availability_zone='nova', volume_type=mcloud.create_type(
            't1', volume_backend_name='lvmdriver-1'))
    resp = mcloud.get('/manageable_volumes?host=%s' % HOST, version='3.8')
    assert resp.status_int == 200
    listed = resp.json['manageable-volumes']
    # Newest reference first (sort reference:desc by default).
    assert [v['reference']['source-name'] for v in listed] == [
        'volume-%s' % managed['id'], 'lv-b', 'lv-a']
    for item in listed:
        assert set(item) == {'reference', 'size', 'safe_to_manage'}
    assert listed[0]['safe_to_manage'] is False
    assert listed[2] == {'reference': {'source-name': 'lv-a'}, 'size': 3,
                         'safe_to_manage': True}
    detail = mcloud.get('/manageable_volumes/detail?host=%s&sort=size:asc'
                        % HOST).json['manageable-volumes']
    assert [v['size'] for v in detail] == [1, 1, 3]
    for item in detail:
        assert set(item) == {'reference', 'size', 'safe_to_manage',
                             'reason_not_safe', 'cinder_id', 'extra_info'}
    mine = [v for v in detail if v['cinder_id']]
    assert mine == [{'reference': {'source-name': 'volume-%s' % managed['id']},
                     'size': 1, 'safe_to_manage': False,
                     'reason_not_safe': 'already managed',
                     'cinder_id': managed['id'], 'extra_info': None}]
    page = mcloud.get('/os-volume-manage?host=%s&limit=1&offset=1'
                      % HOST, version='3.0').json['manageable-volumes']
    assert [v['reference']['source-name'] for v in page] == ['lv-b']
    # Refusals.
    resp = mcloud.get('/manageable_volumes?host=%s' % HOST, version='3.7')
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = mcloud.get('/manageable_volumes')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: One and only one of cluster and host must '
        'be set.')
    resp = mcloud.get('/os-volume-manage', version='3.16')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Host field is missing.')
    resp = mcloud.get('/manageable_volumes?host=%s&sort=name' % HOST)
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Invalid sort keys passed: name'
    resp = mcloud.get('/manageable_volumes?host=nohost@x')
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'Service cinder-volume could not be found on host nohost@x.')
    resp = mcloud.get('/manageable_volumes?host=%s' % HOST, user=demo)
    schemas.check_fault(resp, 403, 'forbidden')


def test_manage_and_unmanage_volume(mcloud, demo):
    driver = mcloud.driver('lvmdriver-1')
    driver.add_existing('lv-data', 2)
    resp = mcloud.post('/os-volume-manage', {'volume': {
        'host': HOST, 'ref': {'source-name': 'lv-data'}, 'name': ' mine ',
        'metadata': {'k': 'v'}, 'bootable': True}})
    managed = schemas.check(schemas.volume('manage_volume').manage_volume,
                            resp)['volume']
    assert managed['name'] == 'mine' and managed['bootable'] == 'true'
    assert 'volume_type_id' not in managed      # the 3.0 view
    shown = mcloud.show(managed['id'])
    assert shown['status'] == 'available' and shown['size'] == 2
    assert shown['os-vol-host-attr:host'] == HOST + '#lvmdriver-1'
    assert shown['metadata'] == {'k': 'v'}
    assert 'lv-data' not in driver.foreign
    assert driver.volumes[managed['id']]['size'] == 2
    # Already managed: its backend name is refused.
    resp = mcloud.post('/manageable_volumes', {'volume': {
        'host': HOST, 'ref': {'source-name': 'volume-%s' % managed['id']}}},
        version='3.8')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume: Unable to manage existing volume. The volume is '
        'already managed')
    # Unmanage: the row goes, the data stays on the backend.
    resp = mcloud.action(managed['id'], {'os-unmanage': {}}, user=demo)
    assert resp.status_int in (403, 404)
    resp = mcloud.action(managed['id'], {'os-unmanage': {}})
    assert resp.status_int == 202 and not resp.body
    schemas.check_fault(mcloud.get('/volumes/%s' % managed['id']), 404,
                        'itemNotFound')
    assert driver.foreign['volume-%s' % managed['id']]['size'] == 2
    # ...and can be managed again (the old volume is gone).
    resp = mcloud.post('/manageable_volumes', {'volume': {
        'host': HOST + '#lvmdriver-1', 'volume_type': '__DEFAULT__',
        'ref': {'source-name': 'volume-%s' % managed['id']}}},
        version='3.8')
    again = schemas.check(schemas.volume('manage_volume').manage_volume,
                          resp)['volume']
    assert mcloud.show(again['id'])['status'] == 'available'


def test_manage_volume_refusals_and_failure(mcloud, demo):
    body = {'volume': {'host': HOST, 'ref': {'source-name': 'nothing'}}}
    resp = mcloud.post('/os-volume-manage', body)
    failed = resp.json['volume']
    assert resp.status_int == 202 and failed['status'] == 'creating'
    # The backend has no such object: error_managing, shown as error.
    shown = mcloud.show(failed['id'])
    assert shown['status'] == 'error' and shown['size'] == 0
    resp = mcloud.post('/os-volume-manage', {'volume': {
        'host': 'nohost@x', 'ref': {'source-name': 'a'}}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        "Host 'nohost@x' not found"
    resp = mcloud.post('/os-volume-manage', {'volume': {
        'ref': {'source-name': 'a'}}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: One and only one of cluster and host must '
        'be set.')
    resp = mcloud.post('/os-volume-manage', {'volume': {
        'ref': {'source-name': 'a'}}}, version='3.15')
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Host field is missing.')
    resp = mcloud.post('/os-volume-manage', {'volume': {'host': HOST}})
    schemas.check_fault(resp, 400, 'badRequest')
    resp = mcloud.post('/os-volume-manage', {'volume': {
        'host': HOST, 'ref': {'source-name': 'a'}, 'volume_type': 'nope'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "Invalid volume type: Cannot find requested 'nope' volume type")
    resp = mcloud.post('/os-volume-manage', body, user=demo)
    schemas.check_fault(resp, 403, 'forbidden')
    resp = mcloud.post('/manageable_volumes', body, version='3.7')
    schemas.check_fault(resp, 404, 'itemNotFound')


def test_manage_and_unmanage_snapshot(mcloud, demo):
    driver = mcloud.driver('lvmdriver-1')
    volume = mcloud.create_volume(volume_type=mcloud.create_type(
        't1', volume_backend_name='lvmdriver-1'))
    driver.add_existing('snap-lv', 1, origin='volume-%s' % volume['id'])
    listed = mcloud.get('/manageable_snapshots?host=%s' % HOST,
                        version='3.8').json['manageable-snapshots']
    assert listed == [{'reference': {'source-name': 'snap-lv'}, 'size': 1,
                       'safe_to_manage': True,
                       'source_reference': {
                           'source-name': 'volume-%s' % volume['id']}}]
    detail = mcloud.get('/os-snapshot-manage/detail?host=%s' % HOST).json[
        'manageable-snapshots']
    assert set(detail[0]) == {'reference', 'size', 'safe_to_manage',
                              'reason_not_safe', 'cinder_id', 'extra_info',
                              'source_reference'}
    resp = mcloud.post('/os-snapshot-manage', {'snapshot': {
        'volume_id': volume['id'], 'ref': {'source-name': 'snap-lv'},
        'name': 's1'}})
    snapshot = schemas.check(
        schemas.volume('manage_snapshot').manage_snapshot, resp)['snapshot']
    shown = mcloud.get('/snapshots/%s' % snapshot['id']).json['snapshot']
    assert shown['status'] == 'available' and shown['name'] == 's1'
    listed = mcloud.get('/manageable_snapshots/detail?host=%s' % HOST).json[
        'manageable-snapshots']
    assert listed[0]['cinder_id'] == snapshot['id']
    assert listed[0]['reason_not_safe'] == 'already managed'
    resp = mcloud.post('/snapshots/%s/action' % snapshot['id'],
                       {'os-unmanage': {}})
    assert resp.status_int == 202
    schemas.check_fault(mcloud.get('/snapshots/%s' % snapshot['id']), 404,
                        'itemNotFound')
    assert 'snapshot-%s' % snapshot['id'] in driver.foreign
    missing = str(uuid.uuid4())
    resp = mcloud.post('/os-snapshot-manage', {'snapshot': {
        'volume_id': missing, 'ref': {'source-name': 'x'}}})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Volume %s could not be found.' % missing
