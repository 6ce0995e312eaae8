"""QoS specs (cinder's qos_specs_manage): admin CRUD, keys, associations
with volume types, paging, what members are refused, and the front-end
QoS a volume connection carries."""
import uuid

from support import schemas

SCHEMA = schemas.volume('qos')
TYPES = schemas.volume('volume_types')
CONSUMER_ERROR = (
    "Invalid qos specs: Valid consumer of QoS specs are: QoSConsumerValues("
    "default=<class 'oslo_versionedobjects.fields.UnspecifiedDefault'>,"
    "nullable=False,valid_values=('back-end', 'front-end', 'both'))")


def _create(vcloud, name, **specs):
    resp = vcloud.post('/qos-specs', {'qos_specs': dict(specs, name=name)})
    return schemas.check(SCHEMA.show_qos, resp)['qos_specs']


def test_create_show_list(vcloud):
    resp = vcloud.post('/qos-specs', {'qos_specs': {
        'name': '  gold ', 'consumer': 'front-end',
        'total_iops_sec': '1000'}})
    body = schemas.check(SCHEMA.show_qos, resp)
    spec = body['qos_specs']
    assert spec['name'] == 'gold'
    assert spec['consumer'] == 'front-end'
    assert spec['specs'] == {'total_iops_sec': '1000'}
    assert [link['rel'] for link in body['links']] == ['self', 'bookmark']
    assert body['links'][0]['href'].endswith('/volume/v3/qos-specs/%s'
                                             % spec['id'])
    assert body['links'][1]['href'].endswith('/volume/qos-specs/%s'
                                             % spec['id'])
    shown = schemas.check(SCHEMA.show_qos,
                          vcloud.get('/qos-specs/%s' % spec['id']))
    assert shown['qos_specs'] == spec
    # No consumer: back-end; no keys: empty specs.
    plain = _create(vcloud, 'plain')
    assert plain['consumer'] == 'back-end' and plain['specs'] == {}
    listed = schemas.check(SCHEMA.list_qos, vcloud.get('/qos-specs'))
    # Newest first (cinder's created_at desc).
    assert listed['qos_specs'] == [plain, spec]


