#!/usr/bin/env python3
"""Keystone token figures over HTTP: what every CLI command and service
request pays before it does anything.

    python3 bench/tokens.py [-n 200] [--json]

Starts a temporary cloud (as bench/workload.py --temporary does), then
times, one request after the other, n password authentications scoped to
the admin project (POST /identity/v3/auth/tokens) and n validations of
those tokens (GET /identity/v3/auth/tokens with X-Subject-Token; each
token is new to the API, so its per-process token cache misses, as it does
for every first request of a client). Prints p50/p90 and the mean;
asserts nothing.
"""
import argparse
import json
import os
import statistics
import sys
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workload  # noqa: E402  (the temporary cloud helpers)


def _figures(samples):
    ordered = sorted(samples)
    return {'n': len(ordered), 'mean': round(statistics.mean(ordered), 5),
            'p50': round(ordered[len(ordered) // 2], 5),
            'p90': round(ordered[int(len(ordered) * 0.9)], 5)}


def measure(url, password, n):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': 'admin', 'domain': {'name': 'Default'},
                 'password': password}}},
        'scope': {'project': {'name': 'admin',
                              'domain': {'name': 'Default'}}}}}
    http = requests.Session()
    tokens_url = url + '/identity/v3/auth/tokens'
    for _ in range(10):                 # warm-up, not measured
        http.post(tokens_url, json=body).raise_for_status()
    issued, issue_s = [], []
    for _ in range(n):
        start = time.perf_counter()
        resp = http.post(tokens_url, json=body)
        issue_s.append(time.perf_counter() - start)
        resp.raise_for_status()
        issued.append(resp.headers['X-Subject-Token'])
    admin = issued[0]
    validate_s = []
    for token in issued[1:]:
        start = time.perf_counter()
        resp = http.get(tokens_url, headers={'X-Auth-Token': admin,
                                             'X-Subject-Token': token})
        validate_s.append(time.perf_counter() - start)
        resp.raise_for_status()
    return {'issue_s': _figures(issue_s), 'validate_s': _figures(validate_s)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-n', type=int, default=200)
    parser.add_argument('--json', action='store_true')
    args = parser.parse_args(argv)
    cloud = workload.temporary_cloud()
    try:
        result = measure(cloud.url, workload.cloud_password(), args.n)
    finally:
        workload.remove_cloud(cloud)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for name, figures in result.items():
        print('%-12s p50 %.1f ms  p90 %.1f ms  mean %.1f ms  (n=%d)' % (
            name, figures['p50'] * 1000, figures['p90'] * 1000,
            figures['mean'] * 1000, figures['n']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
