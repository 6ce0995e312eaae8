"""The lvm driver implements the whole VolumeDriver contract and is
loadable by name."""
import inspect

from stratus.volume.drivers import driver as base
from stratus.volume.drivers import loader
from stratus.volume.drivers.lvm import driver as lvm_driver


def test_every_contract_method_is_implemented_with_its_signature():
    for name, method in inspect.getmembers(base.VolumeDriver,
                                           inspect.isfunction):
        mine = getattr(lvm_driver.LVMVolumeDriver, name)
        assert mine is not method or name == '__init__', name
        assert list(inspect.signature(mine).parameters) == \
            list(inspect.signature(method).parameters), name


def test_loader_knows_lvm():
    assert loader.DRIVERS['lvm']() is lvm_driver.LVMVolumeDriver