def test_create_refusals(vcloud):
    _create(vcloud, 'gold')
    resp = vcloud.post('/qos-specs', {'qos_specs': {'name': 'gold'}})
    assert schemas.check_fault(resp, 409, 'conflictingRequest') == \
        'QoS Specs gold already exists.'
    resp = vcloud.post('/qos-specs', {'qos_specs': {
        'name': 'bad', 'consumer': 'middle'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == CONSUMER_ERROR
    resp = vcloud.post('/qos-specs', {'qos_specs': {
        'name': 'bad', 'consumer': ''}})
    assert schemas.check_fault(resp, 400, 'badRequest') == CONSUMER_ERROR
    resp = vcloud.post('/qos-specs', {'qos_specs': {
        'name': 'bad', 'read_iops_sec': 100}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Value for key "read_iops_sec" is not a '
        'string or unicode')
    resp = vcloud.post('/qos-specs', {'qos_specs': {
        'name': 'bad', 'k': 'v' * 256}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid input received: Value for key "k" has 256 characters, '
        'more than 255.')
    resp = vcloud.post('/qos-specs', {'qos_specs': {'name': '   '}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "An invalid 'name' value was provided. The 'name' can not be "
        "empty.")
    resp = vcloud.post('/qos-specs', {'qos_specs': {'name': ''}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "An invalid 'name' value was provided. The 'name' can not be "
        "None.")
    resp = vcloud.post('/qos-specs', {'qos_specs': {'name': 'x' * 256}})
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        "An invalid 'name' value was provided. The 'name' can not be "
        "greater than 255 characters.")
    for body in ({'qos_specs': {'consumer': 'both'}},
                 {'qos_specs': {'name': 5}}, {'qos_spec': {'name': 'a'}},
                 {'qos_specs': 'gold'}):
        schemas.check_fault(vcloud.post('/qos-specs', body), 400,
                            'badRequest')
    assert len(vcloud.get('/qos-specs').json['qos_specs']) == 1


def test_set_and_unset_keys(vcloud):
    spec = _create(vcloud, 'gold', read_iops_sec='100')
    url = '/qos-specs/%s' % spec['id']
    resp = vcloud.put(url, {'qos_specs': {'read_iops_sec': '200',
                                          'write_iops_sec': '300',
                                          'consumer': 'both'}})
    # Cinder answers with the body it was given.
    assert schemas.check(SCHEMA.set_qos_key, resp) == {'qos_specs': {
        'read_iops_sec': '200', 'write_iops_sec': '300',
        'consumer': 'both'}}
    shown = vcloud.get(url).json['qos_specs']
    assert shown['consumer'] == 'both'
    assert shown['specs'] == {'read_iops_sec': '200',
                              'write_iops_sec': '300'}
    resp = vcloud.put(url + '/delete_keys', {'keys': ['read_iops_sec']})
    schemas.check(SCHEMA.unset_qos_key, resp)
    assert vcloud.get(url).json['qos_specs']['specs'] == {
        'write_iops_sec': '300'}
    # Keys go in order until the first one the spec lacks: 404, and the
    # ones before it are gone.
    vcloud.put(url, {'qos_specs': {'a': '1'}})
    resp = vcloud.put(url + '/delete_keys', {'keys': ['a', 'nope',
                                                      'write_iops_sec']})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == (
        'QoS spec %s has no spec with key nope.' % spec['id'])
    assert vcloud.get(url).json['qos_specs']['specs'] == {
        'write_iops_sec': '300'}


def test_set_and_unset_refusals(vcloud):
    spec = _create(vcloud, 'gold')
    url = '/qos-specs/%s' % spec['id']
    resp = vcloud.put(url, {'qos_specs': {'consumer': 'middle'}})
    assert schemas.check_fault(resp, 400, 'badRequest') == CONSUMER_ERROR
    for body in ({'qos_specs': {'k': 1}}, {'qos_specs': {'bad!key': 'v'}},
                 {'qos_specs': {'k': 'v'}, 'other': 1}, {'keys': ['k']}):
        schemas.check_fault(vcloud.put(url, body), 400, 'badRequest')
    for body in ({'keys': 'k'}, {'keys': ['k', 'k']}, {'keys': ['']},
                 {'qos_specs': {}}):
        schemas.check_fault(vcloud.put(url + '/delete_keys', body), 400,
                            'badRequest')
    unknown = str(uuid.uuid4())
    resp = vcloud.put('/qos-specs/%s' % unknown, {'qos_specs': {'k': 'v'}})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'No such QoS spec %s.' % unknown
    resp = vcloud.put('/qos-specs/%s/delete_keys' % unknown, {'keys': ['k']})
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'No such QoS spec %s.' % unknown
    schemas.check_fault(vcloud.put(url + '/nothing', {'keys': ['k']}), 404,
                        'itemNotFound')
    # consumer null: the default again.
    vcloud.put(url, {'qos_specs': {'consumer': 'both'}})
    vcloud.put(url, {'qos_specs': {'consumer': None}})
    assert vcloud.get(url).json['qos_specs']['consumer'] == 'back-end'


def test_associate_disassociate(vcloud):
    gold = _create(vcloud, 'gold')
    silver = _create(vcloud, 'silver')
    fast = vcloud.create_type('fast')
    slow = vcloud.create_type('slow')
    url = '/qos-specs/%s' % gold['id']
    for type_id in (fast, slow):
        resp = vcloud.get(url + '/associate?vol_type_id=%s' % type_id)
        schemas.check(SCHEMA.associate_qos, resp)
    # Again with the same spec: nothing changes.
    schemas.check(SCHEMA.associate_qos,
                  vcloud.get(url + '/associate?vol_type_id=%s' % fast))
    assoc = schemas.check(SCHEMA.show_association_qos,
                          vcloud.get(url + '/associations'))
    assert assoc == {'qos_associations': [
        {'association_type': 'volume_type', 'name': 'fast', 'id': fast},
        {'association_type': 'volume_type', 'name': 'slow', 'id': slow}]}
    shown = schemas.check(TYPES.show_volume_type,
                          vcloud.get('/types/%s' % fast))
    assert shown['volume_type']['qos_specs_id'] == gold['id']
    listed = schemas.check(TYPES.list_volume_types, vcloud.get('/types'))
    assert {t['name']: t['qos_specs_id'] for t in listed['volume_types']
            if t['name'] in ('fast', 'slow')} == {'fast': gold['id'],
                                                  'slow': gold['id']}
    # One spec per type.
    resp = vcloud.get('/qos-specs/%s/associate?vol_type_id=%s' % (
        silver['id'], fast))
    assert schemas.check_fault(resp, 400, 'badRequest') == (
        'Invalid volume type: Type %s is already associated with another '
        'qos specs: %s' % (fast, gold['id']))
    # Disassociating a type the spec does not carry changes nothing.
    schemas.check(SCHEMA.disassociate_qos, vcloud.get(
        '/qos-specs/%s/disassociate?vol_type_id=%s' % (silver['id'], fast)))
    assert vcloud.get('/types/%s' % fast).json['volume_type'][
        'qos_specs_id'] == gold['id']
    schemas.check(SCHEMA.disassociate_qos, vcloud.get(
        url + '/disassociate?vol_type_id=%s' % fast))
    assert vcloud.get('/types/%s' % fast).json['volume_type'][
        'qos_specs_id'] is None
    assert [a['id'] for a in vcloud.get(url + '/associations').json[
        'qos_associations']] == [slow]
    schemas.check(SCHEMA.disassociate_all_qos,
                  vcloud.get(url + '/disassociate_all'))
    assert vcloud.get(url + '/associations').json == {
        'qos_associations': []}
    assert vcloud.get('/types/%s' % slow).json['volume_type'][
        'qos_specs_id'] is None


def test_association_refusals(vcloud):
    gold = _create(vcloud, 'gold')
    url = '/qos-specs/%s' % gold['id']
    for action in ('associate', 'disassociate'):
        for query in ('', '?vol_type_id='):
            resp = vcloud.get(url + '/' + action + query)
            assert schemas.check_fault(resp, 400, 'badRequest') == \
                'Volume Type id must not be None.'
        unknown = str(uuid.uuid4())
        resp = vcloud.get(url + '/%s?vol_type_id=%s' % (action, unknown))
        assert schemas.check_fault(resp, 404, 'itemNotFound') == \
            'Volume type %s could not be found.' % unknown
    type_id = vcloud.create_type('fast')
    unknown = str(uuid.uuid4())
    for action in ('associate?vol_type_id=%s' % type_id,
                   'disassociate?vol_type_id=%s' % type_id,
                   'disassociate_all', 'associations'):
        resp = vcloud.get('/qos-specs/%s/%s' % (unknown, action))
        assert schemas.check_fault(resp, 404, 'itemNotFound') == \
            'No such QoS spec %s.' % unknown


def test_delete(vcloud):
    gold = _create(vcloud, 'gold')
    type_id = vcloud.create_type('fast')
    url = '/qos-specs/%s' % gold['id']
    vcloud.get(url + '/associate?vol_type_id=%s' % type_id)
    resp = vcloud.delete(url)
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Qos specs still in use.'
    resp = vcloud.delete(url + '?force=False')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Qos specs still in use.'
    resp = vcloud.delete(url + '?force=maybe')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        "Value 'maybe' for 'force' is not a boolean."
    schemas.check(SCHEMA.delete_qos, vcloud.delete(url + '?force=True'))
    assert schemas.check_fault(vcloud.get(url), 404, 'itemNotFound') == \
        'No such QoS spec %s.' % gold['id']
    assert vcloud.get('/types/%s' % type_id).json['volume_type'][
        'qos_specs_id'] is None
    # Unassociated: no force needed. Gone: 404.
    silver = _create(vcloud, 'silver')
    schemas.check(SCHEMA.delete_qos,
                  vcloud.delete('/qos-specs/%s' % silver['id']))
    resp = vcloud.delete('/qos-specs/%s' % silver['id'])
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'No such QoS spec %s.' % silver['id']
    # The name is free again.
    _create(vcloud, 'silver')


def test_list_paging_sorting_filters(vcloud):
    ids = [_create(vcloud, name)['id'] for name in ('a', 'b', 'c')]
    page = vcloud.get('/qos-specs?limit=2').json
    assert [s['id'] for s in page['qos_specs']] == ids[::-1][:2]
    (link,) = page['qos_specs_links']
    assert link['rel'] == 'next'
    assert 'marker=%s' % ids[1] in link['href']
    assert '/volume/v3/qos-specs?' in link['href']
    rest = vcloud.get('/qos-specs?limit=2&marker=%s' % ids[1]).json
    assert [s['id'] for s in rest['qos_specs']] == [ids[0]]
    assert 'qos_specs_links' not in rest
    assert [s['name'] for s in vcloud.get(
        '/qos-specs?sort=value:asc').json['qos_specs']] == ['a', 'b', 'c']
    assert [s['name'] for s in vcloud.get(
        '/qos-specs?sort_key=created_at&sort_dir=asc&offset=1').json[
        'qos_specs']] == ['b', 'c']
    # cinder's table has no name or consumer column: such filters match
    # nothing; id does.
    assert vcloud.get('/qos-specs?name=a').json == {'qos_specs': []}
    assert vcloud.get('/qos-specs?consumer=back-end').json == {
        'qos_specs': []}
    assert [s['id'] for s in vcloud.get('/qos-specs?id=%s' % ids[2]).json[
        'qos_specs']] == [ids[2]]
    unknown = str(uuid.uuid4())
    resp = vcloud.get('/qos-specs?marker=%s' % unknown)
    assert schemas.check_fault(resp, 404, 'itemNotFound') == \
        'No such QoS spec %s.' % unknown
    resp = vcloud.get('/qos-specs?sort=name')
    assert schemas.check_fault(resp, 400, 'badRequest') == \
        'Invalid input received: Invalid sort key'
    # A filter on no column of cinder's table answers [] before the
    # marker is looked up.
    assert vcloud.get('/qos-specs?name=a&marker=%s' % unknown).json == {
        'qos_specs': []}
    # The marker's place counts even when a filter leaves it out.
    assert vcloud.get('/qos-specs?id=%s&marker=%s' % (
        ids[0], ids[2])).json['qos_specs'][0]['id'] == ids[0]
    for query, message in (
            ('limit=x', 'limit param must be an integer'),
            ('limit=-1', 'limit param must be positive'),
            ('offset=x', 'offset must be an integer'),
            ('offset=-1', 'offset must be >= 0'),
            ('sort=id:up', "Invalid input received: Unknown sort direction, "
                           "must be 'desc' or 'asc'."),
            ('sort=id&sort_dir=asc', "The 'sort_key' and 'sort_dir' "
             "parameters are deprecated and cannot be used with the 'sort' "
             "parameter.")):
        resp = vcloud.get('/qos-specs?' + query)
        assert schemas.check_fault(resp, 400, 'badRequest') == message


def test_members_are_refused(vcloud, demo):
    gold = _create(vcloud, 'gold')
    type_id = vcloud.create_type('fast')
    url = '/qos-specs/%s' % gold['id']
    calls = [
        ('GET', '/qos-specs', None, 'get_all'),
        ('GET', url, None, 'get'),
        ('POST', '/qos-specs', {'qos_specs': {'name': 'x'}}, 'create'),
        ('PUT', url, {'qos_specs': {'k': 'v'}}, 'update'),
        ('PUT', url + '/delete_keys', {'keys': ['k']}, 'delete'),
        ('DELETE', url, None, 'delete'),
        ('GET', url + '/associations', None, 'get_all'),
        ('GET', url + '/associate?vol_type_id=%s' % type_id, None,
         'update'),
        ('GET', url + '/disassociate?vol_type_id=%s' % type_id, None,
         'update'),
        ('GET', url + '/disassociate_all', None, 'update')]
    for method, path, body, rule in calls:
        resp = vcloud.request(method, path, body, user=demo)
        assert schemas.check_fault(resp, 403, 'forbidden') == (
            "Policy doesn't allow volume_extension:qos_specs_manage:%s to "
            "be performed." % rule)
    # A malformed body is refused before policy, as in cinder.
    resp = vcloud.request('POST', '/qos-specs', {'qos_specs': {}},
                          user=demo)
    schemas.check_fault(resp, 400, 'badRequest')
    # Members see types without qos_specs_id.
    vcloud.get(url + '/associate?vol_type_id=%s' % type_id)
    shown = vcloud.get('/types/%s' % type_id, user=demo).json['volume_type']
    assert 'qos_specs_id' not in shown


def _attach_info(vcloud, type_name, size=1):
    volume = vcloud.create_volume(volume_type=type_name, size=size)
    resp = vcloud.action(volume['id'], {'os-initialize_connection': {
        'connector': {'host': 'compute1', 'initiator': 'iqn.x'}}})
    assert resp.status_int == 200, resp.text
    return resp.json['connection_info']['data']


def test_connection_carries_front_end_qos(vcloud):
    front = _create(vcloud, 'front', consumer='front-end',
                    read_iops_sec='500', total_iops_sec_per_gb='20',
                    total_iops_sec_per_gb_min='50',
                    total_iops_sec_max='90')
    back = _create(vcloud, 'back', consumer='back-end', read_iops_sec='5')
    both = _create(vcloud, 'both', consumer='both',
                   write_bytes_sec_per_gb='10')
    for spec, type_name in ((front, 'front-t'), (back, 'back-t'),
                            (both, 'both-t')):
        type_id = vcloud.create_type(type_name)
        vcloud.get('/qos-specs/%s/associate?vol_type_id=%s' % (spec['id'],
                                                               type_id))
    vcloud.create_type('none-t')
    # 20/GB on 3 GB is 60: above the 50 minimum, below the 90 maximum.
    assert _attach_info(vcloud, 'front-t', size=3)['qos_specs'] == {
        'read_iops_sec': '500', 'total_iops_sec': 60}
    # 20/GB on 10 GB is 200: capped at 90.
    assert _attach_info(vcloud, 'front-t', size=10)['qos_specs'] == {
        'read_iops_sec': '500', 'total_iops_sec': 90}
    assert _attach_info(vcloud, 'both-t', size=2)['qos_specs'] == {
        'write_bytes_sec': 20}
    # The back end enforces its own: nothing for the hypervisor.
    assert _attach_info(vcloud, 'back-t')['qos_specs'] is None
    assert _attach_info(vcloud, 'none-t')['qos_specs'] is None


def test_attachment_connection_carries_front_end_qos(vcloud):
    """The attachments API (3.27+) hands the connector the same specs."""
    spec = _create(vcloud, 'front', consumer='front-end',
                   total_bytes_sec='2048')
    type_id = vcloud.create_type('front-t')
    vcloud.get('/qos-specs/%s/associate?vol_type_id=%s' % (spec['id'],
                                                           type_id))
    volume = vcloud.create_volume(volume_type='front-t')
    resp = vcloud.post('/attachments', {'attachment': {
        'volume_uuid': volume['id'],
        'instance_uuid': '11111111-2222-3333-4444-555555555555'}})
    attachment = resp.json['attachment']
    resp = vcloud.put('/attachments/%s' % attachment['id'], {'attachment': {
        'connector': {'host': 'compute1', 'mountpoint': '/dev/vdc'}}})
    assert resp.status_int == 200, resp.text
    assert resp.json['attachment']['connection_info'][
        'qos_specs'] == {'total_bytes_sec': '2048'}
