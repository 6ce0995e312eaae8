"""A real stratus cloud for functional tests: every daemon a subprocess,
a RabbitMQ vhost of its own, a temporary SQLite database, a free port."""
import atexit
import contextlib
import datetime
import hashlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import requests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
ADMIN_PASSWORD = 'admin-secret'
DEMO_PASSWORD = 'demo-secret'
OPENSTACK = os.path.join(BIN, 'openstack')


@contextlib.contextmanager
def running(prefix, label=None, **kwargs):
    """A started Cloud in a new directory, stopped afterwards (also when
    its start failed) and removed unless STRATUS_KEEP_LOGS is set."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    c = Cloud(workdir, **kwargs)
    if label:
        print(label, 'in', workdir)
    try:
        c.start()
    except Exception:
        c.stop()
        raise
    try:
        yield c
    finally:
        c.stop()
        if not os.environ.get('STRATUS_KEEP_LOGS'):
            shutil.rmtree(workdir, ignore_errors=True)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class _WarmCli:
    """The client of support/cli_server.py: one warm `openstack` per test
    process (set STRATUS_TEST_CLI_FORK=0 to spawn the script every time)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.proc = None
        self.sock = None
        self.reader = None

    def _start(self):
        ours, theirs = socket.socketpair()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(os.path.dirname(
                os.path.abspath(__file__)), 'cli_server.py'),
             str(theirs.fileno()), OPENSTACK], pass_fds=[theirs.fileno()],
            stdout=subprocess.DEVNULL,
            env={k: v for k, v in os.environ.items()
                 if not k.startswith('OS_')})
        theirs.close()
        self.sock = ours
        self.reader = ours.makefile('r', encoding='utf-8')
        if self.reader.readline() != 'ready\n':
            raise RuntimeError('the warm openstack CLI did not start')
        atexit.register(self.stop)

    def stop(self):
        if self.proc is not None:
            self.reader.close()
            self.sock.close()
            self.proc.wait(30)
            self.proc = None

    def run(self, args, env, timeout):
        """The command's CompletedProcess, or None when another thread's
        command holds the server (the caller spawns the script: concurrent
        commands stay concurrent)."""
        if not self.lock.acquire(blocking=False):
            return None
        try:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            request = {'argv': list(args), 'env': env, 'cwd': os.getcwd(),
                       'timeout': timeout, 'executable': OPENSTACK}
            self.sock.sendall((json.dumps(request) + '\n').encode('utf-8'))
            line = self.reader.readline()
            if not line:
                self.proc = None
                raise RuntimeError('the warm openstack CLI died')
        finally:
            self.lock.release()
        reply = json.loads(line)
        if reply.get('timeout'):
            raise subprocess.TimeoutExpired([OPENSTACK] + list(args),
                                            timeout)
        return subprocess.CompletedProcess(
            [OPENSTACK] + list(args), reply['returncode'], reply['stdout'],
            reply['stderr'])


_warm_cli = _WarmCli()


def run_openstack(args, env, timeout=120):
    """The `openstack` CLI with `args` under `env`: a CompletedProcess with
    text stdout and stderr, as subprocess.run(capture_output=True,
    text=True) returns it."""
    if os.environ.get('STRATUS_TEST_CLI_FORK', '1') != '0':
        result = _warm_cli.run(args, env, timeout)
        if result is not None:
            return result
    return subprocess.run([OPENSTACK] + list(args), env=env,
                          capture_output=True, text=True, timeout=timeout)


def rabbitmqctl(*args, env=None):
    subprocess.run(['rabbitmqctl', '-q'] + list(args), check=True,
                   capture_output=True, timeout=60, env=env)


