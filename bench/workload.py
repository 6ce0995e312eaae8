#!/usr/bin/env python3
"""Runs the neutral REST workload (../shared/bench/workload.py) against the
devstack cloud on this host and prints its figures next to the targets.

    python3 bench/workload.py [--servers 20] [--concurrency 4] [--poll 0.02]
                              [--skip volumes] [--json] [--temporary]

It brings the cloud up with devstack/stack.sh first when it is not running,
or with --temporary starts a throwaway cloud of its own (every daemon a
process, fake drivers, two computes, its own port and RabbitMQ vhost, as
the functional tests do) and removes it afterwards; authenticates as admin,
points the workload at /compute/v2.1, /image and /volume/v3/<project> and
gives it the daemons' pid files for the memory/CPU figures. Measures and
prints; asserts nothing.
"""
import argparse
import json
import os
import subprocess
import sys

import requests

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKLOAD = os.path.join(os.path.dirname(REPO), 'shared', 'bench',
                        'workload.py')

# (path in the workload's JSON, label, unit, target, upstream in ANCHOR.md)
ROWS = [
    (('boot', 'time_to_active_s', 'p50'), 'boot: time-to-ACTIVE p50', 's',
     '<= 0.25 s', '2.78 s'),
    (('boot', 'time_to_active_s', 'p99'), 'boot: time-to-ACTIVE p99', 's',
     '', '3.48 s'),
    (('boot', 'post_latency_s', 'p50'), 'boot: POST /servers p50', 's', '',
     '0.34 s'),
    (('boot', 'servers_per_min'), 'boot: servers per minute', '', '', '84'),
] + [
    (('actions', 'per_action_s', name, 'p50'), '%s p50' % name, 's',
     target, upstream)
    for name, target, upstream in (
        ('pause', '<= 0.05 s', '0.54 s'), ('unpause', '<= 0.05 s', '0.57 s'),
        ('suspend', '<= 0.05 s', '0.55 s'), ('resume', '<= 0.05 s', '0.61 s'),
        ('stop', '<= 0.05 s', '0.58 s'), ('start', '<= 0.05 s', '0.68 s'),
        ('shelve', '', '1.03 s'), ('unshelve', '<= 0.3 s', '3.18 s'))
] + [
    (('list_servers_detail', 'p50'), 'GET /servers/detail p50', 'ms',
     '<= 10 ms', '169 ms'),
    (('list_servers_detail', 'p99'), 'GET /servers/detail p99', 'ms', '',
     '251 ms'),
    (('delete', 'time_to_404_s', 'p50'), 'delete: time-to-404 p50', 's', '',
     '1.56 s'),
    (('volume_create', 'time_to_available_s', 'p50'),
     'volume: time-to-available p50', 's', '<= 0.1 s', '1.01 s'),
    (('list_volumes_detail', 'p50'), 'GET /volumes/detail p50', 'ms', '',
     '37 ms'),
    (('volume_delete', 'time_to_404_s', 'p50'),
     'volume delete: time-to-404 p50', 's', '', '0.37 s'),
    (('procs_start', 'total', 'services_rss_mib'),
     'services RSS at rest (MiB)', '', '<= 300', '2458'),
    (('rss_mib',), 'services RSS after the run (MiB)', '', '', '2642'),
    (('services_cpu_s_during_run',), 'services CPU during the run (s)', '',
     '', '148'),
]


def setting(name):
    out = subprocess.run(['bash', '-c', 'source %s/devstack/lib/settings.sh '
                          '>/dev/null 2>&1; printf %%s "$%s"' % (REPO, name)],
                         capture_output=True, text=True)
    return out.stdout


def ensure_cloud(url):
    try:
        if requests.get(url + '/identity/v3', timeout=2).ok:
            return
    except requests.ConnectionError:
        pass
    print('starting the cloud with devstack/stack.sh', file=sys.stderr)
    # The workload boots many servers: in memory (devstack's default is
    # now real guests; local.conf still wins).
    env = dict(os.environ, COMPUTE_DRIVER=os.environ.get('COMPUTE_DRIVER',
                                                         'fake'))
    subprocess.run([os.path.join(REPO, 'devstack', 'stack.sh')], check=True,
                   stdout=sys.stderr, env=env)


