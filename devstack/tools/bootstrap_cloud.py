#!/usr/bin/env python3
"""Set up a fresh stratus cloud the way devstack sets up OpenStack, through
the REST APIs only, idempotently:

- catalog services with a public endpoint each in the region (compute,
  block-storage, the legacy volumev3 type, image; identity, registered by
  ``stratus-manage bootstrap``, gets its URL updated if it changed);
- project ``demo`` and user ``demo`` with role ``member`` on it;
- the default flavors (m1.tiny ... m1.xlarge, m1.nano);
- with ``--test-image DIR``: the test guest built by make-test-image.sh
  (kernel, ramdisk and disk images) and its flavor m1.test (test_image.py).

    ADMIN_PASSWORD=secret DEMO_PASSWORD=secret \\
        python devstack/tools/bootstrap_cloud.py --url http://127.0.0.1

It prints what it created, updated or found, and exits 1 with one clear
message when a call fails. Tests import it and call ``main(argv)``.
Only ``requests`` is needed.
"""
import argparse
import os
import sys

import requests

# (type, name, description, path below the base URL). stratus-manage
# bootstrap registers identity; it is checked here too, so that a changed
# HOST_IP or SERVICE_PORT updates its URL like the others'.
SERVICES = (
    ('identity', 'keystone', 'Identity Service', '/identity'),
    ('compute', 'nova', 'Compute Service', '/compute/v2.1'),
    ('block-storage', 'cinder', 'Block Storage Service', '/volume/v3'),
    ('volumev3', 'cinderv3', 'Block Storage Service (legacy type)',
     '/volume/v3/$(project_id)s'),
    ('image', 'glance', 'Image Service', '/image'),
)

# (id, name, RAM MiB, disk GiB, vCPUs), as devstack creates them.
FLAVORS = (
    ('1', 'm1.tiny', 512, 1, 1),
    ('2', 'm1.small', 2048, 20, 1),
    ('3', 'm1.medium', 4096, 40, 2),
    ('4', 'm1.large', 8192, 80, 4),
    ('5', 'm1.xlarge', 16384, 160, 8),
    ('42', 'm1.nano', 128, 1, 1),
)

OK = (200, 201, 202, 204)


class Failure(Exception):
    """A call failed; the message says which and why."""


class Client:
    def __init__(self, base_url, timeout=30):
        self.base = base_url.rstrip('/')
        self.timeout = timeout
        self.session = requests.Session()
        self.token = None

    def request(self, method, path, ok=OK, json=None, auth=True):
        url = self.base + path
        headers = {'Accept': 'application/json'}
        if auth and self.token:
            headers['X-Auth-Token'] = self.token
        try:
            resp = self.session.request(method, url, json=json,
                                        headers=headers,
                                        timeout=self.timeout)
        except requests.RequestException as exc:
            raise Failure('%s %s: %s (is stratus-api running? see '
                          'stratus-api.log)' % (method, url, exc))
        if resp.status_code not in ok:
            raise Failure('%s %s answered %d: %s' % (
                method, url, resp.status_code, resp.text.strip()[:500]))
        return resp

    def get(self, path, key):
        return self.request('GET', path).json()[key]

    def post(self, path, key, body):
        return self.request('POST', path, json={key: body}).json()[key]

    def authenticate(self, user, password, project, domain='Default'):
        """Password auth scoped to `project`: (token id, token body), or
        None when the credentials are refused (401)."""
        body = {'auth': {
            'identity': {'methods': ['password'], 'password': {'user': {
                'name': user, 'domain': {'name': domain},
                'password': password}}},
            'scope': {'project': {'name': project,
                                  'domain': {'name': domain}}}}}
        resp = self.request('POST', '/identity/v3/auth/tokens',
                            ok=(201, 401), json=body, auth=False)
        if resp.status_code == 401:
            return None
        return resp.headers['X-Subject-Token'], resp.json()['token']


class Report:
    def __init__(self, quiet=False):
        self.quiet = quiet
        self.counts = {'created': 0, 'updated': 0, 'found': 0}

    def __call__(self, status, what):
        self.counts[status] += 1
        if not (self.quiet and status == 'found'):
            print('  %-7s %s' % (status, what))

    def summary(self):
        return ', '.join('%s %d' % item for item in self.counts.items())


def _one(items, **match):
    for item in items:
        if all(item.get(k) == v for k, v in match.items()):
            return item
    return None


def ensure_service(client, report, stype, name, description):
    # Filter here too: a server may ignore the query parameter.
    service = _one(client.get('/identity/v3/services?type=%s' % stype,
                              'services'), type=stype)
    if service:
        report('found', 'service %s (%s)' % (stype, service.get('name')))
        return service
    service = client.post('/identity/v3/services', 'service', {
        'type': stype, 'name': name, 'description': description,
        'enabled': True})
    report('created', 'service %s (%s)' % (stype, name))
    return service


def ensure_endpoint(client, report, service, region, url):
    endpoints = client.get('/identity/v3/endpoints?service_id=%s'
                           '&interface=public' % service['id'], 'endpoints')
    for endpoint in endpoints:
        if (endpoint.get('service_id') == service['id']
                and endpoint.get('interface') == 'public'
                and region in (endpoint.get('region_id'),
                               endpoint.get('region'))):
            if endpoint.get('url') == url:
                report('found', 'endpoint %s public %s' % (service['type'],
                                                           url))
            else:
                client.request('PATCH', '/identity/v3/endpoints/%s'
                               % endpoint['id'],
                               json={'endpoint': {'url': url}})
                report('updated', 'endpoint %s public %s (was %s)' % (
                    service['type'], url, endpoint.get('url')))
            return
    client.post('/identity/v3/endpoints', 'endpoint', {
        'service_id': service['id'], 'interface': 'public', 'url': url,
        'region_id': region, 'enabled': True})
    report('created', 'endpoint %s public %s' % (service['type'], url))


