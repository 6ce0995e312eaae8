"""request_spec.build / validate / resources."""
import json

import pytest

from stratus.common import exception
from stratus.scheduler import request_spec

INSTANCE = {'uuid': 'i1', 'project_id': 'p1', 'user_id': 'u1',
            'display_name': 'ignored'}
FLAVOR = {'id': 7, 'flavorid': 42, 'name': 'm1.tiny', 'vcpus': 1,
          'memory_mb': 512, 'root_gb': 1, 'ephemeral_gb': None, 'swap': 0,
          'extra_specs': {'hw:cpu_policy': 'shared'}, 'created_at': object()}


def test_build_keeps_the_documented_keys_only():
    spec = request_spec.build(INSTANCE, FLAVOR, None)
    assert spec == {
        'instance_uuid': 'i1', 'project_id': 'p1', 'user_id': 'u1',
        'num_instances': 1,
        'flavor': {'flavorid': '42', 'name': 'm1.tiny', 'vcpus': 1,
                   'memory_mb': 512, 'root_gb': 1, 'ephemeral_gb': 0,
                   'swap': 0, 'extra_specs': {'hw:cpu_policy': 'shared'}},
        'image': None, 'availability_zone': None, 'scheduler_hints': {},
        'instance_group': None, 'ignore_hosts': [],
        'requested_destination': None}
    json.dumps(spec)                    # it crosses RPC


def test_build_with_everything():
    image = {'id': 'img', 'name': 'cirros', 'min_ram': 64, 'min_disk': 1,
             'hw_architecture': 'x86_64', 'status': 'active'}
    spec = request_spec.build(
        INSTANCE, FLAVOR, image, num_instances=3, availability_zone='az1',
        hints={'different_host': 'i9', 'foo': 'bar'},
        group={'uuid': 'g1', 'policy': 'anti-affinity'},
        ignore_hosts=('compute1',),
        requested_destination={'host': 'compute2', 'node': None})
    assert spec['image'] == {'id': 'img', 'min_ram': 64, 'min_disk': 1,
                             'properties': {'hw_architecture': 'x86_64'}}
    assert spec['scheduler_hints'] == {'different_host': ['i9'],
                                       'foo': 'bar'}
    assert spec['instance_group'] == {'uuid': 'g1', 'policy':
                                      'anti-affinity', 'hosts': []}
    assert spec['ignore_hosts'] == ['compute1']
    assert spec['requested_destination'] == {'host': 'compute2'}
    assert spec['num_instances'] == 3
    assert request_spec.validate(json.loads(json.dumps(spec))) == spec


def test_image_properties_key_is_used_when_present():
    spec = request_spec.build(INSTANCE, FLAVOR, {
        'id': 'img', 'properties': {'img_hv_type': 'kvm'}})
    assert spec['image']['properties'] == {'img_hv_type': 'kvm'}


def test_old_style_group_policies_list():
    spec = request_spec.build(INSTANCE, FLAVOR, None, group={
        'uuid': 'g1', 'policies': ['affinity'], 'hosts': ['c1']})
    assert spec['instance_group']['policy'] == 'affinity'


@pytest.mark.parametrize('change,words', [
    ({'group': {'uuid': 'g', 'policy': 'nope'}}, 'policy'),
    ({'requested_destination': {'node': 'n'}}, 'needs a host'),
    ({'num_instances': 0}, 'num_instances'),
])
def test_invalid_specs_are_refused(change, words):
    with pytest.raises(exception.Invalid, match=words):
        request_spec.build(INSTANCE, FLAVOR, None, **change)


def test_missing_keys_are_refused():
    with pytest.raises(exception.Invalid, match='instance has no user_id'):
        request_spec.build({'uuid': 'i', 'project_id': 'p'}, FLAVOR, None)
    with pytest.raises(exception.Invalid, match='flavor has no swap'):
        request_spec.build(INSTANCE, {'flavorid': 1, 'name': 'x',
                                      'vcpus': 1, 'memory_mb': 1,
                                      'root_gb': 1, 'ephemeral_gb': 0},
                           None)
    with pytest.raises(exception.Invalid, match='vcpus is not a number'):
        request_spec.build(INSTANCE, dict(FLAVOR, vcpus='x'), None)
    with pytest.raises(exception.Invalid, match='instance_uuid'):
        request_spec.validate({'flavor': FLAVOR})


def test_resources_round_swap_up_to_whole_gb():
    spec = request_spec.build(INSTANCE, dict(
        FLAVOR, root_gb=10, ephemeral_gb=2, swap=1), None)
    assert request_spec.resources(spec) == {'vcpus': 1, 'memory_mb': 512,
                                            'disk_gb': 13}
