"""/volume/v3/scheduler-stats/get_pools (admin): the pools the backends
report, with their capabilities when detail=True (`openstack volume
backend pool list [--long]`); stratus-scheduler answers (RPC get_pools),
as cinder's scheduler does."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import wsgi
from stratus.api.volume import filters as filters_mod
from stratus.scheduler import rpcapi as scheduler_rpcapi


def _detail(kwargs):
    value = wsgi.query_value(kwargs, 'detail')
    # The SDK appends its own query to '?detail=True', which arrives as
    # 'True?...'.
    return bool(value) and value.split('?', 1)[0].lower() in (
        'true', '1', 'yes', 'on', 'y', 't')


def _filters(ctxt, kwargs, version):
    """cinder's pool filters: none before 3.28; from 3.31 only name and
    volume_type, for admins too; volume_type from 3.35."""
    filters = filters_mod.query(kwargs, version, count=False)
    filters.pop('detail', None)
    if version >= filters_mod.RESOURCE_FILTER:
        filters_mod.reject_invalid(ctxt, filters, 'pool', version)
    elif version < (3, 28):
        filters.clear()
    if version < (3, 35):
        filters.pop('volume_type', None)
    return filters


class GetPoolsController(rest.RestController):
    # The scheduler answers, as cinder's API asks its scheduler.
    scheduler_rpc = scheduler_rpcapi.SchedulerRPCClient()

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'scheduler_extension:scheduler_stats:'
                                   'get_pools')
        filters = _filters(ctxt, kwargs, wsgi.version())
        pools = self.scheduler_rpc.get_pools(ctxt, filters)
        if _detail(kwargs):
            body = [{'name': p['name'], 'capabilities': p['capabilities']}
                    for p in pools]
        else:
            body = [{'name': p['name']} for p in pools]
        return wsgi.response({'pools': body})


class SchedulerStatsController:
    get_pools = GetPoolsController()
