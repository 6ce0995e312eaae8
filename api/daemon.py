"""stratus-api: serve the WSGI app with cheroot, optionally in several
worker processes sharing the port through SO_REUSEPORT."""
import os
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


def _serve_one(app, reuse_port):
    server = cheroot_wsgi.Server(
        (CONF.api.bind_host, CONF.api.bind_port), app,
        numthreads=CONF.api.threads, server_name='stratus-api',
        reuse_port=reuse_port)
    # Keep-alive connections of idle clients must not pin request threads.
    server.timeout = 30

    def _stop(signum, frame):
        threading.Thread(target=server.stop, daemon=True).start()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    server.prepare()
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
        if not stopping:
            LOG.error('API worker %d exited (status %s); starting another',
                      pid, status)
            time.sleep(1)
            spawn()


def main():
    config.parse_args(sys.argv[1:], 'stratus-api')
    malloc.limit_arenas()   # before the request threads start
    from stratus.api import app as app_module
    app = app_module.build_app()
    if CONF.api.workers == 1:
        _serve_one(app, reuse_port=False)
    else:
        _supervise(app, CONF.api.workers)


if __name__ == '__main__':
    main()
