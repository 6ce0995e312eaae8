"""The image schema as a devstack glance serves it (schema-image.json's
properties merged in, marked is_base false) and the values of those
properties checked on create and PATCH with glance's 400 text; an
operator's file overrides stratus's definitions."""
import json

import pytest

from stratus.api.image.schemas import custom_properties
from stratus.common.conf import CONF

V2 = '/image/v2'
BASE = V2 + '/images'
UUID = ('^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
        '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$')
PREFIX = "Provided object does not match schema 'image': "
KERNEL = '7d3c0e4f-1a2b-4c5d-8e9f-0a1b2c3d4e5f'
DEVSTACK = {  # names and constraints of devstack's schema-image.json
    'kernel_id': {'type': ['null', 'string'], 'pattern': UUID},
    'ramdisk_id': {'type': ['null', 'string'], 'pattern': UUID},
    'instance_uuid': {'type': 'string'},
    'architecture': {'type': 'string'},
    'os_distro': {'type': 'string'},
    'os_version': {'type': 'string'},
    'description': {'type': 'string'},
    'cinder_encryption_key_id': {'type': 'string'},
    'cinder_encryption_key_deletion_policy': {
        'type': 'string', 'enum': ['on_image_deletion', 'do_not_delete']},
}


@pytest.fixture(autouse=True)
def _fresh_properties():
    custom_properties.reset()
    yield
    CONF.clear_override('custom_properties_file', 'image')
    custom_properties.reset()


def _facts(schema):
    return {k: v for k, v in schema.items() if k != 'description'}


def test_schema_shows_devstacks_properties_as_glance(admin):
    doc = admin.get(V2 + '/schemas/image').json
    props = doc['properties']
    for name, facts in DEVSTACK.items():
        assert _facts(props[name]) == dict(facts, is_base=False), name
        assert props[name]['description']
    # glance's base attributes: facts as its get_base_properties.
    assert props['visibility']['enum'] == ['community', 'public',
                                           'private', 'shared']
    assert _facts(props['min_ram']) == {'type': 'integer'}
    assert _facts(props['tags']) == {'type': 'array', 'items': {
        'type': 'string', 'maxLength': 255}}
    assert _facts(props['name']) == {'type': ['null', 'string'],
                                     'maxLength': 255}
    assert _facts(props['status'])['readOnly'] is True
    assert 'is_base' not in props['name']
    images_doc = admin.get(V2 + '/schemas/images').json
    assert images_doc['properties']['images']['items'] == doc


def _refused(resp, first_line, field):
    assert resp.status_int == 400, resp.text
    message = resp.json['message']
    assert message.startswith(PREFIX + first_line + '  Failed validating'), \
        message
    assert "in schema['properties']['%s']:" % field in message
    assert "On instance['%s']:" % field in message
    assert '\n' not in message


@pytest.mark.parametrize('body,first_line,field', [
    ({'kernel_id': 'not-a-uuid'}, "'not-a-uuid' does not match '%s'" % UUID,
     'kernel_id'),
    ({'ramdisk_id': 5}, "5 is not of type 'null', 'string'", 'ramdisk_id'),
    ({'os_distro': 7}, "7 is not of type 'string'", 'os_distro'),
    ({'architecture': None}, "None is not of type 'string'",
     'architecture'),
    ({'instance_uuid': ['x']}, "['x'] is not of type 'string'",
     'instance_uuid'),
    ({'cinder_encryption_key_deletion_policy': 'sometimes'},
     "'sometimes' is not one of ['on_image_deletion', 'do_not_delete']",
     'cinder_encryption_key_deletion_policy'),
    ({'visibility': 'everyone'}, "'everyone' is not one of ['community', "
     "'public', 'private', 'shared']", 'visibility'),
    ({'hypervisor_type': 5}, "5 is not of type 'string'",
     'hypervisor_type'),
])
def test_create_refuses_values_as_glance(admin, body, first_line, field):
    resp = admin.post(BASE, dict(body, name='x'))
    if field == 'hypervisor_type':
        # Free properties: additionalProperties, reported on the object.
        assert resp.status_int == 400
        assert resp.json['message'].startswith(PREFIX + first_line)
        return
    _refused(resp, first_line, field)


