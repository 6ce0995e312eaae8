"""stratus-conductor: database proxy for computes, runner of the flows that
need a placement decision."""
import sys

from stratus.common import config
from stratus.common import service
from stratus.common.conf import CONF


def main():
    config.parse_args(sys.argv[1:], 'stratus-conductor')
    from stratus.conductor import manager
    from stratus.db.api import services as db_services
    member = service.Member(
        topic='conductor', host=CONF.host,
        manager=manager.ConductorManager(CONF.host),
        availability_zone=CONF.internal_service_availability_zone)
    service.serve(service.Service('stratus-conductor', [member],
                                  report=db_services.report))


if __name__ == '__main__':
    main()
