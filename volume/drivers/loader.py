"""volume_driver name -> driver class, from an explicit table."""


def _fake():
    from stratus.volume.drivers import fake
    return fake.FakeDriver


def _lvm():
    from stratus.volume.drivers.lvm import driver
    return driver.LVMVolumeDriver


DRIVERS = {'fake': _fake, 'lvm': _lvm}


def load_driver(backend_name, configuration):
    name = configuration.volume_driver
    try:
        cls = DRIVERS[name]()
    except KeyError:
        raise ValueError('Unknown volume_driver %r for backend %s; known: %s'
                         % (name, backend_name, ', '.join(sorted(DRIVERS))))
    return cls(backend_name, configuration)
