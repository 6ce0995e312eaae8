"""nova's images proxy in-process: /images list, detail (filters, paging),
show, delete, /images/{id}/metadata, the microversion limits (404 from 2.36;
metadata from 2.39), glance's visibility and ownership rules, checked
against tempest's compute images schemas."""
import uuid

import pytest

from support import schemas

from stratus.api.compute import versions
from stratus.db.api import images

IMAGES = '/compute/v2.1/images'


@pytest.fixture
def cloud(monkeypatch, admin):
    monkeypatch.setattr(versions, 'MAX', (2, 100))
    from stratus.api import app as app_module
    admin.app = app_module.build_app()
    return admin


def _mv(version='2.1', token=None):
    headers = {'OpenStack-API-Version': 'compute %s' % version}
    if token:
        headers['X-Auth-Token'] = token
    return headers


def _image(owner='x', visibility='public', status='active', **props):
    return images.create({
        'id': str(uuid.uuid4()), 'name': 'img-%s' % status,
        'status': status, 'visibility': visibility, 'owner': owner,
        'disk_format': 'raw', 'container_format': 'bare', 'size': 1024,
        'min_ram': 64, 'min_disk': 1}, props)


def _schema(name):
    return getattr(schemas.compute('images', '2.1'), name)


def _project(cloud, token=None):
    resp = cloud.get('/identity/v3/auth/tokens', headers={
        'X-Subject-Token': token or cloud.token})
    return resp.json['token']['project']['id']


def test_list_and_detail(cloud):
    image = _image(os_distro='cirros', auto_disk_config='true')
    body = schemas.check(_schema('list_images'), cloud.get(IMAGES))
    [found] = [i for i in body['images'] if i['id'] == image['id']]
    assert set(found) == {'id', 'name', 'links'}
    assert [link['rel'] for link in found['links']] == [
        'self', 'bookmark', 'alternate']
    body = schemas.check(_schema('list_images_details'),
                         cloud.get(IMAGES + '/detail'))
    [found] = [i for i in body['images'] if i['id'] == image['id']]
    assert (found['status'], found['progress'], found['minRam'],
            found['minDisk'], found['OS-EXT-IMG-SIZE:size'],
            found['OS-DCF:diskConfig']) == ('ACTIVE', 100, 64, 1, 1024,
                                            'AUTO')
    assert found['metadata'] == {'os_distro': 'cirros',
                                 'auto_disk_config': 'true'}
    assert 'server' not in found


def test_show_of_a_snapshot_names_its_server(cloud):
    server = str(uuid.uuid4())
    image = _image(status='queued', instance_uuid=server,
                   image_type='snapshot')
    body = schemas.check(_schema('get_image'),
                         cloud.get(IMAGES + '/' + image['id']))['image']
    assert (body['status'], body['progress']) == ('SAVING', 25)
    queued = images.create({
        'id': str(uuid.uuid4()), 'name': 'q', 'status': 'queued',
        'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
        'container_format': 'bare'}, {})
    shown = cloud.get(IMAGES + '/' + queued['id']).json['image']
    assert shown['OS-EXT-IMG-SIZE:size'] == 0
    assert body['server']['id'] == server
    assert body['server']['links'][0]['href'].endswith(
        '/compute/v2.1/servers/' + server)


def test_filters(cloud):
    server = str(uuid.uuid4())
    backup = _image(instance_uuid=server, image_type='backup')
    other = _image(status='queued')
    ids = lambda q: {i['id'] for i in cloud.get(IMAGES + q).json['images']}  # noqa
    assert ids('?server=http://x/servers/' + server) == {backup['id']}
    assert ids('?type=backup') == {backup['id']}
    assert ids('?property-image_type=backup') == {backup['id']}
    assert ids('?status=QUEUED') == \
        {other['id']}
    assert backup['id'] in ids('?minRam=64') and \
        not ids('?minRam=65')
    assert ids('?name=img-queued') == {other['id']}


def test_paging(cloud):
    made = [_image() for _ in range(3)]
    resp = cloud.get(IMAGES + '?limit=2')
    body = schemas.check(_schema('list_images'), resp)
    assert len(body['images']) == 2 and body['images_links'][0]['rel'] \
        == 'next'
    rest = cloud.get(IMAGES + '?limit=2&marker=%s' %
                     body['images'][-1]['id']).json['images']
    assert {i['id'] for i in body['images'] + rest} == {
        i['id'] for i in made}
    resp = cloud.get(IMAGES + '?marker=%s' % uuid.uuid4())
    schemas.check_fault(resp, 400, 'badRequest')


