"""compute_driver name -> driver instance, from an explicit table."""
from stratus.common.conf import CONF


def _fake():
    from stratus.compute.virt import fake
    return fake.FakeDriver()


def _libvirt():
    from stratus.compute.virt.libvirt import driver
    return driver.LibvirtDriver()


DRIVERS = {'fake': _fake, 'libvirt': _libvirt}


def load_driver(name=None):
    name = name or CONF.compute_driver
    try:
        return DRIVERS[name]()
    except KeyError:
        raise ValueError('Unknown compute_driver %r; known: %s'
                         % (name, ', '.join(sorted(DRIVERS))))
