"""[image] options of the built-in image service (Glance v2 subset)."""
from oslo_config import cfg

opts = []


def list_opts():
    return [('image', opts)]
