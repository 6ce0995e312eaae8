"""The API's HTTP server: keep-alive clients that pause between requests
are answered by the thread that served them (it waits a moment for their
next request), and a lingering thread never keeps a new client waiting."""
import http.client
import socket
import threading
import time

from stratus.api import daemon


def _app(environ, start_response):
    body = ('%s %s' % (environ['PATH_INFO'],
                       threading.current_thread().name)).encode()
    start_response('200 OK', [('Content-Type', 'text/plain'),
                              ('Content-Length', str(len(body)))])
    return [body]


def _serve(numthreads):
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    server = daemon.LingeringServer(('127.0.0.1', port), _app,
                                    numthreads=numthreads)
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    return server, port


def _get(conn, path):
    conn.request('GET', path)
    resp = conn.getresponse()
    assert resp.status == 200
    return resp.read().decode().split(' ', 1)


def test_a_pausing_keep_alive_client_is_served_by_the_same_thread():
    server, port = _serve(numthreads=4)
    try:
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
        threads = set()
        for i in range(5):
            path, thread = _get(conn, '/poll/%d' % i)
            assert path == '/poll/%d' % i
            threads.add(thread)
            time.sleep(server.linger / 5)
        assert len(threads) == 1
        # After a longer pause the connection is the selector's again,
        # and still works.
        time.sleep(server.linger * 3)
        assert _get(conn, '/later')[0] == '/later'
        conn.close()
    finally:
        server.stop()


def test_lingering_threads_leave_room_for_new_clients():
    server, port = _serve(numthreads=2)
    try:
        # Each of these clients leaves its connection open and idle.
        idle = []
        for i in range(4):
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
            _get(conn, '/idle/%d' % i)
            idle.append(conn)
        # Two request threads, four idle connections: a thread lingers only
        # while another is free, so the new client is answered (not left
        # waiting until a linger ends, nor refused).
        fresh = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
        assert _get(fresh, '/new')[0] == '/new'
        for conn in idle + [fresh]:
            conn.close()
    finally:
        server.stop()
