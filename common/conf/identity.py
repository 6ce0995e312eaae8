"""[identity] options of the built-in Keystone v3 subset."""
from oslo_config import cfg

opts = [
    cfg.IntOpt('token_expiration', default=3600, min=1,
               help='Seconds a token stays valid after it is issued.'),
    cfg.IntOpt('password_hash_rounds', default=10, min=4, max=31,
               help='bcrypt cost factor for stored passwords. Each step '
                    'doubles the time every password authentication takes.'),
    cfg.StrOpt('default_domain_id', default='default',
               help='Id of the domain created at bootstrap (name Default).'),
    cfg.IntOpt('token_cache_time', default=5, min=0,
               help='Seconds a worker may reuse a validated token without '
                    'reading the database again. Revocation in the same '
                    'worker is immediate; in other workers it takes effect '
                    'within this time. 0 disables the cache.'),
    cfg.ListOpt('prohibited_implied_role', default=['admin'],
                help='Names of roles that no role may imply (keystone\'s '
                     '[assignment] prohibited_implied_role).'),
]

endpoint_filter_opts = [
    cfg.BoolOpt('return_all_endpoints_if_no_filter', default=True,
                help='Whether a project-scoped token whose project has no '
                     'OS-EP-FILTER association (or only ones matching no '
                     'endpoint) carries the whole catalog (true) or an '
                     'empty one (false). Keystone\'s option of the same '
                     'name.'),
]


def list_opts():
    return [('identity', opts), ('endpoint_filter', endpoint_filter_opts)]