class Cloud:
    def __init__(self, workdir, computes=('compute1',),
                 backends=('lvmdriver-1',), options=None,
                 compute_options=None, broker=None):
        """`broker`: {'port': AMQP port, 'env': rabbitmqctl's environment}
        of a RabbitMQ node of its own (tests/faults), else the shared one.
        `compute_options`: {host: {option: value}} for [DEFAULT] and
        [fake_driver] options of single computes (zone, injected failures);
        a (section, option) key sets any option of that compute (e.g.
        ('libvirt', 'instances_path')).
        """
        self.workdir = str(workdir)
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.vhost = 'stratus-test-%s' % uuid.uuid4().hex[:8]
        self.broker = broker or {'port': 5672, 'env': None}
        self.computes = list(computes)
        self.backends = list(backends)
        self.options = options or {}
        self.compute_options = compute_options or {}
        self.procs = {}
        self.conf = os.path.join(self.workdir, 'stratus.conf')
        self.logdir = os.path.join(self.workdir, 'logs')
        self.db_path = os.path.join(self.workdir, 'stratus.sqlite')

    # --- set-up -------------------------------------------------------------
    def _write_conf(self):
        sections = {
            'DEFAULT': {
                'transport_url': 'rabbit://guest:guest@127.0.0.1:%d/%s'
                                 % (self.broker['port'], self.vhost),
                'log_dir': self.logdir, 'debug': 'true',
                'state_path': os.path.join(self.workdir, 'state'),
                'report_interval': '1', 'service_down_time': '5',
                'enabled_backends': ','.join(self.backends),
            },
            'database': {'connection': 'sqlite:///%s' % self.db_path},
            'api': {'bind_host': '127.0.0.1', 'bind_port': str(self.port)},
            'identity': {'password_hash_rounds': '4'},
            'glance': {'api_servers': self.url + '/image'},
        }
        for backend in self.backends:
            sections[backend] = {'volume_driver': 'fake',
                                 'volume_backend_name': backend}
        for (section, key), value in self.options.items():
            sections.setdefault(section, {})[key] = value
        with open(self.conf, 'w') as f:
            for section, values in sections.items():
                f.write('[%s]\n' % section)
                for key, value in values.items():
                    f.write('%s = %s\n' % (key, value))
                f.write('\n')

    def _manage(self, *args):
        subprocess.run([os.path.join(BIN, 'stratus-manage'), '--config-file',
                        self.conf] + list(args), check=True,
                       capture_output=True, timeout=120)

    def start_daemon(self, name, binary, extra=()):
        out = open(os.path.join(self.logdir, '%s.stdout' % name), 'ab')
        self.procs[name] = subprocess.Popen(
            [os.path.join(BIN, binary), '--config-file', self.conf] +
            list(extra), stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)

    def _start_compute(self, host):
        conf = os.path.join(self.workdir, '%s.conf' % host)
        extra = self.compute_options.get(host, {})
        with open(conf, 'w') as f:
            f.write('[DEFAULT]\nhost = %s\n' % host)
            if 'default_availability_zone' in extra:
                f.write('default_availability_zone = %s\n'
                        % extra['default_availability_zone'])
            if 'fail_methods' in extra:
                f.write('[fake_driver]\nfail_methods = %s\n'
                        % extra['fail_methods'])
            for key, value in extra.items():
                if isinstance(key, tuple):
                    f.write('[%s]\n%s = %s\n' % (key[0], key[1], value))
        self.start_daemon(host, 'stratus-compute', [
            '--config-file', conf, '--log-file',
            os.path.join(self.logdir, 'stratus-compute-%s.log' % host)])

    def _add_vhost(self):
        self._vhost_error = None
        try:
            rabbitmqctl('add_vhost', self.vhost, env=self.broker['env'])
            rabbitmqctl('set_permissions', '-p', self.vhost, 'guest', '.*',
                        '.*', '.*', env=self.broker['env'])
        except Exception as exc:
            self._vhost_error = exc

    def _db_sync(self):
        """`stratus-manage db sync`, run once per schema (migrations and
        models as they are on disk): later clouds copy its database."""
        digest = hashlib.sha256()
        for top in ('db/migrations', 'db/models'):
            for root, dirs, files in sorted(os.walk(os.path.join(REPO, top))):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(('.py', '.mako')):
                        with open(os.path.join(root, name), 'rb') as f:
                            digest.update(name.encode() + f.read())
        template = os.path.join(tempfile.gettempdir(), 'stratus-test-db-%s'
                                '.sqlite' % digest.hexdigest()[:16])
        if not os.path.exists(template):
            self._manage('db', 'sync')
            partial = '%s.%d' % (template, os.getpid())
            shutil.copyfile(self.db_path, partial)
            os.replace(partial, template)
        else:
            shutil.copyfile(template, self.db_path)

    def start(self):
        os.makedirs(self.logdir, exist_ok=True)
        # The vhost (rabbitmqctl starts slowly) while the database is made.
        vhost = threading.Thread(target=self._add_vhost)
        vhost.start()
        self._write_conf()
        self._db_sync()
        self._manage('bootstrap', '--bootstrap-password', ADMIN_PASSWORD,
                     '--bootstrap-public-url', self.url + '/identity')
        vhost.join()
        if self._vhost_error:
            raise self._vhost_error
        for name in ('api', 'conductor', 'scheduler', 'volume'):
            self.start_daemon(name, 'stratus-%s' % name)
        for host in self.computes:
            self._start_compute(host)
        self.wait_for(lambda: self._api_answers(), 'the API to answer')
        result = subprocess.run(
            [sys.executable, os.path.join(REPO, 'devstack/tools/'
                                          'bootstrap_cloud.py'),
             '--url', self.url, '--admin-password', ADMIN_PASSWORD,
             '--demo-password', DEMO_PASSWORD],
            capture_output=True, text=True, timeout=120)
        if result.returncode:
            raise RuntimeError('bootstrap_cloud.py failed:\n%s\n%s' % (
                result.stdout, result.stderr))
        # conductor + scheduler + each compute + each volume backend
        expected = 2 + len(self.computes) + len(self.backends)
        self.wait_for(lambda: self.services_up() >= expected,
                      '%d services to be up' % expected, interval=0.5)
        # The scheduler places on nodes the computes have reported.
        self.wait_for(lambda: self._query(
            'SELECT COUNT(DISTINCT host) FROM compute_nodes')[0][0] >=
            len(self.computes), 'the compute nodes', interval=0.2)
        return self

    def _query(self, sql):
        with contextlib.closing(sqlite3.connect(self.db_path,
                                                timeout=30)) as db:
            return db.execute(sql).fetchall()

    def _api_answers(self):
        try:
            return requests.get(self.url + '/identity/v3',
                                timeout=1).status_code == 200
        except requests.ConnectionError:
            return False

    def services_up(self):
        """How many services `stratus-manage service list` shows up (':-)'):
        not forced down, last heartbeat within service_down_time. Read
        from the database directly: the command's start-up alone costs
        seconds."""
        down_time = float(self.options.get(('DEFAULT', 'service_down_time'),
                                           5))
        rows = self._query('SELECT forced_down, updated_at, created_at '
                           'FROM services')
        now = datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None)
        return sum(1 for forced, updated, created in rows if not forced and
                   (now - datetime.datetime.fromisoformat(updated or created)
                    ).total_seconds() <= down_time)

    def wait_for(self, predicate, what, timeout=60, interval=0.1):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise RuntimeError('%s exited (%s) while waiting for %s; '
                                       'see %s' % (name, proc.returncode,
                                                   what, self.logdir))
            time.sleep(interval)
        raise TimeoutError('timed out waiting for %s' % what)

    # --- tear-down ----------------------------------------------------------
    def stop_daemon(self, name, sig=signal.SIGTERM, timeout=30):
        proc = self.procs.pop(name)
        if proc.poll() is None:
            os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        return proc.returncode

    def stop(self, timeout=30):
        # Every daemon is told at once: their graceful shutdowns (each
        # drains its RPC server) overlap instead of adding up.
        procs, self.procs = self.procs, {}
        for proc in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for proc in procs.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        try:
            rabbitmqctl('delete_vhost', self.vhost, env=self.broker['env'])
        except subprocess.CalledProcessError:
            pass

    # --- using it -----------------------------------------------------------
    def env(self, user='admin'):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith('OS_')}
        env.update({
            'OS_AUTH_URL': self.url + '/identity/v3',
            'OS_USERNAME': user,
            'OS_PASSWORD': ADMIN_PASSWORD if user == 'admin'
            else DEMO_PASSWORD,
            'OS_PROJECT_NAME': user,
            'OS_USER_DOMAIN_NAME': 'Default',
            'OS_PROJECT_DOMAIN_NAME': 'Default',
            'OS_IDENTITY_API_VERSION': '3',
            'OS_REGION_NAME': 'RegionOne',
        })
        return env

    def cli(self, *args, user='admin', check=True, env=None):
        """Run the real `openstack` CLI; returns the CompletedProcess."""
        full_env = self.env(user)
        full_env.update(env or {})
        result = run_openstack(args, full_env)
        if check and result.returncode != 0:
            raise AssertionError('openstack %s failed (%d):\n%s\n%s' % (
                ' '.join(args), result.returncode, result.stdout,
                result.stderr))
        return result

    def cli_json(self, *args, user='admin'):
        result = self.cli(*(list(args) + ['-f', 'json']), user=user)
        text = result.stdout
        # `--wait` prints progress ("Complete") before the document.
        starts = [i for i in (text.find('{'), text.find('[')) if i >= 0]
        try:
            return json.loads(text[min(starts):] if starts else text)
        except ValueError:
            raise AssertionError('openstack %s printed no JSON:\n%s\n%s' % (
                ' '.join(args), result.stdout, result.stderr))

    def log(self, name):
        with open(os.path.join(self.logdir, name)) as f:
            return f.read()

    def token(self, user='admin'):
        return self.cli('token', 'issue', '-f', 'value', '-c', 'id',
                        user=user).stdout.strip()


