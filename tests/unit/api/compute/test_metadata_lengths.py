"""nova's metadata parameter on every route that takes one: keys of 1 to
255 characters of its pattern, string values of at most 255, refused with
nova's validator's 400 (the last path element named) before the server is
looked at; a body of thousands of keys meets the metadata_items quota
(403) before anything is written."""
import uuid

import pytest

from support import schemas
from support.server_cloud import SERVERS, action, cloud, create  # noqa
from support.server_cloud import mv, set_state

from stratus.db.api import images
from stratus.db.api import instances

KEY = 'k' * 255
LONG_KEY = 'k' * 256
VALUE = 'v' * 255
LONG_VALUE = 'v' * 256
PATTERN = "'^[a-zA-Z0-9-_:. ]{1,255}$'"
IMAGES = '/compute/v2.1/images'


@pytest.fixture
def ids(cloud):
    sid = create(cloud).json['server']['id']
    set_state(sid, 'active', host='h1')
    project = cloud.get('/identity/v3/auth/tokens', headers={
        'X-Subject-Token': cloud.token}).json['token']['project']['id']
    image = images.create({
        'id': str(uuid.uuid4()), 'name': 'mine', 'status': 'active',
        'visibility': 'private', 'owner': project, 'disk_format': 'raw',
        'container_format': 'bare', 'size': 1})
    return {'server': sid, 'image': image['id']}


def _rebuild(c, ids, m):
    return action(c, ids['server'], {'rebuild': {
        'imageRef': c.image['id'], 'metadata': m}})


# route -> a call with the metadata given, and the statuses of success.
ROUTES = {
    'create': (lambda c, ids, m: create(c, metadata=m), (202,)),
    'rebuild': (_rebuild, (202,)),
    'set': (lambda c, ids, m: c.put(
        SERVERS + '/%s/metadata' % ids['server'], {'metadata': m}), (200,)),
    'update': (lambda c, ids, m: c.post(
        SERVERS + '/%s/metadata' % ids['server'], {'metadata': m}), (200,)),
    'createImage': (lambda c, ids, m: action(c, ids['server'], {
        'createImage': {'name': 'snap', 'metadata': m}}), (202,)),
    'createBackup': (lambda c, ids, m: action(c, ids['server'], {
        'createBackup': {'name': 'b', 'backup_type': 'daily',
                         'rotation': 1, 'metadata': m}}), (202,)),
    'image set': (lambda c, ids, m: c.put(
        IMAGES + '/%s/metadata' % ids['image'], {'metadata': m},
        headers=mv('2.1')), (200,)),
    'image update': (lambda c, ids, m: c.post(
        IMAGES + '/%s/metadata' % ids['image'], {'metadata': m},
        headers=mv('2.1')), (200,)),
}


def _bad(resp):
    return schemas.check_fault(resp, 400, 'badRequest')


@pytest.mark.parametrize('route', sorted(ROUTES))
def test_key_and_value_lengths(cloud, ids, route):
    call, ok = ROUTES[route]
    metadata = {LONG_KEY: 'v'}
    assert _bad(call(cloud, ids, metadata)) == (
        "Invalid input for field/attribute metadata. Value: %s. '%s' does "
        "not match any of the regexes: %s" % (metadata, LONG_KEY, PATTERN))
    metadata = {'': 'v'}
    assert _bad(call(cloud, ids, metadata)) == (
        "Invalid input for field/attribute metadata. Value: %s. '' does "
        "not match any of the regexes: %s" % (metadata, PATTERN))
    assert _bad(call(cloud, ids, {'k': LONG_VALUE})) == (
        "Invalid input for field/attribute k. Value: %s. '%s' is too long"
        % (LONG_VALUE, LONG_VALUE))
    resp = call(cloud, ids, {KEY: VALUE})
    assert resp.status_int in ok, resp.text


@pytest.mark.parametrize('kind', ['servers', 'images'])
def test_metadata_item_lengths(cloud, ids, kind):
    base = SERVERS if kind == 'servers' else IMAGES
    url = base + '/%s/metadata/' % ids[kind[:-1]]
    resp = cloud.put(url + KEY, {'meta': {KEY: VALUE}}, headers=mv('2.1'))
    assert resp.status_int == 200, resp.text
    assert resp.json == {'meta': {KEY: VALUE}}
    resp = cloud.put(url + 'k', {'meta': {'k': LONG_VALUE}},
                     headers=mv('2.1'))
    assert _bad(resp) == (
        "Invalid input for field/attribute k. Value: %s. '%s' is too long"
        % (LONG_VALUE, LONG_VALUE))
    resp = cloud.put(url + LONG_KEY, {'meta': {LONG_KEY: 'v'}},
                     headers=mv('2.1'))
    assert _bad(resp).startswith(
        "Invalid input for field/attribute meta. Value: {'%s': 'v'}. "
        % LONG_KEY)


@pytest.mark.parametrize('route,message', [
    ('create', 'Maximum number of metadata items exceeds 128'),
    ('rebuild', 'Maximum number of metadata items exceeds 128'),
    ('set', 'Maximum number of metadata items exceeds 128'),
    ('update', 'Maximum number of metadata items exceeds 128'),
    ('createImage', 'Image metadata limit exceeded'),
    ('createBackup', 'Image metadata limit exceeded'),
    ('image set', 'Image metadata limit exceeded'),
    ('image update', 'Image metadata limit exceeded'),
])
def test_thousands_of_keys_meet_the_quota_before_any_write(cloud, ids,
                                                           route, message):
    metadata = {'k%05d' % i: '' for i in range(8000)}
    servers_before = len(cloud.get(SERVERS).json['servers'])
    images_before = len(cloud.get('/image/v2/images').json['images'])
    resp = ROUTES[route][0](cloud, ids, metadata)
    assert schemas.check_fault(resp, 403, 'forbidden') == message
    assert len(cloud.get(SERVERS).json['servers']) == servers_before
    assert instances.get(ids['server'])['metadata'] == {}
    assert images.get(ids['image'])['properties'] == {}
    assert len(cloud.get('/image/v2/images').json['images']) == \
        images_before
