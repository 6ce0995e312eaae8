"""stratus-manage: db sync | db version | service list | bootstrap."""
import argparse
import sys

from stratus.common import config
from stratus.common.conf import CONF


def _db_sync(args):
    from stratus.db import migration
    try:
        migration.sync()
    except migration.SchemaMismatch as exc:
        sys.exit('stratus-manage db sync: %s' % exc)
    print('Database is at revision %s' % migration.current())


def _db_version(args):
    from stratus.db import migration
    print(migration.current())


def _service_list(args):
    from stratus.db.api import services
    rows = services.service_list()
    fmt = '%-4s %-20s %-28s %-10s %-9s %-6s %s'
    print(fmt % ('Id', 'Binary', 'Host', 'Zone', 'Status', 'State',
                 'Updated At'))
    for s in rows:
        print(fmt % (s['id'], s['binary'], s['host'], s['availability_zone'],
                     'disabled' if s['disabled'] else 'enabled',
                     ':-)' if s['is_up'] else 'XXX',
                     s['updated_at'] or s['created_at']))


def _bootstrap(args):
    from stratus.db.api import identity_bootstrap
    result = identity_bootstrap.bootstrap(
        admin_password=args.bootstrap_password,
        admin_username=args.bootstrap_username,
        project_name=args.bootstrap_project_name,
        region_id=args.bootstrap_region_id,
        public_url=args.bootstrap_public_url)
    for line in result:
        print(line)


def _parser():
    parser = argparse.ArgumentParser(prog='stratus-manage')
    parser.add_argument('--config-file', action='append', default=[])
    sub = parser.add_subparsers(dest='category', required=True)
    db = sub.add_parser('db').add_subparsers(dest='action', required=True)
    db.add_parser('sync', help='create or upgrade the schema').set_defaults(
        func=_db_sync)
    db.add_parser('version').set_defaults(func=_db_version)
    svc = sub.add_parser('service').add_subparsers(dest='action',
                                                   required=True)
    svc.add_parser('list').set_defaults(func=_service_list)
    boot = sub.add_parser('bootstrap', help='create the admin user, project, '
                          'roles and the identity endpoint (idempotent)')
    boot.add_argument('--bootstrap-password', required=True)
    boot.add_argument('--bootstrap-username', default='admin')
    boot.add_argument('--bootstrap-project-name', default='admin')
    boot.add_argument('--bootstrap-region-id', default='RegionOne')
    boot.add_argument('--bootstrap-public-url')
    boot.set_defaults(func=_bootstrap)
    return parser


def main(argv=None):
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    conf_args = []
    for path in args.config_file:
        conf_args += ['--config-file', path]
    config.parse_args(conf_args, 'stratus-manage', init_rpc=False)
    CONF.set_override('use_stderr', False)
    args.func(args)
    return 0


if __name__ == '__main__':
    sys.exit(main())
