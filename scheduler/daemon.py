"""stratus-scheduler: picks compute hosts and volume backends."""
import sys

from stratus.common import config
from stratus.common import service
from stratus.common.conf import CONF


def main():
    config.parse_args(sys.argv[1:], 'stratus-scheduler')
    from stratus.db.api import services as db_services
    from stratus.scheduler import manager
    member = service.Member(
        topic='scheduler', host=CONF.host,
        manager=manager.SchedulerManager(),
        availability_zone=CONF.internal_service_availability_zone)
    service.serve(service.Service('stratus-scheduler', [member],
                                  report=db_services.report))


if __name__ == '__main__':
    main()
