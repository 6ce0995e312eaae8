"""The RPC servers' worker pool: bounded like oslo.messaging's threading
executor, a thread started only when none is idle, the most recently idle
thread reused first, queued work run, and a shutdown that lets running and
queued work finish."""
import threading
import time

from stratus.common import context
from stratus.common import executor
from stratus.common import rpc


def _wait_until(predicate, timeout=5):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, 'timed out'
        time.sleep(0.001)


def test_sequential_work_reuses_one_thread():
    pool = executor.LifoThreadPool(max_workers=8)
    names = []
    for _ in range(20):
        done = threading.Event()
        pool.submit(lambda: (names.append(threading.current_thread().name),
                             done.set()))
        assert done.wait(5)
        _wait_until(lambda: pool._idle)     # back to idle
    assert len(set(names)) == 1
    pool.shutdown()


def test_the_most_recently_idle_thread_goes_first():
    pool = executor.LifoThreadPool(max_workers=8)
    gates = [threading.Event() for _ in range(3)]
    names = {}
    for k, gate in enumerate(gates):
        pool.submit(lambda k=k, gate=gate: (
            names.__setitem__(k, threading.current_thread().name),
            gate.wait(5)))
    _wait_until(lambda: len(names) == 3)
    for k, gate in enumerate(gates):        # they finish 0, 1, then 2
        gate.set()
        _wait_until(lambda k=k: len(pool._idle) == k + 1)
    seen = []
    done = threading.Event()
    pool.submit(lambda: (seen.append(threading.current_thread().name),
                         done.set()))
    assert done.wait(5)
    assert seen == [names[2]] and len(pool._threads) == 3
    pool.shutdown()


def test_the_bound_holds_and_queued_work_runs():
    pool = executor.LifoThreadPool(max_workers=2)
    release = threading.Event()
    ran = []
    for i in range(5):
        pool.submit(lambda i=i: (release.wait(5), ran.append(i)))
    assert len(pool._threads) == 2 and len(pool._pending) == 3
    release.set()
    _wait_until(lambda: len(ran) == 5)
    assert sorted(ran) == list(range(5))
    pool.shutdown()


def test_shutdown_finishes_running_and_queued_work_then_refuses():
    pool = executor.LifoThreadPool(max_workers=1)
    release = threading.Event()
    ran = []
    pool.submit(lambda: (release.wait(5), ran.append('running')))
    pool.submit(lambda: ran.append('queued'))
    threading.Timer(0.05, release.set).start()
    pool.shutdown(wait=True)
    assert ran == ['running', 'queued']
    assert not any(t.is_alive() for t in pool._threads)
    try:
        pool.submit(lambda: None)
    except RuntimeError:
        pass
    else:
        raise AssertionError('submit after shutdown was accepted')


def test_a_failing_item_does_not_end_its_thread():
    pool = executor.LifoThreadPool(max_workers=1)

    def boom():
        raise ValueError('bad message')
    pool.submit(boom)
    done = threading.Event()
    pool.submit(done.set)
    assert done.wait(5)
    pool.shutdown()


def test_rpc_servers_run_messages_on_this_pool():
    rpc.init(url='fake:/')
    try:
        class Endpoint:
            def ping(self, ctxt):
                return threading.current_thread().name
        server = rpc.get_server('executor-test', 'h1', [Endpoint()])
        server.start()
        try:
            assert isinstance(server._work_executor,
                              executor.LifoThreadPool)

            class Client(rpc.RPCClientBase):
                TOPIC = 'executor-test'
                VERSION = '1.0'
            call = Client()._prepare('1.0', server='h1')
            ctxt = context.RequestContext(user_id='u', project_id='p')
            pool = server._work_executor
            names = set()
            for _ in range(5):
                names.add(call.call(ctxt, 'ping'))
                # The reply leaves before its worker is idle again: wait,
                # or the next message may rightly start a second thread.
                _wait_until(lambda: len(pool._idle) == len(pool._threads))
            assert names == {'rpc-worker-1'}
        finally:
            server.stop()
            server.wait()
    finally:
        rpc.init()
