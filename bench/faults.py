#!/usr/bin/env python3
"""Time to recover after each fault kind, and the requests failed meanwhile.

    python3 bench/faults.py [--seed N] [--down 1.0] [--json]

Starts a throwaway cloud (two fake computes, one fake backend, as
bench/workload.py's --temporary), then for each fault kind - kill -9 of
stratus-api, -conductor, -scheduler, -volume, -compute (restarted after
--down seconds), and a database lock storm (another process holding
SQLite's write lock for 5 s) - runs the fault harness's workload
(tests/support/faults.py: boots, power actions, resize, shelve, deletes,
volume creates, extends, attaches, deletes) through the fault and prints:

- recover_s: from the fault until nothing is in a transitional state,
  nothing acknowledged is lost and every ERROR says why;
- answered / failed: the workload's requests answered, and refused or not
  answered, from the fault until the daemon is back.

A benchmark, not a test: it measures and asserts nothing (a kind that does
not settle in 120 s is printed as such). Figures go to bench/README.md.
"""
import argparse
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workload as bench_workload  # noqa: E402  (temporary cloud helpers)

KINDS = ('api', 'conductor', 'scheduler', 'volume', 'compute1',
         'lock storm')


def measure(cloud, rest, image_id, project_id, rng, kind, down):
    from support import faults
    load = faults.Workload(rest, rng, image_id, project_id)
    for _ in range(4):
        load.step()
    injector = faults.Faults(cloud, rng)
    answered, failed = load.answered, load.failed
    failures = dict(load.failures)
    started = time.monotonic()
    storm = None
    if kind == 'lock storm':
        storm = injector.lock_storm(5)
    else:
        injector.kill(kind)
    while time.monotonic() - started < (5 if storm else down):
        load.step()
    if storm:
        storm.wait(30)
    else:
        injector.restart(kind)
    during = {'answered': load.answered - answered,
              'failed': load.failed - failed,
              'failures': {key: count - failures.get(key, 0)
                           for key, count in load.failures.items()
                           if count > failures.get(key, 0)}}
    try:
        faults.Checker(rest, load).settle(timeout=120)
        recover = time.monotonic() - started
    except AssertionError as exc:
        recover, during['unsettled'] = None, str(exc)[:300]
    return dict(during, recover_s=recover)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--down', type=float, default=1.0,
                        help='seconds a killed daemon stays down')
    parser.add_argument('--json', action='store_true')
    args = parser.parse_args(argv)
    cloud = bench_workload.temporary_cloud()
    try:
        from support import cloud as cloud_support
        rest = cloud_support.Rest(cloud)
        path = os.path.join(cloud.workdir, 'disk.raw')
        with open(path, 'wb') as f:
            f.write(b'\0' * 4096)
        image_id = cloud.cli_json(
            'image', 'create', '--file', path, '--disk-format', 'raw',
            '--container-format', 'bare', '--public', 'bench-image')['id']
        project_id = cloud.cli_json('project', 'show', 'admin')['id']
        # The workload adds servers and volumes kind after kind: quotas
        # would refuse it before any fault does.
        cloud.cli('quota', 'set', '--instances', '-1', '--cores', '-1',
                  '--ram', '-1', '--volumes', '-1', '--gigabytes', '-1',
                  'admin')
        rng = random.Random(args.seed)
        result = {kind: measure(cloud, rest, image_id, project_id, rng,
                                kind, args.down) for kind in KINDS}
    finally:
        bench_workload.remove_cloud(cloud)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print('%-12s %10s %9s %7s' % ('fault', 'recover_s', 'answered',
                                  'failed'))
    for kind, figures in result.items():
        recover = figures['recover_s']
        print('%-12s %10s %9d %7d  %s%s' % (
            kind, '%.1f' % recover if recover is not None else 'unsettled',
            figures['answered'], figures['failed'],
            ', '.join('%s x%d' % item
                      for item in sorted(figures['failures'].items())),
            '  ' + figures['unsettled'] if 'unsettled' in figures else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
