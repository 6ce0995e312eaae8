"""Logging set-up: one file per daemon, OpenStack's line format.

A line reads
``2026-11-24 10:00:01.234 4711 INFO stratus.compute.manager [None req-... admin admin - - -] [instance: 3c2d...] Pausing``.
"""
from oslo_log import log as logging

CONTEXT_FORMAT = ('%(asctime)s.%(msecs)03d %(process)d %(levelname)s '
                  '%(name)s [%(global_request_id)s %(request_id)s '
                  '%(user_identity)s] %(instance)s%(message)s')
DEFAULT_FORMAT = ('%(asctime)s.%(msecs)03d %(process)d %(levelname)s '
                  '%(name)s [-] %(instance)s%(message)s')
USER_IDENTITY = ('%(user_name)s %(project_name)s %(domain)s '
                 '%(user_domain)s %(project_domain)s')
# Quiet the libraries; stratus itself logs at the configured level.
LIBRARY_LEVELS = ['amqp=WARN', 'amqplib=WARN', 'kombu=WARN',
                  'oslo.messaging=INFO', 'oslo_messaging=INFO',
                  'sqlalchemy=WARN', 'alembic=WARN', 'stevedore=WARN',
                  'taskflow=WARN', 'urllib3=WARN', 'requests=WARN',
                  'pecan=WARN', 'cheroot=WARN', 'oslo_service=WARN',
                  'oslo_concurrency=WARN', 'cotyledon=WARN',
                  'oslo_policy=WARN', 'keystoneauth=WARN']


def register(conf):
    logging.register_options(conf)
    logging.set_defaults(logging_context_format_string=CONTEXT_FORMAT,
                         default_log_levels=LIBRARY_LEVELS)
    conf.set_default('logging_default_format_string', DEFAULT_FORMAT)
    conf.set_default('logging_user_identity_format', USER_IDENTITY)


def setup(conf, service_name):
    logging.setup(conf, 'stratus', version='')
    logging.getLogger(__name__).debug('Logging set up for %s', service_name)


getLogger = logging.getLogger
