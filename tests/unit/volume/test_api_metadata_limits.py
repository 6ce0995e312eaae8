"""Metadata limits of the volume API on every route that takes metadata
(volumes, snapshots, backups, image metadata): keys of 1 to 255 characters
of cinder's pattern, values of at most 255 (image metadata: a MySQL TEXT),
refused with cinder's validator's 400 before anything is written. cinder
has no count limit on metadata; a body with many keys is bounded by the
request size only, and one bad key among thousands writes nothing."""
import pytest

from support import schemas

KEY = 'k' * 255
LONG_KEY = 'k' * 256
VALUE = 'v' * 255
LONG_VALUE = 'v' * 256
VOLUME_KEYS = "'^[a-zA-Z0-9-_:. /]{1,255}$'"
SNAPSHOT_KEYS = "'^[a-zA-Z0-9-_:. ]{1,255}$'"


def _field(field, value, message):
    return 'Invalid input for field/attribute %s. Value: %s. %s' % (
        field, value, message)


def _bad(resp):
    return schemas.check_fault(resp, 400, 'badRequest')


@pytest.fixture
def objects(vcloud):
    volume = vcloud.create_volume()
    resp = vcloud.post('/snapshots', {'snapshot': {'volume_id': volume['id'],
                                                   'name': 's'}})
    assert resp.status_int == 202, resp.text
    snapshot = resp.json['snapshot']
    resp = vcloud.post('/backups', {'backup': {'volume_id': volume['id']}})
    assert resp.status_int == 202, resp.text
    return {'volume': volume['id'], 'snapshot': snapshot['id'],
            'backup': resp.json['backup']['id']}


# (method, path, body of the metadata, keys' pattern, accepted statuses)
ROUTES = {
    'volume create': ('POST', '/volumes', lambda ids, m: {
        'volume': {'size': 1, 'metadata': m}}, VOLUME_KEYS, (202,)),
    'volume metadata set': ('PUT', '/volumes/{volume}/metadata',
                            lambda ids, m: {'metadata': m}, VOLUME_KEYS,
                            (200,)),
    'volume metadata update': ('POST', '/volumes/{volume}/metadata',
                               lambda ids, m: {'metadata': m}, VOLUME_KEYS,
                               (200,)),
    'volume update': ('PUT', '/volumes/{volume}', lambda ids, m: {
        'volume': {'metadata': m}}, VOLUME_KEYS, (200,)),
    'snapshot create': ('POST', '/snapshots', lambda ids, m: {
        'snapshot': {'volume_id': ids['volume'], 'metadata': m,
                     'force': True}}, VOLUME_KEYS, (202,)),
    'snapshot metadata set': ('PUT', '/snapshots/{snapshot}/metadata',
                              lambda ids, m: {'metadata': m}, SNAPSHOT_KEYS,
                              (200,)),
    'snapshot metadata update': ('POST', '/snapshots/{snapshot}/metadata',
                                 lambda ids, m: {'metadata': m},
                                 SNAPSHOT_KEYS, (200,)),
    'backup create': ('POST', '/backups', lambda ids, m: {
        'backup': {'volume_id': ids['volume'], 'metadata': m,
                   'force': True}}, VOLUME_KEYS, (202,)),
    'backup update': ('PUT', '/backups/{backup}', lambda ids, m: {
        'backup': {'metadata': m}}, VOLUME_KEYS, (200,)),
}


def _call(vcloud, ids, route, metadata):
    method, path, body, _pattern, _ok = ROUTES[route]
    return vcloud.request(method, path.format(**ids), body(ids, metadata))


@pytest.mark.parametrize('route', sorted(ROUTES))
def test_key_and_value_lengths(vcloud, objects, route):
    pattern, ok = ROUTES[route][3], ROUTES[route][4]
    resp = _call(vcloud, objects, route, {KEY: VALUE})
    assert resp.status_int in ok, resp.text
    metadata = {LONG_KEY: 'v'}
    assert _bad(_call(vcloud, objects, route, metadata)) == _field(
        'metadata', metadata, "'%s' does not match any of the regexes: %s"
        % (LONG_KEY, pattern))
    metadata = {'': 'v'}
    assert _bad(_call(vcloud, objects, route, metadata)) == _field(
        'metadata', metadata, "'' does not match any of the regexes: %s"
        % pattern)
    assert _bad(_call(vcloud, objects, route, {'k': LONG_VALUE})) == \
        _field('k', LONG_VALUE, "'%s' is too long" % LONG_VALUE)


@pytest.mark.parametrize('kind', ['volumes', 'snapshots'])
def test_metadata_item_lengths(vcloud, objects, kind):
    url = '/%s/%s/metadata/' % (kind, objects[kind[:-1]])
    resp = vcloud.put(url + KEY, {'meta': {KEY: VALUE}})
    assert resp.status_int == 200, resp.text
    assert resp.json == {'meta': {KEY: VALUE}}
    resp = vcloud.put(url + 'k', {'meta': {'k': LONG_VALUE}})
    assert _bad(resp) == _field('k', LONG_VALUE,
                                "'%s' is too long" % LONG_VALUE)
    resp = vcloud.put(url + LONG_KEY, {'meta': {LONG_KEY: 'v'}})
    assert _bad(resp).startswith(
        "Invalid input for field/attribute meta. Value: {'%s': 'v'}. "
        % LONG_KEY)


def test_image_metadata_keys_and_text_values(vcloud, objects):
    volume = objects['volume']
    big = 'v' * 65535
    resp = vcloud.action(volume, {'os-set_image_metadata': {
        'metadata': {KEY: big}}})
    assert resp.status_int == 200, resp.text
    metadata = {LONG_KEY: 'v'}
    assert _bad(vcloud.action(volume, {'os-set_image_metadata': {
        'metadata': metadata}})) == _field(
        'metadata', metadata, "'%s' does not match any of the regexes: %s"
        % (LONG_KEY, VOLUME_KEYS))
    resp = vcloud.action(volume, {'os-set_image_metadata': {
        'metadata': {'k': big + 'v'}}})
    assert resp.status_int == 400, resp.text


def _count(vcloud, kind):
    resp = vcloud.get('/%s/detail' % kind)
    assert resp.status_int == 200, resp.text
    return len(resp.json[kind])


@pytest.mark.parametrize('route', sorted(ROUTES))
def test_one_bad_key_among_thousands_writes_nothing(vcloud, objects, route):
    # About the most a body within the request size limit can carry.
    metadata = {'k%05d' % i: '' for i in range(8000)}
    metadata['z' * 256] = ''
    before = {kind: _count(vcloud, kind) for kind in
              ('volumes', 'snapshots', 'backups')}
    resp = _call(vcloud, objects, route, metadata)
    assert resp.status_int == 400, resp.text
    assert {kind: _count(vcloud, kind) for kind in before} == before
    for kind in ('volume', 'snapshot'):
        resp = vcloud.get('/%ss/%s/metadata' % (kind, objects[kind]))
        assert resp.json['metadata'] == {}
