"""stratus-api: serve the WSGI app with cheroot, optionally in several
worker processes sharing the port through SO_REUSEPORT."""
import os
import select
import signal
import sys
import threading
import time

from cheroot import wsgi as cheroot_wsgi

from stratus.common import config
from stratus.common import log
from stratus.common import malloc
from stratus.common.conf import CONF

LOG = log.getLogger(__name__)


class Gateway(cheroot_wsgi.Gateway_10):
    """cheroot's WSGI gateway, but an answer saying 'Connection: close'
    closes the connection: the API says it after a body it could not read
    (a bad chunk, a short body), whose rest is not a next request."""

    def start_response(self, status, headers, exc_info=None):
        write = super().start_response(status, headers, exc_info)
        if any(k.lower() == 'connection' and v.lower() == 'close'
               for k, v in headers):
            self.req.close_connection = True
        return write


class LingeringServer(cheroot_wsgi.Server):
    """cheroot, but a request thread that has answered on a keep-alive
    connection waits a moment for that client's next request itself.

    cheroot hands every request from its selector thread to a request
    thread (two thread wake-ups, an epoll registration each way): about
    0.6 ms of CPU per request for clients that pause between requests (a
    client polling a server's status, the CLI), against 0.4 ms when the
    thread that just answered reads the next request. Only while other
    request threads are free, so lingering never delays a new client."""

    linger = 0.05           # seconds; clients polling every 20 ms stay
    min_idle_threads = 2

    def put_conn(self, conn):
        while self.ready and self.requests.idle >= self.min_idle_threads:
            try:
                ready = conn.rfile.has_data() or select.select(
                    [conn.socket], [], [], self.linger)[0]
                if not ready:
                    break
                if not conn.communicate():
                    conn.close()
                    return
            except Exception:
                # What the request threads do with a broken connection.
                conn.close()
                return
        super().put_conn(conn)


def _serve_one(app, reuse_port):
    server = LingeringServer(
        (CONF.api.bind_host, CONF.api.bind_port), app,
        numthreads=CONF.api.threads, server_name='stratus-api',
        reuse_port=reuse_port)
    server.gateway = Gateway
    # Keep-alive connections of idle clients must not pin request threads.
    server.timeout = 30

    def _stop(signum, frame):
        threading.Thread(target=server.stop, daemon=True).start()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    server.prepare()
    malloc.trim()
    LOG.info('stratus-api (pid %d) listening on http://%s:%s/',
             os.getpid(), CONF.api.bind_host, CONF.api.bind_port)
    server.serve()


def _supervise(app, workers):
    children = {}

    def spawn():
        pid = os.fork()
        if pid == 0:
            try:
                _serve_one(app, reuse_port=True)
            finally:
                os._exit(0)
        children[pid] = time.monotonic()

    for _ in range(workers):
        spawn()
    stopping = []

    def _stop(signum, frame):
        stopping.append(signum)
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        children.pop(pid, None)
        _recover_image_imports(pid)
        if not stopping:
            LOG.error('API worker %d exited (status %s); starting another',
                      pid, status)
            time.sleep(1)
            spawn()


def _recover_image_imports(dead_pid=None):
    """Image imports run on API threads: fail those a stopped API process
    left running, as glance fails an import (nothing stays importing)."""
    try:
        from stratus.api.image import import_recovery
        import_recovery.recover(dead_pid)
    except Exception:
        LOG.exception('Could not recover interrupted image imports')


def main():
    config.parse_args(sys.argv[1:], 'stratus-api')
    from stratus.common import rpc
    rpc.fail_fast(CONF.api.rpc_send_retries)
    malloc.limit_arenas()   # before the request threads start
    from stratus.api import app as app_module
    app = app_module.build_app()
    _recover_image_imports()
    if CONF.api.workers == 1:
        _serve_one(app, reuse_port=False)
    else:
        _supervise(app, CONF.api.workers)


if __name__ == '__main__':
    main()
