"""Service: one daemon's RPC servers, service records, heartbeat, periodic
tasks and graceful stop.

A daemon serves one or more members; each member is a manager on an RPC
topic with its own service record (stratus-volume has one per backend,
``host@backend``). Records and heartbeats go through a ``report`` callable:
direct DB access where the daemon has it, the conductor for compute.
"""
import dataclasses
import os
import signal
import threading
import time

from stratus.common import context
from stratus.common import exception
from stratus.common import log
from stratus.common import malloc
from stratus.common import periodic
from stratus.common import rpc
from stratus.common.conf import CONF

LOG = log.getLogger(__name__)


@dataclasses.dataclass
class Member:
    topic: str
    host: str            # RPC server name and service record host
    manager: object
    availability_zone: str


class Service:
    def __init__(self, binary, members, report):
        self.binary = binary
        self.members = list(members)
        self._report = report
        self._servers = []
        self._stop = threading.Event()
        self._heartbeat = threading.Thread(target=self._beat,
                                           name='heartbeat', daemon=True)
        tasks = [t for m in self.members for t in periodic.collect(m.manager)]
        self._periodic = periodic.PeriodicRunner(tasks)

    def _values(self, member):
        values = {'binary': self.binary, 'host': member.host,
                  'topic': member.topic,
                  'availability_zone': member.availability_zone}
        # The RPC version this member serves (nova reports its service
        # version): callers check what the oldest one can do.
        target = getattr(member.manager, 'target', None)
        if getattr(target, 'version', None):
            values['version'] = target.version
        return values

    def _report_all(self, ctxt):
        for member in self.members:
            self._report(ctxt, self._values(member))

    def _register(self, ctxt):
        """First report; retried while the recording side is not up yet."""
        LOG.info('Registering %s on %s', self.binary,
                 ', '.join(m.host for m in self.members))
        while not self._stop.is_set():
            try:
                self._report_all(ctxt)
                return
            except rpc.MessagingTimeout:
                # The timeout itself was the wait; try again at once.
                LOG.warning('Service record not written yet (conductor not '
                            'answering); retrying')
                continue
            except exception.BusUnavailable:
                # No conductor queue yet (mandatory routing refused it).
                LOG.warning('Service record not written yet (no conductor '
                            'on the bus yet); retrying')
            except Exception:
                LOG.exception('Service record not written yet; retrying')
            self._stop.wait(CONF.rpc_call_retry_interval)

    def start(self):
        started = time.monotonic()
        ctxt = context.get_admin_context()
        self._register(ctxt)
        if self._stop.is_set():
            return
        for member in self.members:
            init_host = getattr(member.manager, 'init_host', None)
            if init_host:
                init_host(ctxt)
        for member in self.members:
            server = rpc.get_server(member.topic, member.host,
                                    [member.manager])
            server.start()
            self._servers.append(server)
            LOG.info('%s serving RPC topic %s on server %s', self.binary,
                     member.topic, member.host)
        self._heartbeat.start()
        self._periodic.start()
        LOG.info('%s started in %.3fs', self.binary,
                 time.monotonic() - started)

    def _beat(self):
        while not self._stop.wait(CONF.report_interval):
            try:
                self._report_all(context.get_admin_context())
            except rpc.MessagingTimeout:
                # A missed beat only makes the service look down for a while.
                LOG.warning('Heartbeat not acknowledged in time')
            except Exception:
                LOG.exception('Heartbeat failed')

    def stop(self):
        """Stop taking messages, let in-flight ones finish, clean up."""
        LOG.info('%s stopping', self.binary)
        self._stop.set()
        self._periodic.stop()
        # Each server's stop waits for its listener's next poll; do them all
        # at once so the wait is paid once, not per backend.
        stoppers = [threading.Thread(target=server.stop)
                    for server in self._servers]
        for thread in stoppers:
            thread.start()
        for thread in stoppers:
            thread.join()
        for server in self._servers:
            server.wait()
        for member in self.members:
            cleanup = getattr(member.manager, 'cleanup_host', None)
            if cleanup:
                cleanup()
        LOG.info('%s stopped', self.binary)


def serve(service):
    """Start `service` and block until SIGTERM or SIGINT, then stop it."""
    malloc.limit_arenas()   # before the service's threads start
    stop = threading.Event()

    def _on_signal(signum, frame):
        stop.set()
        service._stop.set()   # also ends a registration still retrying

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    service.start()
    malloc.trim()
    while not stop.wait(3600):
        pass
    timer = threading.Timer(CONF.graceful_shutdown_timeout,
                            lambda: _force_exit(service))
    timer.daemon = True
    timer.start()
    service.stop()


def _force_exit(service):
    LOG.warning('%s did not stop within %ss; exiting', service.binary,
                CONF.graceful_shutdown_timeout)
    os._exit(1)
