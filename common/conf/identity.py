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


# keystone's [unified_limit]: how limits relate to the project tree.
unified_limit_opts = [
    cfg.StrOpt('enforcement_model', default='flat',
               choices=[('flat', 'limits are independent of each other'),
                        ('strict_two_level', 'a project limit is at most '
                         'its domain\'s limit (or the registered default)')],
               help='The unified limits model GET /v3/limits/model '
                    'reports and limit writes are checked against: flat '
                    'ignores the project tree; strict_two_level keeps a '
                    'project\'s limit within its domain\'s.'),
]

# keystone's [oauth1] lifetimes (0: the token never expires).
oauth1_opts = [
    cfg.IntOpt('request_token_duration', default=28800, min=0,
               help='Seconds an OS-OAUTH1 request token stays valid.'),
    cfg.IntOpt('access_token_duration', default=86400, min=0,
               help='Seconds an OS-OAUTH1 access token stays valid.'),
]


def list_opts():
    return [('identity', opts), ('endpoint_filter', endpoint_filter_opts),
            ('unified_limit', unified_limit_opts),
            ('oauth1', oauth1_opts)]
