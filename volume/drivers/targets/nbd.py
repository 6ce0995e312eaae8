"""NBDTarget: volumes exported over NBD by one qemu-storage-daemon per
backend, for guests on other hosts (a libvirt <disk type='network'
protocol='nbd'>). Works on kernels without LIO or device-mapper.

The daemon is started on first use with a QMP socket and a pid file under
the backend's state directory and keeps running when stratus-volume stops
(guests stay connected). Exports live only in the daemon: after it
restarts, initialize_connection adds them again. NBD has no
authentication here, so bind target_ip_address to a storage network.
"""
import hashlib
import os
import signal
import time

from oslo_log import log as logging

from stratus.volume.drivers.targets import base
from stratus.volume.drivers.targets import qmp as qmp_client

LOG = logging.getLogger(__name__)
DAEMON = 'qemu-storage-daemon'


def node_name(export):
    # QEMU block node names are limited to 31 characters; export names are
    # not ('volume-<uuid>' is 43), so the node gets a digest of it.
    return 'nbd' + hashlib.sha1(export.encode()).hexdigest()[:28]


class NBDTarget(base.Target):
    protocol = 'nbd'

    def __init__(self, configuration, execute, state_dir, qmp_factory=None):
        self.ip = configuration.target_ip_address
        self.port = configuration.target_port
        self.execute = execute
        self.state_dir = state_dir
        self.socket_path = os.path.join(state_dir, 'qsd.qmp')
        self.pid_file = os.path.join(state_dir, 'qsd.pid')
        self._qmp = qmp_factory or qmp_client.QMPClient

    # --- the daemon ---------------------------------------------------------
    def daemon_pid(self):
        """The pid of our live qemu-storage-daemon, or None."""
        try:
            with open(self.pid_file) as f:
                pid = int(f.read().strip())
            with open('/proc/%d/cmdline' % pid, 'rb') as f:
                cmdline = f.read()
        except (OSError, ValueError):
            return None
        return pid if DAEMON.encode() in cmdline else None

    def ensure_daemon(self):
        if self.daemon_pid():
            return
        os.makedirs(self.state_dir, exist_ok=True)
        if os.path.exists(self.socket_path):
            os.unlink(self.socket_path)        # left by a dead daemon
        # --daemonize returns once the daemon listens, so the first QMP
        # command cannot race its start.
        self.execute([
            DAEMON,
            '--chardev', 'socket,id=qmp0,path=%s,server=on,wait=off'
            % self.socket_path,
            '--monitor', 'chardev=qmp0',
            '--nbd-server', 'addr.type=inet,addr.host=%s,addr.port=%d'
            % (self.ip, self.port),
            '--pidfile', self.pid_file, '--daemonize'])
        LOG.info('Started %s (pid %s) serving NBD on %s:%s', DAEMON,
                 self.daemon_pid(), self.ip, self.port)

    def stop(self):
        """Stop the daemon (every export ends); for clean-ups and tests."""
        pid = self.daemon_pid()
        if not pid:
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while self.daemon_pid() and time.monotonic() < deadline:
            time.sleep(0.05)

    # --- exports ------------------------------------------------------------
    def _exports(self, qmp):
        return {e['id'] for e in qmp.command('query-block-exports')}

    def _nodes(self, qmp):
        return {n['node-name'] for n in qmp.command('query-named-block-nodes')}

    def create_export(self, volume, device_path):
        export = volume['name']
        self.ensure_daemon()
        with self._qmp(self.socket_path) as qmp:
            if export in self._exports(qmp):
                return None
            node = node_name(export)
            if node not in self._nodes(qmp):
                qmp.command('blockdev-add', driver='host_device',
                            filename=device_path, **{'node-name': node})
            qmp.command('block-export-add', type='nbd', id=export,
                        name=export, writable=True, **{'node-name': node})
        LOG.info('Exported %s (%s) as nbd://%s:%s/%s', export, device_path,
                 self.ip, self.port, export)
        return None

    def ensure_export(self, volume, device_path):
        self.create_export(volume, device_path)

    def remove_export(self, volume):
        export = volume['name']
        if not self.daemon_pid():
            return
        node = node_name(export)
        with self._qmp(self.socket_path) as qmp:
            if export in self._exports(qmp):
                # hard: drop a client still connected instead of waiting.
                qmp.command('block-export-del', id=export, mode='hard')
                deadline = time.monotonic() + 10
                while (export in self._exports(qmp)
                       and time.monotonic() < deadline):
                    time.sleep(0.02)
            if node in self._nodes(qmp):
                qmp.command('blockdev-del', **{'node-name': node})
        LOG.info('Removed NBD export %s', export)

    # --- connections --------------------------------------------------------
    def initialize_connection(self, volume, device_path, connector):
        self.create_export(volume, device_path)
        export = volume['name']
        host = '[%s]' % self.ip if ':' in self.ip else self.ip
        # name/hosts/ports: the shape of a libvirt network disk source.
        return {'driver_volume_type': 'nbd',
                'data': {'name': export, 'export_name': export,
                         'hosts': [self.ip], 'ports': [str(self.port)],
                         'uri': 'nbd://%s:%d/%s' % (host, self.port, export),
                         'volume_id': volume['id']}}

    def terminate_connection(self, volume, connector):
        self.remove_export(volume)
