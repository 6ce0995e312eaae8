"""[scheduler] and [filter_scheduler] options: how hosts are picked."""
from oslo_config import cfg

scheduler_opts = []
filter_scheduler_opts = []


def list_opts():
    return [('scheduler', scheduler_opts),
            ('filter_scheduler', filter_scheduler_opts)]