def admin_token(url, password):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': 'admin', 'domain': {'name': 'Default'},
                 'password': password}}},
        'scope': {'project': {'name': 'admin',
                              'domain': {'name': 'Default'}}}}}
    resp = requests.post(url + '/identity/v3/auth/tokens', json=body)
    resp.raise_for_status()
    return resp.headers['X-Subject-Token'], resp.json()['token']['project'][
        'id']


def temporary_cloud():
    import tempfile
    sys.path.insert(0, os.path.join(REPO, 'tests'))
    from support import cloud as cloud_support
    cloud = cloud_support.Cloud(
        tempfile.mkdtemp(prefix='stratus-bench-'),
        computes=('compute1', 'compute2'),
        options={('DEFAULT', 'debug'): 'false',
                 ('api', 'workers'): os.environ.get('BENCH_API_WORKERS', '1')})
    cloud.start()
    return cloud


def cloud_password():
    from support import cloud as cloud_support
    return cloud_support.ADMIN_PASSWORD


def run_workload(args, url, password, procs):
    token, project = admin_token(url, password)
    # The workload boots more servers than nova's default quota of 10 ...
    requests.put('%s/compute/v2.1/os-quota-sets/%s' % (url, project),
                 headers={'X-Auth-Token': token}, json={'quota_set': {
                     'instances': -1, 'cores': -1, 'ram': -1}}
                 ).raise_for_status()
    # ... and more volumes than cinder's default of 10.
    requests.put('%s/volume/v3/%s/os-quota-sets/%s' % (url, project, project),
                 headers={'X-Auth-Token': token}, json={'quota_set': {
                     'volumes': -1, 'gigabytes': -1, 'snapshots': -1}}
                 ).raise_for_status()
    command = [sys.executable, WORKLOAD,
               '--compute-url', url + '/compute/v2.1',
               '--volume-url', '%s/volume/v3/%s' % (url, project),
               '--image-url', url + '/image', '--token', token,
               '--poll', str(args.poll), '-n', str(args.servers),
               '-c', str(args.concurrency), '-m', str(args.volumes)] + procs
    if args.skip:
        command += ['--skip', args.skip]
    return subprocess.run(command, capture_output=True, text=True)


def dig(doc, path):
    for key in path:
        if not isinstance(doc, dict) or key not in doc:
            return None
        doc = doc[key]
    return doc


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--servers', '-n', type=int, default=20)
    parser.add_argument('--concurrency', '-c', type=int, default=4)
    parser.add_argument('--volumes', '-m', type=int, default=20)
    parser.add_argument('--poll', type=float, default=0.02)
    parser.add_argument('--skip', default='')
    parser.add_argument('--json', action='store_true')
    parser.add_argument('--temporary', action='store_true')
    args = parser.parse_args(argv)
    cloud = None
    if args.temporary:
        cloud = temporary_cloud()
        url, password = cloud.url, cloud_password()
        procs = ['--pids=%s=%d' % (name, proc.pid)
                 for name, proc in cloud.procs.items()]
    else:
        url = setting('SERVICE_URL') or 'http://127.0.0.1'
        ensure_cloud(url)
        password = setting('ADMIN_PASSWORD') or 'secret'
        procs = ['--pid-dir', setting('PID_DIR')]
    try:
        out = run_workload(args, url, password, procs)
    finally:
        if cloud is not None:
            cloud.stop()
            import shutil
            shutil.rmtree(cloud.workdir, ignore_errors=True)
    sys.stderr.write(out.stderr)
    result = json.loads(out.stdout)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print('%-36s %12s %12s %12s' % ('figure', 'stratus', 'target',
                                    'upstream'))
    for path, label, unit, target, upstream in ROWS:
        print('%-36s %12s %12s %12s' % (label, fmt(dig(result, path), unit),
                                        target, upstream))
    for error in result.get('errors', []):
        print('error:', error)
    return 0


def fmt(value, unit):
    if value is None:
        return '-'
    if unit == 'ms':
        return '%.1f ms' % (value * 1000)
    if unit == 's':
        return '%.3f s' % value
    return '%.1f' % value


if __name__ == '__main__':
    sys.exit(main())
