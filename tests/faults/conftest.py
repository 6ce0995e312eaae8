"""One real cloud (two fake computes, one fake backend) for the fault
tests; its files in a directory of its own, kept with STRATUS_KEEP_LOGS=1
or when a test fails (the path is printed)."""

import pytest

from support import cloud as cloud_support


@pytest.fixture(scope='session')
def cloud():
    with cloud_support.running(
            'stratus-faults-', 'fault cloud',
            computes=('compute1', 'compute2'), backends=('lvmdriver-1',),
            options={('DEFAULT', 'shelved_offload_time'): '0'}) as c:
        yield c


@pytest.fixture(scope='session')
def rest(cloud):
    return cloud_support.Rest(cloud)


@pytest.fixture(scope='session')
def image_id(cloud, tmp_path_factory):
    path = tmp_path_factory.mktemp('img') / 'disk.raw'
    path.write_bytes(b'\0' * 4096)
    return cloud.cli_json('image', 'create', '--file', str(path),
                          '--disk-format', 'raw', '--container-format',
                          'bare', '--public', 'fault-image')['id']


@pytest.fixture(scope='session')
def project_id(cloud):
    return cloud.cli_json('project', 'show', 'admin')['id']
