"""Fixtures for driver tests: an LVM driver on a FakeHost executor."""
import pytest
from oslo_config import cfg

from support.fake_lvm_host import FakeHost

from stratus.common.conf import CONF
from stratus.common.conf import volume as volume_opts
from stratus.volume.drivers.lvm import driver as lvm_driver


def backend_conf(**overrides):
    conf = cfg.ConfigOpts()
    conf.register_opts(volume_opts.backend_opts, group='lvmdriver-1')
    conf([], default_config_files=[])
    conf.set_override('volume_driver', 'lvm', 'lvmdriver-1')
    conf.set_override('volume_group', 'vg1', 'lvmdriver-1')
    for key, value in overrides.items():
        conf.set_override(key, value, 'lvmdriver-1')
    return conf['lvmdriver-1']


@pytest.fixture
def make_driver(monkeypatch, tmp_path):
    """make_driver(activation, **options) -> (driver, host), set up."""
    CONF.set_override('state_path', str(tmp_path))

    def make(activation, **overrides):
        monkeypatch.setattr(lvm_driver, 'device_mapper_present',
                            lambda: activation)
        host = FakeHost(pool='vg1-pool'
                        if overrides.get('lvm_type') == 'thin' else None)
        drv = lvm_driver.LVMVolumeDriver('lvmdriver-1',
                                         backend_conf(**overrides), host)
        drv.do_setup()
        return drv, host
    yield make
    CONF.clear_override('state_path')
