"""user_storage_quota (glance's option): an upload past the project's room
answers 413 in glance's words, before reading when the size is declared,
while reading otherwise; the image is queued again and no data stays."""
import time

import pytest

from stratus.api.image import storage_quota
from stratus.common.conf import CONF
from stratus.db.api import images as db_images

BASE = '/image/v2/images'
JSON = {'Accept': 'application/json'}
PREFIX = 'Image exceeds the storage quota: '


@pytest.fixture
def quota():
    def set_quota(value):
        CONF.set_override('user_storage_quota', value, 'image')
    yield set_quota
    CONF.clear_override('user_storage_quota', 'image')


def _fault(resp, message):
    assert resp.status_int == 413, resp.text
    assert resp.json == {'code': '413 Request Entity Too Large',
                         'title': 'Request Entity Too Large',
                         'message': message}


def _queued_without_data(admin, image_store, image_id):
    body = admin.get('%s/%s' % (BASE, image_id)).json
    assert body['status'] == 'queued' and body['size'] is None
    # Neither the image's file nor a partial one stays.
    left = [p.name for p in image_store.glob('*') if image_id in p.name] \
        if image_store.exists() else []
    assert left == []


def test_default_is_unlimited(admin, images):
    assert CONF.image.user_storage_quota == '0'
    assert storage_quota.limit() == 0
    images.active(admin, data=b'x' * 5000)


@pytest.mark.parametrize('value,nbytes', [
    ('0', 0), ('10', 10), ('10B', 10), ('2KB', 2048), ('3MB', 3 * 1024 ** 2),
    ('1GB', 1024 ** 3), ('1TB', 1024 ** 4)])
def test_units_as_glance(quota, value, nbytes):
    quota(value)
    assert storage_quota.limit() == nbytes


@pytest.mark.parametrize('value', ['10 MB', '-1', '1kB', 'MB', '1.5GB'])
def test_other_forms_are_refused_by_the_option(value):
    with pytest.raises(ValueError):
        CONF.set_override('user_storage_quota', value, 'image')


def test_declared_size_past_the_quota_is_refused_up_front(admin, images,
                                                           image_store,
                                                           quota):
    quota('10B')
    image = images.create(admin)
    resp = images.put_file(admin, image['id'], b'x' * 11, headers=JSON)
    _fault(resp, PREFIX + 'The size of the data 11 will exceed the limit. '
           '10 bytes remaining.')
    _queued_without_data(admin, image_store, image['id'])
    images.upload(admin, image['id'], b'x' * 10)
    assert admin.get('%s/%s' % (BASE, image['id'])).json['size'] == 10


def test_other_images_of_the_project_count(admin, images, image_store,
                                           quota):
    quota('1KB')
    images.active(admin, data=b'a' * 600)
    image = images.create(admin)
    resp = images.put_file(admin, image['id'], b'b' * 500, headers=JSON)
    _fault(resp, PREFIX + 'The size of the data 500 will exceed the limit. '
           '424 bytes remaining.')
    resp = images.put_file(admin, image['id'], b'b' * 500, headers=dict(
        JSON, **{'X-OpenStack-Image-Size': '400'}))
    # The declared size fitted: the data is cut off while read, and the
    # text keeps its placeholders, as glance's LimitingReader leaves them.
    _fault(resp, PREFIX + 'The size of the data %(image_size)s will exceed '
           'the limit. %(remaining)s bytes remaining.')
    _queued_without_data(admin, image_store, image['id'])


def test_chunked_upload_is_cut_off_where_the_room_ends(admin, images,
                                                       image_store, quota):
    quota('100B')
    image = images.create(admin)
    resp = images.put_file(admin, image['id'], b'c' * 101, chunked=True,
                           headers=JSON)
    _fault(resp, PREFIX + 'The size of the data %(image_size)s will exceed '
           'the limit. %(remaining)s bytes remaining.')
    _queued_without_data(admin, image_store, image['id'])
    images.upload(admin, image['id'], b'c' * 100, chunked=True)


