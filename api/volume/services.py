"""/volume/v3/os-services: the block-storage daemons and their state, and
the actions on them: enable, disable, disable-log-reason, freeze, thaw,
failover_host (failover from 3.26), set-log and get-log (from 3.32).

cinder answers a host it cannot find 404 on enable/disable and 400 on the
replication actions (freeze, thaw, failover), where ServiceNotFound
becomes InvalidInput."""
import pecan
from pecan import rest

from stratus.api import policy
from stratus.api import service_binaries
from stratus.api import validation
from stratus.api import wsgi
from stratus.api.volume import common
from stratus.api.volume import request_validation
from stratus.api.volume.schemas import services as schemas
from stratus.api.volume.views import services as views
from stratus.common import exception
from stratus.common import log_levels
from stratus.common.conf import CONF
from stratus.db.api import backend_pools
from stratus.db.api import volume_services
from stratus.volume import host_names

BINARIES = ('stratus-scheduler', 'stratus-volume')
API_BINARY = 'stratus-api'
NAMES = service_binaries.VOLUME
UPDATE_POLICY = 'volume_extension:services:update'
REPLICATION_CLUSTER = (3, 26)
LOG_LEVEL = (3, 32)


def _rpc():
    # The API's own clients (tests swap them for loopback ones).
    from stratus.api.volume import volumes
    return volumes.VOLUMES.volume_rpc, volumes.VOLUMES.scheduler_rpc


def _backend_states():
    states = {}
    for pool in backend_pools.list_pools():
        backend = host_names.extract(pool['name'], 'backend')
        states[backend] = pool['capabilities'].get('backend_state', 'up')
    return states


def _cluster_host(body, cluster_version):
    """cinder's get_cluster_host: (cluster, host), exactly one of them
    from `cluster_version` on, else the host alone."""
    if cluster_version and wsgi.version() >= cluster_version:
        cluster = body.get('cluster')
        message = 'One and only one of cluster and host must be set.'
    else:
        cluster = None
        message = 'Host field is missing.'
    host = body.get('host')
    if bool(cluster) == bool(host):
        raise exception.InvalidInput(reason=message)
    return cluster, host


def _replication_services(host, cluster):
    """The volume services a replication action changes; cinder's 400s
    when none or several different ones match."""
    if cluster:
        # No clustered services here: cinder's answer for an unknown one.
        raise exception.InvalidInput(
            message='No service found with cluster=%s' % cluster)
    services = volume_services.service_list(
        host=host, binary=volume_services.VOLUME_BINARY)
    if not services:
        raise exception.InvalidInput(
            message='No service found with host=%s' % host)
    if any(s['host'] != services[0]['host'] for s in services):
        raise exception.Invalid(
            message='Services from different clusters found.')
    return services


def _not_changed(field, expected, hosts, check_up=False):
    up = 'and must be up ' if check_up else ''
    return exception.InvalidInput(
        reason='No service could be changed: %s in %s must be %s %sto '
               'failover.' % (field, hosts, expected, up))


