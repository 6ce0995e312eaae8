"""stratus-api: one WSGI listener serving identity, compute, volume and
image REST surfaces under devstack-style prefixes."""
from stratus.common import importutils

# pecan registers every template engine it can import, and mako's error
# pages import pygments: jinja2 and pygments would cost each API process
# 6 MiB, and stratus renders JSON only (mako stays: pecan needs it).
with importutils.without('jinja2', 'pygments'):
    import pecan  # noqa: F401