def test_plain_text_fault_is_glances_one_line(admin):
    resp = admin.post(BASE, {'kernel_id': 'k'},
                      headers={'Accept': 'text/plain'})
    assert resp.status_int == 400
    lines = resp.text.split('\n')
    assert lines[0] == '400 Bad Request' and lines[1] == ''
    assert lines[2].startswith(PREFIX + "'k' does not match")


def test_valid_values_are_kept(admin, images):
    image = images.create(admin, kernel_id=KERNEL, ramdisk_id=None,
                          os_distro='cirros',
                          cinder_encryption_key_deletion_policy='do_not_delete')
    assert image['kernel_id'] == KERNEL and image['os_distro'] == 'cirros'


JSON = {'Accept': 'application/json'}


def test_patch_values_are_checked_before_any_change(admin, images):
    image = images.create(admin, kernel_id=KERNEL)
    resp = images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/name', 'value': 'renamed'},
        {'op': 'replace', 'path': '/kernel_id', 'value': 'bad'}],
        headers=JSON)
    _refused(resp, "'bad' does not match '%s'" % UUID, 'kernel_id')
    resp = images.patch(admin, image['id'], [
        {'op': 'add', 'path': '/os_version', 'value': 12}], headers=JSON)
    _refused(resp, "12 is not of type 'string'", 'os_version')
    # A later bad value wins over an earlier missing property (409).
    resp = images.patch(admin, image['id'], [
        {'op': 'replace', 'path': '/nope', 'value': 'x'},
        {'op': 'add', 'path': '/architecture', 'value': 1}])
    assert resp.status_int == 400
    assert admin.get('%s/%s' % (BASE, image['id'])).json['name'] == 'cirros'
    resp = images.patch(admin, image['id'], [
        {'op': 'remove', 'path': '/kernel_id'}])
    assert resp.status_int == 200 and 'kernel_id' not in resp.json


def test_an_operators_file_overrides_the_definitions(admin, images,
                                                     tmp_path):
    path = tmp_path / 'schema-image.json'
    path.write_text(json.dumps({
        'properties': {'hw_flavour': {'type': 'string',
                                      'enum': ['sweet', 'sour']}},
        'required': ['hw_flavour']}))
    CONF.set_override('custom_properties_file', str(path), 'image')
    custom_properties.reset()
    doc = admin.get(V2 + '/schemas/image').json
    assert doc['required'] == ['hw_flavour']
    assert doc['properties']['hw_flavour'] == {
        'type': 'string', 'enum': ['sweet', 'sour'], 'is_base': False}
    assert 'kernel_id' not in doc['properties']
    resp = admin.post(BASE, {'name': 'x'})
    assert resp.status_int == 400
    assert resp.json['message'].startswith(
        PREFIX + "'hw_flavour' is a required property")
    resp = admin.post(BASE, {'name': 'x', 'hw_flavour': 'bitter'})
    assert resp.json['message'].startswith(
        PREFIX + "'bitter' is not one of ['sweet', 'sour']")
    assert images.create(admin, hw_flavour='sour', kernel_id='free')[
        'kernel_id'] == 'free'


def test_flat_file_format(admin, tmp_path):
    path = tmp_path / 'flat.json'
    path.write_text(json.dumps({'os_distro': {'type': 'string',
                                              'maxLength': 3}}))
    CONF.set_override('custom_properties_file', str(path), 'image')
    custom_properties.reset()
    resp = admin.post(BASE, {'os_distro': 'ubuntu'})
    assert resp.json['message'].startswith(
        PREFIX + "'ubuntu' is too long")