def test_no_room_left_refuses_an_upload_of_unknown_size(admin, images,
                                                        image_store, quota):
    quota('100B')
    images.active(admin, data=b'd' * 100)
    image = images.create(admin)
    resp = images.put_file(admin, image['id'], b'd', chunked=True,
                           headers=JSON)
    _fault(resp, PREFIX + 'The size of the data None will exceed the limit. '
           '0 bytes remaining.')
    _queued_without_data(admin, image_store, image['id'])


def test_deleted_images_and_other_projects_do_not_count(admin, images,
                                                        demo_headers, quota):
    quota('100B')
    old = images.active(admin, data=b'e' * 100)
    assert admin.delete('%s/%s' % (BASE, old['id'])).status_int == 204
    images.active(admin, data=b'e' * 100)
    # demo's project has its own room.
    images.active(admin, data=b'f' * 100, headers=demo_headers)


def test_a_race_past_the_quota_is_caught_after_the_write(admin, images,
                                                         image_store, quota,
                                                         monkeypatch):
    quota('100B')
    image = images.create(admin)
    usage = iter([0, 60])
    real = db_images.storage_usage
    monkeypatch.setattr(db_images, 'storage_usage',
                        lambda owner, image_id=None: next(usage, None) or
                        real(owner, image_id))
    resp = images.put_file(admin, image['id'], b'g' * 50, headers=JSON)
    _fault(resp, PREFIX + 'The size of the data 50 will exceed the limit. '
           '40 bytes remaining.')
    _queued_without_data(admin, image_store, image['id'])


def test_staging_is_not_counted(admin, images, quota):
    # glance's stage writes to its staging store outside the quota layer.
    quota('10B')
    image = images.create(admin)
    resp = images.send(admin, 'PUT', '%s/%s/stage' % (BASE, image['id']),
                       b'h' * 50)
    assert resp.status_int == 204, resp.text
    assert db_images.storage_usage(image['owner']) == 0


def test_invalid_declared_size_is_400_in_glances_words(admin, images):
    image = images.create(admin)
    resp = images.put_file(admin, image['id'], b'x', headers=dict(
        JSON, **{'X-OpenStack-Image-Size': 'ten'}))
    assert resp.status_int == 400, resp.text
    assert resp.json['message'] == ('Invalid or missing image size in '
                                    'request headers.')


def _import(admin, image_id):
    resp = admin.post('%s/%s/import' % (BASE, image_id),
                      {'method': {'name': 'glance-direct'}})
    assert resp.status_int == 202, resp.text
    for _ in range(200):
        image = admin.get('%s/%s' % (BASE, image_id)).json
        if image['status'] not in ('importing', 'uploading'):
            break
        time.sleep(0.05)
    (task,) = admin.get('%s/%s/tasks' % (BASE, image_id)).json['tasks']
    return image, task


def test_an_import_past_the_quota_fails_its_task(admin, images, image_store,
                                                 quota):
    quota('100B')
    image = images.create(admin)
    resp = images.send(admin, 'PUT', '%s/%s/stage' % (BASE, image['id']),
                       b'i' * 101)
    assert resp.status_int == 204, resp.text
    done, task = _import(admin, image['id'])
    assert done['status'] == 'queued' and task['status'] == 'failure'
    assert task['message'].endswith(
        'StorageQuotaFull\'>: The size of the data %(image_size)s will '
        'exceed the limit. %(remaining)s bytes remaining.')
    assert not (image_store / image['id']).exists()
    image = images.create(admin)
    images.send(admin, 'PUT', '%s/%s/stage' % (BASE, image['id']),
                b'i' * 100)
    done, task = _import(admin, image['id'])
    assert done['status'] == 'active' and task['status'] == 'success'
    # No room left: refused before reading.
    image = images.create(admin)
    images.send(admin, 'PUT', '%s/%s/stage' % (BASE, image['id']), b'i')
    done, task = _import(admin, image['id'])
    assert task['message'].endswith(
        'The size of the data None will exceed the limit. 0 bytes '
        'remaining.')
