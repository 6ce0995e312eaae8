"""Entry point for oslo-config-generator (namespace ``stratus``)."""
from stratus.common.conf import _AREAS


def list_opts():
    merged = {}
    for area in _AREAS:
        for group, opts in area.list_opts():
            merged.setdefault(group, []).extend(opts)
    return [(group, opts) for group, opts in merged.items()]
