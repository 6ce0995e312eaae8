"""Two compute managers (fake drivers) on hosts node1 and node2 with one
fake conductor, their casts to each other delivered in-process: what the
unit tests of moves between hosts share."""
from stratus.compute import manager
from stratus.compute.virt import fake
from support.fake_conductor import FakeConductor

OLD = {'flavorid': '1', 'vcpus': 1, 'memory_mb': 512, 'root_gb': 1,
       'ephemeral_gb': 0}
NEW = {'flavorid': '2', 'vcpus': 2, 'memory_mb': 1024, 'root_gb': 2,
       'ephemeral_gb': 0}


class LocalRPC:
    """Casts go straight to the manager of the named host."""

    def __init__(self, managers):
        self.managers = managers

    def __getattr__(self, method):
        def cast(ctxt, host, instance, *args, **kwargs):
            getattr(self.managers[host], method)(ctxt, instance, *args,
                                                 **kwargs)
        return cast


def build(hosts=('node1', 'node2')):
    """(conductor, {host: manager}); the conductor records migration
    updates in `migrations` and claim moves in `moves`."""
    conductor = FakeConductor()
    conductor.migrations = {}
    conductor.migration_update = lambda ctxt, m, values: \
        conductor.migrations.setdefault(m, {}).update(values)
    conductor.moves = []
    conductor.claims_move = lambda ctxt, a, b: conductor.moves.append((a, b))
    managers = {}
    for host in hosts:
        driver = fake.FakeDriver()
        driver.init_host(host)
        managers[host] = manager.ComputeManager(host, driver, conductor)
    rpc = LocalRPC(managers)
    for mgr in managers.values():
        mgr.compute_rpc = rpc
    return conductor, managers
