"""stratus-volume: one process serving every enabled backend, each on its
own RPC topic server ``host@backend`` with its own service record."""
import sys

from stratus.common import config
from stratus.common import service
from stratus.common.conf import CONF
from stratus.common.conf import volume as volume_opts


def backend_configuration(backend):
    """The section named after the backend, defaulting to
    [backend_defaults]."""
    for opt in volume_opts.backend_opts:
        CONF.register_opt(opt, group=backend)
        default = getattr(CONF.backend_defaults, opt.dest)
        if default is not None:
            CONF.set_default(opt.dest, default, group=backend)
    return getattr(CONF, backend)


def main():
    config.parse_args(sys.argv[1:], 'stratus-volume')
    from stratus.db.api import services as db_services
    from stratus.volume import manager
    from stratus.volume.drivers import loader
    members = []
    for backend in CONF.enabled_backends:
        host = '%s@%s' % (CONF.host, backend)
        driver = loader.load_driver(backend, backend_configuration(backend))
        members.append(service.Member(
            topic='volume', host=host,
            manager=manager.VolumeManager(host, driver),
            availability_zone=CONF.storage_availability_zone))
    service.serve(service.Service('stratus-volume', members,
                                  report=db_services.report))


if __name__ == '__main__':
    main()
