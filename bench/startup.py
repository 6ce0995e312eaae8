#!/usr/bin/env python3
"""How long devstack/stack.sh takes and how much memory stratus uses at rest.

Run as root on a machine where devstack/stack.sh works. It measures and
prints (no assertions):

1. installed -> up: devstack/unstack.sh, then the time devstack/stack.sh
   takes to bring every daemon up again (and each daemon's start-to-up
   time, as stack.sh reports it);
2. with --fresh, first the installing run: unstack.sh --clean (removes the
   venv, data, config, logs and the RabbitMQ user; apt packages stay
   installed), then stack.sh; --no-pip-cache makes pip download again;
3. RSS (VmRSS, and PSS) of every stratus daemon at rest, from the pids in
   the pid files plus their children, summed, with the process count, and
   RabbitMQ's RSS separately;
4. a second stack.sh on the running cloud (must have nothing to do);
5. unstack.sh: how long stopping takes.

The cloud is left running unless --stop is given.

    sudo python3 bench/startup.py [--fresh] [--no-pip-cache] [--settle 10]
"""
import argparse
import json
import os
import pwd
import re
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEVSTACK = os.path.join(REPO, 'devstack')
UP_LINE = re.compile(r'^\s+(stratus-[\w-]+): up in ([0-9.]+) s \(pid (\d+)\)')
PAGE_KB = os.sysconf('SC_PAGE_SIZE') // 1024


def setting(name):
    """A value from devstack/lib/settings.sh (local.conf applied)."""
    out = subprocess.run(
        ['bash', '-c', 'source "$1/lib/settings.sh" && printf %s "${!2}"',
         'settings', DEVSTACK, name],
        check=True, capture_output=True, text=True).stdout
    return out


def run_timed(argv, env=None, verbose=False):
    """Run a devstack script; (seconds, output). Exits on failure."""
    start = time.monotonic()
    proc = subprocess.run(argv, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True,
                          env=dict(os.environ, **(env or {})))
    seconds = time.monotonic() - start
    if verbose or proc.returncode:
        sys.stderr.write(proc.stdout)
    if proc.returncode:
        sys.exit('%s failed (exit %d)' % (' '.join(argv), proc.returncode))
    return seconds, proc.stdout


def up_times(output):
    return {m.group(1): float(m.group(2))
            for m in map(UP_LINE.match, output.splitlines()) if m}


def _status(pid):
    values = {}
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                key, _, value = line.partition(':')
                values[key] = value.strip()
    except OSError:
        return None
    return values


def _kb(text):
    return int(text.split()[0]) if text else 0


