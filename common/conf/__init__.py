"""The one ConfigOpts object and the registration of every stratus option.

Options are declared per area (one module each, with a ``list_opts()``) and
registered here, never in the module that reads them.
"""
from oslo_config import cfg

from stratus.common.conf import api
from stratus.common.conf import database
from stratus.common.conf import default
from stratus.common.conf import compute
from stratus.common.conf import identity
from stratus.common.conf import image
from stratus.common.conf import quota
from stratus.common.conf import scheduler
from stratus.common.conf import upgrade_levels
from stratus.common.conf import volume

CONF = cfg.CONF

_AREAS = (default, database, api, identity, compute, image, quota, scheduler,
          upgrade_levels, volume)


def register_all(conf=CONF):
    for area in _AREAS:
        for group, opts in area.list_opts():
            conf.register_opts(opts, group=group)


register_all()
