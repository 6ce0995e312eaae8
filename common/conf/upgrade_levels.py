"""[upgrade_levels] caps, so a newer node can talk to older ones."""
from oslo_config import cfg

upgrade_opts = [
    cfg.StrOpt(topic,
               help='Highest RPC API version to send to %s services; leave '
                    'unset to use the newest this node knows. Set it during '
                    'a rolling upgrade.' % topic)
    for topic in ('compute', 'conductor', 'scheduler', 'volume')
]


def list_opts():
    return [('upgrade_levels', upgrade_opts)]