def _pss_kb(pid):
    try:
        with open('/proc/%d/smaps_rollup' % pid) as f:
            for line in f:
                if line.startswith('Pss:'):
                    return _kb(line.split(':', 1)[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def all_pids():
    return [int(d) for d in os.listdir('/proc') if d.isdigit()]


def descendants(roots):
    children = {}
    for pid in all_pids():
        status = _status(pid)
        if status:
            children.setdefault(int(status.get('PPid', 0)), []).append(pid)
    found, todo = [], list(roots)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def daemon_pids(pid_dir):
    pids = {}
    for name in sorted(os.listdir(pid_dir)):
        if name.endswith('.pid'):
            with open(os.path.join(pid_dir, name)) as f:
                pids[name[:-4]] = int(f.read().strip())
    return pids


def memory(pid_dir):
    """Per daemon: RSS/PSS in KiB of it and its children, process count."""
    result = {}
    for name, pid in daemon_pids(pid_dir).items():
        result[name] = dict(_measure(descendants([pid])), pid=pid)
        result[name]['cpu_s'] = round(sum(
            _cpu_seconds(p) for p in descendants([pid])), 2)
    return result


def _measure(pids):
    """Process count, summed VmRSS and PSS (KiB) of the live `pids`."""
    count = rss = pss = 0
    for pid in pids:
        status = _status(pid)
        if status is None:
            continue
        count += 1
        rss += _kb(status.get('VmRSS'))
        pss += _pss_kb(pid)
    return {'processes': count, 'rss_kib': rss, 'pss_kib': pss}


def rabbitmq_memory():
    try:
        uid = pwd.getpwnam('rabbitmq').pw_uid
    except KeyError:
        return None
    procs = []
    for pid in all_pids():
        status = _status(pid)
        if status and int(status['Uid'].split()[0]) == uid:
            procs.append(pid)
    return _measure(procs)


def mib(kib):
    return '%.1f MiB' % (kib / 1024.0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--fresh', action='store_true',
                        help='also time an installing run (unstack.sh '
                             '--clean first)')
    parser.add_argument('--no-pip-cache', action='store_true',
                        help='with --fresh: pip downloads everything again')
    parser.add_argument('--settle', type=float, default=10,
                        help='seconds to let the cloud rest before reading '
                             'memory (default 10)')
    parser.add_argument('--stop', action='store_true',
                        help='run unstack.sh at the end (stop time is '
                             'measured either way)')
    parser.add_argument('--json', action='store_true',
                        help='also print the figures as one JSON document')
    parser.add_argument('-v', '--verbose', action='store_true',
                        help='show the output of stack.sh and unstack.sh')
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit('run as root (stack.sh needs it)')
    stack = [os.path.join(DEVSTACK, 'stack.sh')]
    unstack = [os.path.join(DEVSTACK, 'unstack.sh')]
    pid_dir = setting('PID_DIR')
    figures = {}

    if args.fresh:
        run_timed(unstack + ['--clean'], verbose=args.verbose)
        env = {'PIP_NO_CACHE_DIR': '1'} if args.no_pip_cache else None
        seconds, out = run_timed(stack, env=env, verbose=args.verbose)
        figures['fresh_stack_s'] = round(seconds, 2)
        figures['fresh_up_times_s'] = up_times(out)

    run_timed(unstack, verbose=args.verbose)
    seconds, out = run_timed(stack, verbose=args.verbose)
    figures['installed_to_up_s'] = round(seconds, 2)
    figures['up_times_s'] = up_times(out)

    time.sleep(args.settle)
    daemons = memory(pid_dir)
    figures['daemons'] = daemons
    figures['daemons_total'] = {
        'processes': sum(d['processes'] for d in daemons.values()),
        'rss_kib': sum(d['rss_kib'] for d in daemons.values()),
        'pss_kib': sum(d['pss_kib'] for d in daemons.values()),
        'cpu_s': round(sum(d['cpu_s'] for d in daemons.values()), 2)}
    figures['rabbitmq'] = rabbitmq_memory()

    seconds, out = run_timed(stack, verbose=args.verbose)
    figures['second_run_s'] = round(seconds, 2)
    figures['second_run_nothing_to_do'] = 'nothing to do' in out

    seconds, _ = run_timed(unstack, verbose=args.verbose)
    figures['stop_s'] = round(seconds, 2)
    if not args.stop:
        run_timed(stack, verbose=args.verbose)

    print_report(figures, args.settle)
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
    return 0


def print_report(f, settle):
    print('stratus start-up and memory (bench/startup.py)')
    if 'fresh_stack_s' in f:
        print('  fresh install -> up (stack.sh after unstack.sh --clean): '
              '%.1f s' % f['fresh_stack_s'])
    print('  installed -> up (stack.sh after unstack.sh):              '
          '%.1f s' % f['installed_to_up_s'])
    print('  second stack.sh on the running cloud:                     '
          '%.1f s (nothing to do: %s)' % (f['second_run_s'],
                                          f['second_run_nothing_to_do']))
    print('  unstack.sh (SIGTERM until every daemon exited):           '
          '%.1f s' % f['stop_s'])
    print('  start -> up per daemon (installed run):')
    for name, seconds in sorted(f['up_times_s'].items()):
        print('    %-20s %5.1f s' % (name, seconds))
    print('  memory at rest (%.0f s after up):' % settle)
    print('    %-20s %5s %12s %12s %8s' % (
        'daemon', 'procs', 'RSS', 'PSS', 'CPU'))
    for name, d in sorted(f['daemons'].items()):
        print('    %-20s %5d %12s %12s %7.2fs' % (
            name, d['processes'], mib(d['rss_kib']), mib(d['pss_kib']),
            d['cpu_s']))
    t = f['daemons_total']
    print('    %-20s %5d %12s %12s %7.2fs' % (
        'all stratus', t['processes'], mib(t['rss_kib']), mib(t['pss_kib']),
        t['cpu_s']))
    r = f['rabbitmq']
    if r:
        print('    %-20s %5d %12s %12s' % ('rabbitmq (apart)', r['processes'],
                                           mib(r['rss_kib']),
                                           mib(r['pss_kib'])))


if __name__ == '__main__':
    sys.exit(main())
