"""Conductor RPC endpoint: dispatches each call to the DB or a flow."""
import oslo_messaging as messaging

from stratus.common import log
from stratus.conductor import rpcapi
from stratus.db.api import services as db_services

LOG = log.getLogger(__name__)


class ConductorManager:
    target = messaging.Target(version=rpcapi.ConductorRPCClient.VERSION)

    def service_report(self, ctxt, values):
        record = db_services.report(ctxt, values)
        if record['report_count'] == 1:
            LOG.info('Registered service %s on host %s', values['binary'],
                     values['host'])
        return {'id': record['id'], 'uuid': record['uuid'],
                'host': record['host'], 'binary': record['binary']}