def ensure_named(client, report, collection, key, name, body):
    """A project, user or role by name (within body's domain, if any)."""
    match = {'name': name}
    query = 'name=%s' % name
    if 'domain_id' in body:
        match['domain_id'] = body['domain_id']
        query += '&domain_id=%s' % body['domain_id']
    found = _one(client.get('/identity/v3/%s?%s' % (collection, query),
                            collection), **match)
    if found:
        report('found', '%s %s' % (key, name))
        return found, False
    created = client.post('/identity/v3/%s' % collection, key,
                          dict(body, name=name))
    report('created', '%s %s' % (key, name))
    return created, True


def ensure_role_assignment(client, report, project, user, role):
    path = '/identity/v3/projects/%s/users/%s/roles/%s' % (
        project['id'], user['id'], role['id'])
    what = 'role %s for user %s on project %s' % (
        role['name'], user['name'], project['name'])
    if client.request('HEAD', path, ok=OK + (404,)).status_code != 404:
        report('found', what)
        return
    client.request('PUT', path)
    report('created', what)


def ensure_demo(client, report, domain_id, password):
    project, _ = ensure_named(client, report, 'projects', 'project', 'demo', {
        'domain_id': domain_id, 'description': 'Demo project',
        'enabled': True})
    user, created = ensure_named(client, report, 'users', 'user', 'demo', {
        'domain_id': domain_id, 'password': password, 'enabled': True,
        'default_project_id': project['id']})
    role, _ = ensure_named(client, report, 'roles', 'role', 'member', {})
    ensure_role_assignment(client, report, project, user, role)
    # The password may differ from an earlier run's DEMO_PASSWORD.
    if client.authenticate('demo', password, 'demo') is None:
        if created:
            raise Failure('user demo was created but cannot log in to '
                          'project demo')
        client.request('PATCH', '/identity/v3/users/%s' % user['id'],
                       json={'user': {'password': password}})
        report('updated', 'password of user demo')
        if client.authenticate('demo', password, 'demo') is None:
            raise Failure('user demo cannot log in to project demo even '
                          'after its password was set')


def ensure_flavors(client, report):
    for flavorid, name, ram, disk, vcpus in FLAVORS:
        path = '/compute/v2.1/flavors/%s' % flavorid
        resp = client.request('GET', path, ok=(200, 404))
        if resp.status_code == 200:
            found = resp.json()['flavor']
            note = '' if found['name'] == name else (
                ' (named %s)' % found['name'])
            report('found', 'flavor %s id %s%s' % (name, flavorid, note))
            continue
        resp = client.request('POST', '/compute/v2.1/flavors', ok=OK + (409,),
                              json={'flavor': {
                                  'id': flavorid, 'name': name, 'ram': ram,
                                  'disk': disk, 'vcpus': vcpus}})
        if resp.status_code == 409:
            report('found', 'flavor %s (under another id)' % name)
        else:
            report('created', 'flavor %s id %s (%d MiB, %d GiB, %d vCPU)'
                   % (name, flavorid, ram, disk, vcpus))


def run(args):
    client = Client(args.url, timeout=args.timeout)
    report = Report(quiet=args.quiet)
    auth = client.authenticate(args.admin_user, args.admin_password,
                               args.admin_project)
    if auth is None:
        raise Failure('%s could not log in to project %s at %s/identity/v3: '
                      'wrong admin password, or stratus-manage bootstrap '
                      'not run' % (args.admin_user, args.admin_project,
                                   client.base))
    client.token, token = auth
    domain_id = token['user']['domain']['id']
    for stype, name, description, path in SERVICES:
        service = ensure_service(client, report, stype, name, description)
        ensure_endpoint(client, report, service, args.region,
                        client.base + path)
    ensure_demo(client, report, domain_id, args.demo_password)
    ensure_flavors(client, report)
    if args.test_image:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import test_image      # beside this script
        try:
            test_image.upload(client, report, args.test_image)
        except RuntimeError as exc:
            raise Failure(str(exc))
    return report


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='bootstrap_cloud.py',
        description='Catalog, demo project/user and default flavors of a '
                    'stratus cloud, through its REST APIs (idempotent).')
    parser.add_argument('--url', default=os.environ.get('SERVICE_URL',
                                                        'http://127.0.0.1'),
                        help='base URL of the REST surfaces, '
                             'http://HOST[:PORT] (env SERVICE_URL)')
    parser.add_argument('--region', default='RegionOne')
    parser.add_argument('--admin-user', default='admin')
    parser.add_argument('--admin-project', default='admin')
    parser.add_argument('--admin-password',
                        default=os.environ.get('ADMIN_PASSWORD'),
                        help='(env ADMIN_PASSWORD)')
    parser.add_argument('--demo-password',
                        default=os.environ.get('DEMO_PASSWORD', 'secret'),
                        help='(env DEMO_PASSWORD, default secret)')
    parser.add_argument('--timeout', type=float, default=30,
                        help='seconds per HTTP request')
    parser.add_argument('--test-image', metavar='DIR',
                        help='also upload the test guest make-test-image.sh '
                             'built in DIR and create flavor m1.test')
    parser.add_argument('--quiet', action='store_true',
                        help='print only what was created or updated')
    args = parser.parse_args(argv)
    if not args.admin_password:
        parser.error('--admin-password (or env ADMIN_PASSWORD) is required')
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        report = run(args)
    except Failure as exc:
        print('bootstrap_cloud: ERROR: %s' % exc, file=sys.stderr)
        return 1
    print('bootstrap_cloud: %s' % report.summary())
    return 0


if __name__ == '__main__':
    sys.exit(main())
