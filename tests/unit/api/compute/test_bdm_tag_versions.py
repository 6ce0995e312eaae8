"""Device tags in POST /servers as nova's schemas have them: a
block_device_mapping_v2 item takes 'tag' at 2.32 only and again from 2.42;
a network takes it from 2.32 to 2.36 and again from 2.42 (nova lost both
by mistake at 2.33 and 2.37)."""
import pytest

from support import schemas
from support.server_cloud import cloud, create  # noqa: F401

NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6'
UNEXPECTED = "Additional properties are not allowed ('tag' was unexpected)"


def _bdm(cloud):
    return {'source_type': 'image', 'uuid': cloud.image['id'],
            'destination_type': 'local', 'boot_index': 0, 'tag': 'root'}


def _message(resp):
    return (resp.json or {}).get('badRequest', {}).get('message', '')


@pytest.mark.parametrize('version,accepted', [
    ('2.31', False), ('2.32', True), ('2.33', False), ('2.41', False),
    ('2.42', True), ('2.100', True)])
def test_bdm_tag(cloud, version, accepted):
    bdm = _bdm(cloud)
    resp = create(cloud, version, block_device_mapping_v2=[bdm])
    if accepted:
        assert 'tag' not in _message(resp), resp.text
        return
    schemas.check_fault(resp, 400, 'badRequest')
    assert _message(resp) == (
        'Invalid input for field/attribute 0. Value: %s. %s' % (
            bdm, UNEXPECTED))


@pytest.mark.parametrize('version,accepted', [
    ('2.31', False), ('2.32', True), ('2.36', True)])
def test_network_tag_before_237(cloud, version, accepted):
    network = {'uuid': NET, 'tag': 'nic1'}
    resp = create(cloud, version, networks=[network])
    if accepted:
        assert 'tag' not in _message(resp), resp.text
        return
    schemas.check_fault(resp, 400, 'badRequest')
    assert _message(resp) == (
        'Invalid input for field/attribute 0. Value: %s. %s' % (
            network, UNEXPECTED))


@pytest.mark.parametrize('version,accepted', [
    ('2.37', False), ('2.41', False), ('2.42', True), ('2.100', True)])
def test_network_tag_from_237(cloud, version, accepted):
    # From 2.37 networks is one of a list or 'auto'/'none': nova names
    # the whole list.
    networks = [{'uuid': NET, 'tag': 'nic1'}]
    resp = create(cloud, version, networks=networks)
    if accepted:
        assert 'tag' not in _message(resp), resp.text
        assert 'networks' not in _message(resp), resp.text
        return
    schemas.check_fault(resp, 400, 'badRequest')
    assert _message(resp) == (
        'Invalid input for field/attribute networks. Value: %s. %s is not '
        'valid under any of the given schemas' % (networks, networks))
