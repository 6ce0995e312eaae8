"""The fake driver implements the whole driver contract in memory, with
capacity from config and failure injection."""
import inspect

import pytest

from stratus.common import exception
from stratus.volume import daemon
from stratus.volume.drivers import driver as driver_base
from stratus.volume.drivers import fake
from stratus.volume.drivers import loader


@pytest.fixture
def make(vcloud):
    def build(backend='fake-x', **options):
        conf = daemon.backend_configuration(backend)
        vcloud.configure(backend, **options)
        drv = loader.load_driver(backend, conf)
        drv.do_setup()
        drv.check_for_setup_error()
        return drv
    return build


def test_implements_every_contract_method():
    contract = {name for name, _ in inspect.getmembers(
        driver_base.VolumeDriver, inspect.isfunction)
        if not name.startswith('_')}
    for name in contract:
        assert getattr(fake.FakeDriver, name) is not getattr(
            driver_base.VolumeDriver, name), name
        assert inspect.signature(getattr(fake.FakeDriver, name)) == \
            inspect.signature(getattr(driver_base.VolumeDriver, name)), name


def test_capacity_and_lifecycle(make, tmp_path):
    drv = make(fake_capacity_gb=10)
    stats = drv.get_volume_stats(refresh=True)
    pool = stats['pools'][0]
    assert (stats['volume_backend_name'], pool['pool_name']) == (
        'fake-x', 'fake-x')
    assert (pool['total_capacity_gb'], pool['free_capacity_gb']) == (10, 10)
    volume = {'id': 'v1', 'size': 4, 'name': 'volume-v1'}
    assert drv.create_volume(volume) == {'provider_location': 'fake:v1'}
    snap = {'id': 's1', 'volume_size': 4}
    drv.create_snapshot(snap, volume)
    assert drv.get_volume_stats()['pools'][0]['free_capacity_gb'] == 2
    drv.create_volume_from_snapshot({'id': 'v2', 'size': 4}, snap)
    drv.create_cloned_volume({'id': 'v3', 'size': 4}, volume)
    drv.extend_volume(volume, 6)
    assert drv.volumes['v1']['size'] == 6
    image = tmp_path / 'img'
    image.write_bytes(b'abc')
    drv.copy_image_to_volume(volume, str(image), 'raw')
    assert drv.volumes['v1']['image_checksum']
    info = drv.initialize_connection(volume, {'host': 'c1'})
    assert info == {'driver_volume_type': 'local',
                    'data': {'device_path': '/dev/fake/v1',
                             'volume_id': 'v1'}}
    drv.terminate_connection(volume, {'host': 'c1'})
    drv.delete_snapshot(snap, volume)
    drv.delete_volume(volume)
    drv.delete_volume(volume)            # gone already: a no-op
    assert set(drv.volumes) == {'v2', 'v3'}


def test_thin_pool(make):
    drv = make(fake_thin_provisioning=True, max_over_subscription_ratio=3.0)
    pool = drv.get_volume_stats()['pools'][0]
    assert pool['thin_provisioning_support'] is True
    assert pool['max_over_subscription_ratio'] == 3.0


def test_failure_injection_from_config(make):
    drv = make(fake_fail_methods=['create_volume', 'initialize_connection'])
    with pytest.raises(exception.VolumeBackendAPIException) as err:
        drv.create_volume({'id': 'v', 'size': 1})
    assert 'injected failure in create_volume' in str(err.value)
    with pytest.raises(exception.VolumeBackendAPIException):
        drv.initialize_connection({'id': 'v'}, {})