def test_show_unknown_or_private_image_is_404(cloud, demo):
    resp = cloud.get(IMAGES + '/%s' % uuid.uuid4())
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'Image not found.'
    private = _image(visibility='private')
    resp = cloud.get(IMAGES + '/' + private['id'],
                     headers=_mv(token=demo['token']))
    schemas.check_fault(resp, 404, 'itemNotFound')


def test_delete_own_image_and_refusals(cloud, demo):
    mine = _image(owner=demo['project_id'], visibility='private')
    public = _image()
    resp = cloud.delete(IMAGES + '/' + public['id'],
                        headers=_mv(token=demo['token']))
    assert schemas.check_fault(resp, 403, 'forbidden') == \
        'You are not allowed to delete the image.'
    resp = cloud.delete(IMAGES + '/' + mine['id'],
                        headers=_mv(token=demo['token']))
    schemas.check(_schema('delete'), resp)
    resp = cloud.get(IMAGES + '/' + mine['id'])
    schemas.check_fault(resp, 404, 'itemNotFound')
    resp = cloud.delete(IMAGES + '/' + mine['id'])
    schemas.check_fault(resp, 404, 'itemNotFound')


@pytest.mark.parametrize('method,path', [
    ('GET', ''), ('GET', '/detail'), ('GET', '/{id}'), ('DELETE', '/{id}')])
def test_proxy_is_gone_from_236(cloud, method, path):
    image = _image()
    url = IMAGES + path.format(id=image['id'])
    assert cloud.request(method, url, headers=_mv('2.35')).status_int in (
        200, 204)
    image = _image()
    url = IMAGES + path.format(id=image['id'])
    resp = cloud.request(method, url, headers=_mv('2.36'))
    schemas.check_fault(resp, 404, 'itemNotFound')


# --- metadata ------------------------------------------------------------------
def test_metadata_routes(cloud):
    image = _image(owner=_project(cloud), visibility='private', a='1',
                   b='2')
    path = IMAGES + '/%s/metadata' % image['id']
    assert schemas.check(_schema('image_metadata'), cloud.get(path)) == {
        'metadata': {'a': '1', 'b': '2'}}
    assert schemas.check(_schema('image_meta_item'),
                         cloud.get(path + '/a')) == {'meta': {'a': '1'}}
    resp = cloud.post(path, {'metadata': {'c': '3', 'a': '9'}})
    assert schemas.check(_schema('image_metadata'), resp) == {
        'metadata': {'a': '9', 'b': '2', 'c': '3'}}
    resp = cloud.put(path + '/d', {'meta': {'d': '4'}})
    assert schemas.check(_schema('image_meta_item'), resp) == {
        'meta': {'d': '4'}}
    resp = cloud.put(path, {'metadata': {'only': 'one'}})
    assert schemas.check(_schema('image_metadata'), resp) == {
        'metadata': {'only': 'one'}}
    assert images.get(image['id'])['properties'] == {'only': 'one'}
    resp = cloud.delete(path + '/only')
    schemas.check(_schema('delete'), resp)
    assert images.get(image['id'])['properties'] == {}


def test_metadata_refusals(cloud, demo):
    image = _image(owner=_project(cloud), visibility='private', a='1')
    path = IMAGES + '/%s/metadata' % image['id']
    schemas.check_fault(cloud.get(path + '/zz'), 404, 'itemNotFound')
    assert schemas.check_fault(cloud.delete(path + '/zz'), 404,
                               'itemNotFound') == 'Invalid metadata key'
    resp = cloud.put(path + '/a', {'meta': {'b': '1'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Request body and URI mismatch'
    resp = cloud.put(path + '/a', {'meta': {'a': '1', 'b': '2'}})
    schemas.check_fault(resp, 400, 'badRequest')
    schemas.check_fault(cloud.post(path, {'meta': {}}), 400, 'badRequest')
    resp = cloud.get(path, headers=_mv(token=demo['token']))
    schemas.check_fault(resp, 404, 'itemNotFound')
    public = _image(a='1')
    resp = cloud.post(IMAGES + '/%s/metadata' % public['id'],
                      {'metadata': {'b': '2'}},
                      headers=_mv(token=demo['token']))
    schemas.check_fault(resp, 403, 'forbidden')
    resp = cloud.post(path, {'metadata': {'k%d' % i: 'v'
                                          for i in range(128)}})
    assert schemas.check_fault(resp, 403, 'forbidden') == \
        'Image metadata limit exceeded'


def test_metadata_is_served_to_238_only(cloud):
    image = _image(a='1')
    path = IMAGES + '/%s/metadata' % image['id']
    assert cloud.get(path, headers=_mv('2.38')).status_int == 200
    schemas.check_fault(cloud.get(path, headers=_mv('2.39')), 404,
                        'itemNotFound')
