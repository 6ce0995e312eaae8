#!/usr/bin/env python3
"""Runs the neutral REST workload (../shared/bench/workload.py) against the
devstack cloud on this host and prints its figures next to the targets.

    python3 bench/workload.py [--servers 20] [--concurrency 4] [--poll 0.02]
                              [--skip volumes] [--json] [--temporary [--lvm]]

It brings the cloud up with devstack/stack.sh first when it is not running,
or with --temporary starts a throwaway cloud of its own (every daemon a
process, fake drivers, two computes, its own port and RabbitMQ vhost, as
the functional tests do), runs one small unmeasured pass of the workload on
it first (--no-warm-up: not) and removes it afterwards; authenticates as admin,
points the workload at /compute/v2.1, /image and /volume/v3/<project> and
gives it the daemons' pid files for the memory/CPU figures. Measures and
prints; asserts nothing.

--temporary --lvm (as root) gives the temporary cloud's volume backend the
real lvm driver on a volume group of its own (tests/support/lvm_group.py: a sparse
file's loop device, removed afterwards with everything on it) and runs only
the volume phases. STRATUS_KEEP_LOGS=1 keeps the temporary cloud's logs.
"""
import argparse
import json
import os
import signal
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


def temporary_cloud(volume_group=None):
    """Started; with `volume_group`, its one volume backend (the Cloud's
    default lvmdriver-1) is the lvm driver on that VG."""
    import tempfile
    sys.path.insert(0, os.path.join(REPO, 'tests'))
    from support import cloud as cloud_support
    # Configured as devstack/stack.sh configures it (the test clouds beat
    # every second so that a stopped daemon shows down quickly).
    options = {('DEFAULT', 'debug'): 'false',
               ('DEFAULT', 'report_interval'): '10',
               ('DEFAULT', 'service_down_time'): '60',
               ('api', 'workers'): os.environ.get('BENCH_API_WORKERS', '1')}
    if volume_group:
        options.update({('lvmdriver-1', 'volume_driver'): 'lvm',
                        ('lvmdriver-1', 'volume_group'): volume_group})
    cloud = cloud_support.Cloud(
        tempfile.mkdtemp(prefix='stratus-bench-'),
        computes=('compute1', 'compute2'), backends=('lvmdriver-1',),
        options=options)
    try:
        cloud.start()
    except BaseException:
        remove_cloud(cloud)
        raise
    return cloud


def remove_cloud(cloud):
    cloud.stop()
    if os.environ.get('STRATUS_KEEP_LOGS'):
        print('logs kept in %s' % cloud.logdir, file=sys.stderr)
        return
    import shutil
    shutil.rmtree(cloud.workdir, ignore_errors=True)


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
               # '=': a Keystone token may start with '-'
               '--image-url', url + '/image', '--token=' + token,
               '--poll', str(args.poll), '-n', str(args.servers),
               '-c', str(args.concurrency), '-m', str(args.volumes)] + procs
    skip = [name for name in args.skip.split(',') if name]
    if args.lvm:
        # Only the volume phases ('list' would skip the volume list too).
        skip += ['boot', 'actions', 'delete']
    if skip:
        command += ['--skip', ','.join(skip)]
    return subprocess.run(command, capture_output=True, text=True)


def warm_up(args, cloud):
    """One small pass of the same workload, not measured: a fresh cloud
    loads some modules on first use (TaskFlow in stratus-volume, the API's
    /volume and /image surfaces) to stay small at rest, and those first
    calls would land in the measured phases. A cloud that has served
    anything at all is past them."""
    small = argparse.Namespace(**dict(
        vars(args), servers=2, concurrency=2, volumes=2,
        skip=','.join(filter(None, [args.skip, 'list', 'rss']))))
    out = run_workload(small, cloud.url, cloud_password(), [])
    if out.returncode:
        sys.stderr.write(out.stderr)
        raise SystemExit('the warm-up pass failed')


def workload_on_temporary_cloud(args, volume_group=None):
    cloud = temporary_cloud(volume_group)
    try:
        procs = ['--pids=%s=%d' % (name, proc.pid)
                 for name, proc in cloud.procs.items()]
        if args.warm_up:
            warm_up(args, cloud)
        return run_workload(args, cloud.url, cloud_password(), procs)
    finally:
        remove_cloud(cloud)


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
    parser.add_argument('--no-warm-up', dest='warm_up', action='store_false',
                        help='with --temporary: measure the fresh cloud\'s '
                             'first calls too (no unmeasured small pass '
                             'first)')
    parser.add_argument('--lvm', action='store_true',
                        help='with --temporary: volumes on the real lvm '
                             'driver (a loop-backed VG of its own; root), '
                             'volume phases only')
    args = parser.parse_args(argv)
    if args.lvm:
        if not args.temporary:
            parser.error('--lvm needs --temporary')
        sys.path.insert(0, os.path.join(REPO, 'tests'))
        from support import lvm_group
        reason = lvm_group.unusable_reason()
        if reason:
            parser.error('--lvm: %s' % reason)
        # SIGTERM unwinds like ^C, so the VG and loop devices still go.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        # Every volume exists at once; headroom for the VG's metadata.
        with lvm_group.volume_group(max(8, args.volumes + 4)) as vg:
            out = workload_on_temporary_cloud(args, vg)
    elif args.temporary:
        out = workload_on_temporary_cloud(args)
    else:
        url = setting('SERVICE_URL') or 'http://127.0.0.1'
        ensure_cloud(url)
        password = setting('ADMIN_PASSWORD') or 'secret'
        out = run_workload(args, url, password,
                           ['--pid-dir', setting('PID_DIR')])
    sys.stderr.write(out.stderr)
    if out.returncode:
        print('the workload failed (exit %d)' % out.returncode,
              file=sys.stderr)
        return out.returncode
    result = json.loads(out.stdout)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print('%-36s %12s %12s %12s' % ('figure', 'stratus', 'target',
                                    'upstream'))
    for path, label, unit, target, upstream in ROWS:
        if args.lvm and dig(result, path) is None:
            continue                    # a skipped server phase
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
