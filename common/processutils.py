"""Run an external command as an argument list (never through a shell).

Drivers take ``execute`` as a constructor argument so unit tests can record
the exact command lines; this module is the real one.
"""
import os
import shlex
import subprocess
import time

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class ProcessExecutionError(Exception):
    """A command failed (or could not start); carries what it said."""

    def __init__(self, cmd, exit_code=None, stdout='', stderr='',
                 description=None):
        self.cmd = list(cmd)
        self.exit_code = exit_code
        self.stdout = stdout or ''
        self.stderr = stderr or ''
        self.description = description or 'Unexpected error while running command.'
        super().__init__(
            '%s\nCommand: %s\nExit code: %s\nStdout: %r\nStderr: %r'
            % (self.description, shlex.join(self.cmd), exit_code,
               self.stdout, self.stderr))


def _env(extra):
    env = dict(os.environ)
    # Tools must speak one language: their messages are matched and their
    # numbers parsed.
    env['LC_ALL'] = 'C'
    env.update(extra or {})
    return env


def execute(cmd, check_exit_code=(0,), env=None, process_input=None,
            timeout=None):
    """Run `cmd` (a list of str); return (stdout, stderr) as text.

    Raises ProcessExecutionError when the exit code is not in
    `check_exit_code` (pass () to accept any), when the program is missing
    or when `timeout` seconds pass.
    """
    cmd = [str(arg) for arg in cmd]
    line = shlex.join(cmd)
    LOG.debug('Running cmd: %s', line)
    started = time.monotonic()
    try:
        proc = subprocess.run(
            cmd, input=process_input, capture_output=True, text=True,
            env=_env(env), timeout=timeout, close_fds=True,
            stdin=None if process_input is not None else subprocess.DEVNULL)
    except FileNotFoundError as e:
        raise ProcessExecutionError(cmd, description='Command not found: %s'
                                    % e.filename) from e
    except subprocess.TimeoutExpired as e:
        raise ProcessExecutionError(
            cmd, stdout=_text(e.stdout), stderr=_text(e.stderr),
            description='Command timed out after %ss.' % timeout) from e
    elapsed = time.monotonic() - started
    LOG.debug('CMD "%s" returned: %s in %.3fs', line, proc.returncode,
              elapsed)
    if check_exit_code and proc.returncode not in check_exit_code:
        raise ProcessExecutionError(cmd, proc.returncode, proc.stdout,
                                    proc.stderr)
    return proc.stdout, proc.stderr


def _text(data):
    if isinstance(data, bytes):
        return data.decode('utf-8', 'replace')
    return data or ''
