"""The compute API words a refused body as nova's validator does: the
first error met; "Invalid input for field/attribute <last path element>.
Value: <python value>. <message>", or the bare message for an error about
the whole body. Query strings: "Invalid input for query parameters
<name>. Value: <value>. <message>"."""
import pytest

from support import schemas
from support.server_cloud import cloud, create  # noqa: F401

SERVERS = '/compute/v2.1/servers'


def _server(cloud, **more):
    body = {'name': 'vm', 'imageRef': cloud.image['id'], 'flavorRef': '1'}
    body.update(more)
    return body


def _bad(resp, message):
    schemas.check_fault(resp, 400, 'badRequest')
    assert resp.json['badRequest']['message'] == message


def test_missing_top_level_key(cloud):
    # nova's schema lists 'required' before 'additionalProperties'.
    _bad(cloud.post(SERVERS, {'srv': {}}), "'server' is a required property")
    _bad(cloud.post(SERVERS, {'server': _server(cloud), 'srv': {}}),
         "Additional properties are not allowed ('srv' was unexpected)")


def test_missing_property_names_the_parent(cloud):
    server = {'imageRef': cloud.image['id'], 'flavorRef': '1'}
    _bad(cloud.post(SERVERS, {'server': server}),
         "Invalid input for field/attribute server. Value: %s. 'name' is a "
         "required property" % server)


def test_additional_property(cloud):
    server = _server(cloud, colour='blue')
    _bad(cloud.post(SERVERS, {'server': server}),
         "Invalid input for field/attribute server. Value: %s. Additional "
         "properties are not allowed ('colour' was unexpected)" % server)


def test_wrong_type_shows_the_python_value(cloud):
    _bad(create(cloud, name=123),
         "Invalid input for field/attribute name. Value: 123. 123 is not of "
         "type 'string'")
    _bad(create(cloud, metadata=['a']),
         "Invalid input for field/attribute metadata. Value: ['a']. ['a'] is "
         "not of type 'object'")


def test_min_length_and_number_strings(cloud):
    _bad(create(cloud, key_name=''),
         "Invalid input for field/attribute key_name. Value: . '' should be "
         "non-empty")
    # nova applies minimum to number strings too.
    _bad(create(cloud, min_count='0'),
         "Invalid input for field/attribute min_count. Value: 0. 0 is less "
         "than the minimum of 1")


@pytest.mark.parametrize('field,value,message', [
    ('source_type', 'disk', "'disk' is not one of ['volume', 'image', "
                            "'snapshot', 'blank']"),
    ('device_name', 'v d b', "'v d b' does not match '^[a-zA-Z0-9._/-]*$'"),
    ('boot_index', 'first', "'first' does not match '^-?[0-9]+$'"),
    ('volume_size', 0, "0 is less than the minimum of 1"),
    ('delete_on_termination', 'maybe', "'maybe' is not one of [True, "
     "'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', 'Yes', 'yes', "
     "False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', "
     "'No', 'no']"),
])
def test_nested_in_a_block_device_mapping(cloud, field, value, message):
    bdm = {'source_type': 'image', 'uuid': cloud.image['id'],
           'destination_type': 'local', 'boot_index': 0}
    bdm[field] = value
    shown = 'True' if value is True else value
    _bad(create(cloud, block_device_mapping_v2=[bdm]),
         'Invalid input for field/attribute %s. Value: %s. %s' % (
             field, shown, message))


def test_an_unknown_key_in_a_mapping_names_its_index(cloud):
    bdm = {'source_type': 'blank', 'destination_type': 'local',
           'size': 1}
    _bad(create(cloud, block_device_mapping_v2=[bdm]),
         "Invalid input for field/attribute 0. Value: %s. Additional "
         "properties are not allowed ('size' was unexpected)" % bdm)


def test_update_and_metadata_bodies(cloud):
    sid = create(cloud).json['server']['id']
    _bad(cloud.put(SERVERS + '/' + sid, {'server': {'name': ''}}),
         "Invalid input for field/attribute name. Value: . '' should be "
         "non-empty")
    key = 'k' * 256
    _bad(cloud.post(SERVERS + '/%s/metadata' % sid,
                    {'metadata': {'a': 1}}),
         "Invalid input for field/attribute a. Value: 1. 1 is not of type "
         "'string'")
    resp = cloud.put(SERVERS + '/%s/metadata/x' % sid, {'meta': {key: 'v'}})
    schemas.check_fault(resp, 400, 'badRequest')
    assert resp.json['badRequest']['message'].startswith(
        'Invalid input for field/attribute meta. Value: {')


def test_query_parameter_shows_the_refused_value(cloud):
    sid = create(cloud).json['server']['id']
    path = SERVERS + '/%s/os-instance-actions' % sid
    headers = {'OpenStack-API-Version': 'compute 2.58'}
    _bad(cloud.get(path + '?limit=-1', headers=headers),
         "Invalid input for query parameters limit. Value: -1. '-1' does not "
         "match '^[0-9]+$'")
    _bad(cloud.get(path + '?limit=1&limit=2', headers=headers),
         "Invalid input for query parameters limit. Value: ['1', '2']. "
         "['1', '2'] is too long")


NAME = ("An invalid 'name' value was provided. The name must be: printable "
        "characters. Can not start or end with whitespace.")


@pytest.mark.parametrize('name', [' vm', 'vm ', 'v\x00m', 'v\nm',
                                  '\u00a0vm'])
def test_a_name_nova_refuses(cloud, name):
    _bad(create(cloud, name=name), NAME)
    sid = create(cloud).json['server']['id']
    _bad(cloud.put(SERVERS + '/' + sid, {'server': {'name': name}}), NAME)


@pytest.mark.parametrize('name', ['v m', 'vm-\u00e9', '\u6587\u5b57'])
def test_a_name_nova_takes(cloud, name):
    resp = create(cloud, name=name)
    assert resp.status_int == 202, resp.text


def test_image_ref_is_a_uuid_or_empty(cloud):
    _bad(create(cloud, imageRef='nope'),
         "Invalid input for field/attribute imageRef. Value: nope. 'nope' "
         "is not valid under any of the given schemas")
