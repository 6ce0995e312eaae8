"""[quota] options: default per-project limits."""
from oslo_config import cfg

opts = []


def list_opts():
    return [('quota', opts)]