class ServicesController(rest.RestController):

    @pecan.expose()
    def get_all(self, **kwargs):
        ctxt = wsgi.context()
        policy.require_admin(ctxt, 'volume_extension:services:index')
        rows = volume_services.service_list(
            binary=service_binaries.from_api(
                NAMES, wsgi.query_value(kwargs, 'binary')),
            host=wsgi.query_value(kwargs, 'host'), binaries=BINARIES)
        version = wsgi.version()
        states = _backend_states() if version >= (3, 49) else None
        return wsgi.response({'services': [
            views.service(r, version, states) for r in rows]})

    @pecan.expose()
    def put(self, action, **kwargs):
        handler = _ACTIONS.get(action)
        if handler is None or (action in ('set-log', 'get-log') and
                               wsgi.version() < LOG_LEVEL) or (
                action == 'failover' and
                wsgi.version() < REPLICATION_CLUSTER):
            raise exception.NotFound('The resource could not be found.')
        body = validation.load_json(pecan.request)
        return handler(self, body)

    # --- enable / disable ----------------------------------------------------
    def _service(self, body, schema):
        request_validation.check(schema, body)
        policy.require_admin(wsgi.context(), UPDATE_POLICY)
        host = _cluster_host(body, False)[1]
        service_key, binary = body.get('service', ''), body.get('binary', '')
        # The services table holds compute's daemons too: not cinder's.
        try:
            row = volume_services.service_get_by_args(
                host, service_binaries.from_api(NAMES, binary or service_key),
                binaries=BINARIES)
        except exception.VolumeServiceNotFound:
            raise exception.VolumeServiceNotFound(
                service_id=binary or service_key, host=host)
        return host, binary, service_key, row

    def enable(self, body):
        host, binary, key, row = self._service(
            body, schemas.enable_and_disable)
        volume_services.service_update(row['id'], {
            'disabled': False, 'disabled_reason': None})
        return wsgi.response(views.action(host, binary, key, False, None))

    def disable(self, body):
        host, binary, key, row = self._service(
            body, schemas.enable_and_disable)
        volume_services.service_update(row['id'], {'disabled': True})
        return wsgi.response(views.action(host, binary, key, True))

    def disable_log_reason(self, body):
        request_validation.check(schemas.disable_log_reason, body)
        reason = body.get('disabled_reason')
        if reason is not None and not reason.strip():
            # cinder's format check: blank once stripped.
            raise exception.ValidationError(
                field='disabled_reason',
                reason="Value: %s. %r is not a 'disabled_reason'" % (
                    reason, reason))
        host, binary, key, row = self._service(
            body, schemas.disable_log_reason)
        values = {'disabled': True}
        if reason:
            values['disabled_reason'] = reason
        volume_services.service_update(row['id'], values)
        return wsgi.response(views.action(host, binary, key, True, reason))

    # --- replication: freeze, thaw, failover ---------------------------------
    def _replication(self, body, schema, cluster_version):
        request_validation.check(schema, body)
        policy.require_admin(wsgi.context(), UPDATE_POLICY)
        cluster, host = _cluster_host(body, cluster_version)
        return _replication_services(host, cluster)

    def freeze(self, body):
        services = self._replication(body, schemas.freeze_and_thaw,
                                     REPLICATION_CLUSTER)
        changed, unchanged = volume_services.change_frozen(
            services[0]['host'], False, True)
        if not changed:
            raise _not_changed('frozen', 'False', unchanged)
        _rpc()[0].freeze_host(wsgi.context(), services[0]['host'])
        return common.empty_200()

    def thaw(self, body):
        services = self._replication(body, schemas.freeze_and_thaw,
                                     REPLICATION_CLUSTER)
        changed, unchanged = volume_services.change_frozen(
            services[0]['host'], True, False)
        if not changed:
            raise _not_changed('frozen', 'True', unchanged)
        _rpc()[0].thaw_host(wsgi.context(), services[0]['host'])
        return common.empty_200()

    def failover_host(self, body):
        services = self._replication(body, schemas.failover_host,
                                     REPLICATION_CLUSTER)
        # No backend replicates here: none is 'enabled' or 'failed-over'.
        raise _not_changed('replication_status',
                           "['enabled', 'failed-over']",
                           [s['host'] for s in services], check_up=True)

    def failover(self, body):
        return self.failover_host(body)

    # --- log levels (3.32) ---------------------------------------------------
    def _log_targets(self, body):
        binary = body.get('binary')
        if binary in ('*', None, ''):
            binaries = [NAMES[name] for name in schemas.LOG_BINARIES]
        elif NAMES[binary] == API_BINARY:
            return [API_BINARY], []
        else:
            binaries = [NAMES[binary]]
        served = [b for b in binaries if b in BINARIES]
        if not served:
            # cinder-backup: a known name no daemon here runs.
            return binaries, []
        services = volume_services.service_list(
            host=body.get('server'), is_up=True, binaries=served)
        return binaries, services

    def set_log(self, body):
        request_validation.check(schemas.set_log, body)
        ctxt = wsgi.context()
        policy.require_admin(ctxt, UPDATE_POLICY)
        prefix, level = body.get('prefix'), body.get('level')
        if 'level' in body:
            log_levels.level_of(level)       # cinder's schema format check
        binaries, services = self._log_targets(body)
        if API_BINARY in binaries:
            log_levels.set_levels(prefix, level)
        volume_rpc, scheduler_rpc = _rpc()
        for service in services:
            client = volume_rpc if service['binary'] == \
                volume_services.VOLUME_BINARY else scheduler_rpc
            client.set_log_levels(ctxt, service['host'], prefix, level)
        return wsgi.response(status=202)

    def get_log(self, body):
        request_validation.check(schemas.get_log, body)
        ctxt = wsgi.context()
        policy.require_admin(ctxt, UPDATE_POLICY)
        prefix = body.get('prefix')
        binaries, services = self._log_targets(body)
        result = []
        server = body.get('server')
        if (not server or server == CONF.host) and API_BINARY in binaries:
            result.append({'host': CONF.host, 'binary': 'cinder-api',
                           'levels': log_levels.get_levels(prefix)})
        volume_rpc, scheduler_rpc = _rpc()
        for service in services:
            client = volume_rpc if service['binary'] == \
                volume_services.VOLUME_BINARY else scheduler_rpc
            result.append({'host': service['host'],
                           'binary': service_binaries.to_api(
                               NAMES, service['binary']),
                           'levels': client.get_log_levels(
                               ctxt, service['host'], prefix)})
        return wsgi.response({'log_levels': result})


_ACTIONS = {
    'enable': ServicesController.enable,
    'disable': ServicesController.disable,
    'disable-log-reason': ServicesController.disable_log_reason,
    'freeze': ServicesController.freeze,
    'thaw': ServicesController.thaw,
    'failover_host': ServicesController.failover_host,
    'failover': ServicesController.failover,
    'set-log': ServicesController.set_log,
    'get-log': ServicesController.get_log,
}
