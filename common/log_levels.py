"""Log levels of a running daemon, read and changed at run time
(os-services/get-log and set-log): every logger whose name starts with a
prefix, as cinder's utils do."""
import logging

from oslo_log import log

from stratus.common import exception

LOG_LEVELS = ('INFO', 'WARNING', 'ERROR', 'DEBUG')


def level_of(name):
    """The logging level called `name` (any case); cinder's 400 else."""
    name = name or ''
    if name.upper() not in LOG_LEVELS:
        raise exception.InvalidInput(reason='%s is not a valid log level.'
                                     % name)
    return getattr(logging, name.upper())


def set_levels(prefix, level_name):
    level = level_of(level_name)
    prefix = prefix or ''
    for name, adapter in log.get_loggers().items():
        if name and name.startswith(prefix):
            adapter.logger.setLevel(level)


def get_levels(prefix):
    """{logger name: level name} of the loggers under `prefix`."""
    prefix = prefix or ''
    return {name: logging.getLevelName(adapter.logger.getEffectiveLevel())
            for name, adapter in log.get_loggers().items()
            if name and name.startswith(prefix)}
