"""/compute/v2.1/os-instance_usage_audit_log: nova's report of the
computes' instance usage audits for the last completed period (nova's
default audit period, a month). stratus computes run no usage audit, so
every compute host is one that has not run it."""
import datetime

import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.compute import query
from stratus.common import exception
from stratus.db.api import services as db_services

_RULE = 'os_compute_api:os-instance-usage-audit-log:%s'


def _last_month(before):
    end = before.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    begin = (end - datetime.timedelta(days=1)).replace(day=1)
    return begin, end


def _report(before=None):
    begin, end = _last_month(before or datetime.datetime.utcnow())
    hosts = sorted({row['host'] for row in
                    db_services.service_list(binary='stratus-compute')})
    return {'period_beginning': str(begin), 'period_ending': str(end),
            'num_hosts': len(hosts), 'num_hosts_done': 0,
            'num_hosts_running': 0, 'num_hosts_not_run': len(hosts),
            'hosts_not_run': hosts, 'total_instances': 0, 'total_errors': 0,
            'overall_status': '%s hosts done. 0 errors.' % (
                'ALL' if not hosts else '0 of %d' % len(hosts)),
            'log': {}}


class UsageAuditLogController(rest.RestController):
    @pecan.expose()
    def get_all(self, **kwargs):
        policy.require_admin(wsgi.context(), _RULE % 'list')
        query.strict_from_2102()
        return wsgi.response({'instance_usage_audit_logs': _report()})

    @pecan.expose()
    def get_one(self, before, **kwargs):
        policy.require_admin(wsgi.context(), _RULE % 'show')
        query.strict_from_2102()
        fmt = '%Y-%m-%d %H:%M:%S.%f' if '.' in before else '%Y-%m-%d %H:%M:%S'
        try:
            when = datetime.datetime.strptime(before, fmt)
        except ValueError:
            raise exception.Invalid('Invalid timestamp for date %s' % before)
        return wsgi.response({'instance_usage_audit_log': _report(when)})
