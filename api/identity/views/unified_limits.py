"""Registered limit and limit bodies (keystone v3)."""
from stratus.api.identity import common


def registered_limit(row):
    return dict(row, links=common.self_link('registered_limits/%s'
                                            % row['id']))


def limit(row):
    return dict(row, links=common.self_link('limits/%s' % row['id']))