class Rest:
    """Direct REST calls with a cached token, for fast polling."""

    def __init__(self, cloud, user='admin'):
        self.cloud = cloud
        self.token = cloud.token(user)

    def request(self, method, path, **kwargs):
        headers = kwargs.pop('headers', {})
        headers.setdefault('X-Auth-Token', self.token)
        return requests.request(method, self.cloud.url + path,
                                headers=headers, **kwargs)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def server(self, server_id):
        resp = self.get('/compute/v2.1/servers/%s' % server_id)
        return resp.json()['server'] if resp.status_code == 200 else None

    def wait_server(self, server_id, status, timeout=30):
        """Until the server shows `status` with no task (tempest's rule),
        or 'DELETED' meaning 404."""
        deadline = time.monotonic() + timeout
        server = None
        while time.monotonic() < deadline:
            server = self.server(server_id)
            if status == 'DELETED' and server is None:
                return None
            if server and server['status'] == status and \
                    server['OS-EXT-STS:task_state'] is None:
                # The ERROR state is saved a moment before its fault (two
                # writes; nova writes the fault first): a quick poll waits
                # for both.
                if status != 'ERROR' or 'fault' in server or \
                        time.monotonic() > deadline - 0.1:
                    return server
            if server and server['status'] == 'ERROR' and status != 'ERROR':
                raise AssertionError('server went to ERROR: %s' % server)
            time.sleep(0.05)
        raise AssertionError('server %s not %s in %ss: %s' % (
            server_id, status, timeout, server))
