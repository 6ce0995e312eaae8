#!/usr/bin/env python3
"""The hostile corpus (tests/hostile/corpus.py) over HTTP: what an attacker
costs the API.

    python3 bench/hostile.py [--scale 1.0] [--seed 15] [--json]
    python3 bench/hostile.py --url http://host:port --password P --pid PID

Starts a temporary cloud (as bench/workload.py --temporary does) unless
--url names a running one, makes the objects the corpus addresses, then
sends every case, one after the other, on one kept-alive connection.
Prints the API's RSS (VmRSS of its process and children; with --url only
when --pid is given) before and after, requests per second, counts by
status class, the slowest request, and the cases answered 5xx, the ones
in another lane of issue 15 counted apart. Asserts nothing.
"""
import argparse
import collections
import json
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# tests/ first: its hostile package, not this script, is `hostile`.
sys.path.insert(0, os.path.join(REPO, 'tests'))
from hostile import corpus  # noqa: E402
from hostile import harness  # noqa: E402
from hostile import http  # noqa: E402


def run(url, password, pid, scale, seed):
    client = http.HTTPClient(url)
    client.login('admin', password, 'admin')
    _status, doc = client.send('GET', '/identity/v3/auth/projects')
    project = [p for p in doc['projects'] if p['name'] == 'admin'][0]['id']
    ids = harness.make_objects(client.send, project)
    cases = list(corpus.generate(ids, client.token, seed, scale))
    before = http.rss_kib(pid) if pid else None
    classes = collections.Counter()
    five = collections.Counter()
    problems = collections.Counter()
    slowest = (0.0, None)
    started = time.monotonic()
    for case in cases:
        try:
            status, ctype, body, elapsed = client.raw(case)
        except OSError as exc:
            classes['dropped'] += 1
            problems['%s: %s' % (case.describe()[:100], exc)] += 1
            continue
        classes['%dxx' % (status // 100)] += 1
        if elapsed > slowest[0]:
            slowest = (elapsed, case.describe()[:120])
        found = corpus.violations(case, status, ctype, body, elapsed,
                                  limit=10.0)
        if status >= 500:
            upstream = case.path.split('?')[0].rstrip('/').endswith(
                corpus.UPSTREAM_5XX)
            five['upstream 500' if upstream else
                 case.lane or 'stratus'] += 1
        for problem in found:
            problems['%s (%s)' % (problem, case.lane or case.family)] += 1
    seconds = time.monotonic() - started
    after = http.rss_kib(pid) if pid else None
    client.close()
    return {
        'cases': len(cases), 'seconds': round(seconds, 1),
        'requests_per_s': round(len(cases) / seconds, 1),
        'rss_before_mib': before and round(before / 1024, 1),
        'rss_after_mib': after and round(after / 1024, 1),
        'status_classes': dict(sorted(classes.items())),
        '5xx_by_lane': dict(five),
        'violations': dict(problems.most_common(20)),
        'slowest_s': round(slowest[0], 3), 'slowest_case': slowest[1],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--url')
    parser.add_argument('--password')
    parser.add_argument('--pid', type=int,
                        help="the running API's pid (for its RSS)")
    parser.add_argument('--scale', type=float, default=1.0)
    parser.add_argument('--seed', type=int, default=15)
    parser.add_argument('--json', action='store_true')
    args = parser.parse_args(argv)
    cloud = None
    if args.url:
        url, password, pid = args.url, args.password, args.pid
    else:
        import workload
        cloud = workload.temporary_cloud()
        url, password = cloud.url, workload.cloud_password()
        pid = cloud.procs['api'].pid
    try:
        result = run(url, password, pid, args.scale, args.seed)
    finally:
        if cloud is not None:
            import workload
            workload.remove_cloud(cloud)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print('%d cases in %.1f s: %.1f requests/s' % (
        result['cases'], result['seconds'], result['requests_per_s']))
    print('API RSS before %s MiB, after %s MiB' % (
        result['rss_before_mib'], result['rss_after_mib']))
    print('status classes: %s' % result['status_classes'])
    print('5xx by lane: %s' % result['5xx_by_lane'])
    print('slowest: %.3f s  %s' % (result['slowest_s'],
                                   result['slowest_case']))
    for problem, count in result['violations'].items():
        print('  %5d  %s' % (count, problem))
    return 0


if __name__ == '__main__':
    sys.exit(main())
