"""GET /limits at 2.1: absolute limits and usage of the caller's project."""
import uuid

from stratus.db import models
from stratus.db import session
from stratus.db.api import quotas

URL = '/compute/v2.1/limits'
ABSOLUTE = {'maxTotalInstances', 'maxTotalCores', 'maxTotalRAMSize',
            'maxTotalKeypairs', 'maxServerMeta', 'maxImageMeta',
            'maxPersonality', 'maxPersonalitySize', 'maxServerGroups',
            'maxServerGroupMembers', 'totalInstancesUsed', 'totalCoresUsed',
            'totalRAMUsed', 'totalServerGroupsUsed', 'maxTotalFloatingIps',
            'totalFloatingIpsUsed', 'maxSecurityGroups',
            'maxSecurityGroupRules', 'totalSecurityGroupsUsed'}


def _instance(project_id, vcpus, ram):
    with session.writer() as s:
        s.add(models.Instance(
            uuid=str(uuid.uuid4()), project_id=project_id, user_id='u',
            display_name='vm', flavor='{}', vcpus=vcpus, memory_mb=ram,
            root_gb=1, vm_state='active'))


def test_defaults_and_shape(admin):
    body = admin.get(URL).json
    assert body['limits']['rate'] == []
    absolute = body['limits']['absolute']
    assert set(absolute) == ABSOLUTE
    assert absolute['maxTotalInstances'] == 10
    assert absolute['maxTotalRAMSize'] == 51200
    assert absolute['maxImageMeta'] == 128
    assert absolute['maxPersonalitySize'] == 10240
    assert absolute['maxTotalFloatingIps'] == -1
    assert absolute['totalInstancesUsed'] == 0


def test_usage_and_overrides_of_the_callers_project(admin, demo):
    as_demo = {'X-Auth-Token': demo['token']}
    _instance(demo['project_id'], 2, 1024)
    quotas.update(demo['project_id'], {'cores': 4})
    absolute = admin.get(URL, headers=as_demo).json['limits']['absolute']
    assert absolute['totalInstancesUsed'] == 1
    assert absolute['totalCoresUsed'] == 2
    assert absolute['totalRAMUsed'] == 1024
    assert absolute['maxTotalCores'] == 4
    mine = admin.get(URL).json['limits']['absolute']
    assert mine['totalInstancesUsed'] == 0 and mine['maxTotalCores'] == 20


def test_tenant_id_is_for_admins(admin, demo):
    _instance(demo['project_id'], 1, 1)
    url = URL + '?tenant_id=' + demo['project_id']
    assert admin.get(url).json['limits']['absolute'][
        'totalInstancesUsed'] == 1
    resp = admin.get(URL + '?tenant_id=other',
                     headers={'X-Auth-Token': demo['token']})
    assert resp.status_int == 403
    resp = admin.get(URL + '?tenant_id=' + demo['project_id'],
                     headers={'X-Auth-Token': demo['token']})
    assert resp.status_int == 200


def test_sdk_literal_none_means_own_project(admin, demo):
    # openstacksdk's get_limits() sends ?reserved=False&tenant_id=None.
    resp = admin.get(URL + '?reserved=False&tenant_id=None',
                     headers={'X-Auth-Token': demo['token']})
    assert resp.status_int == 200
