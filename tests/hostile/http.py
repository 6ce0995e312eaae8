"""The corpus over real HTTP (http.client: the bytes go out as the case
has them), and the memory of the process serving it."""
import http.client
import json
import time
import urllib.parse


def rss_kib(pid):
    """VmRSS of a process and its children (a forking API), in KiB."""
    total = 0
    pids = [pid]
    try:
        with open('/proc/%d/task/%d/children' % (pid, pid)) as handle:
            pids += [int(p) for p in handle.read().split()]
    except OSError:
        pass
    for one in pids:
        try:
            with open('/proc/%d/status' % one) as handle:
                for line in handle:
                    if line.startswith('VmRSS:'):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


class HTTPClient:
    def __init__(self, url, timeout=30):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.conn = None
        self.token = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port,
                                                   timeout=self.timeout)
        return self.conn

    def _exchange(self, method, path, body, headers):
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read() if method != 'HEAD' else b''
                if resp.getheader('Connection', '').lower() == 'close':
                    self.close()
                return resp.status, resp.getheader('Content-Type') or '', \
                    data, resp
            except (http.client.HTTPException, OSError):
                # The server may close a kept-alive connection after a
                # refusal; one retry on a new connection.
                self.close()
                if attempt == 2:
                    raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def raw(self, case):
        """(status, content type, body bytes, seconds) of one case."""
        started = time.monotonic()
        status, content_type, data, _resp = self._exchange(
            case.method, case.path, case.body, dict(case.headers))
        return status, content_type, data, time.monotonic() - started

    def send(self, method, path, body=None, headers=None):
        headers = dict(headers or {'X-Auth-Token': self.token})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers['Content-Type'] = 'application/json'
        status, _ctype, raw, _resp = self._exchange(method, path, data,
                                                    headers)
        try:
            doc = json.loads(raw) if raw else None
        except ValueError:
            doc = None
        return status, doc

    def login(self, user, password, project):
        status, _ctype, _data, resp = self._exchange(
            'POST', '/identity/v3/auth/tokens', json.dumps({'auth': {
                'identity': {'methods': ['password'], 'password': {'user': {
                    'name': user, 'domain': {'name': 'Default'},
                    'password': password}}},
                'scope': {'project': {'name': project, 'domain': {
                    'name': 'Default'}}}}}).encode(),
            {'Content-Type': 'application/json'})
        assert status == 201, status
        self.token = resp.getheader('X-Subject-Token')
        return self.token


def api_pid(cloud):
    return cloud.procs['api'].pid if cloud is not None else None
