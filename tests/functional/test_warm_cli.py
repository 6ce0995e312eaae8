"""The warm `openstack` (support/cli_server.py) answers as the script
does: same output, exit status and program name, the caller's
environment and working directory, a timeout that kills the command."""
import os
import socket
import subprocess
import threading

import pytest

from support import cloud as cloud_support


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
    env.update(extra)
    return env


@pytest.mark.parametrize('args', [
    ['--version'],
    ['no-such', 'command'],
    ['volume', 'create', '--size'],
    ['help', 'server', 'list'],
    # Nothing listens on port 9: the connection error as the CLI words it.
    ['--os-auth-url', 'http://127.0.0.1:9/identity/v3', '--os-username',
     'u', '--os-password', 'p', '--os-project-name', 'p',
     '--os-user-domain-name', 'Default', '--os-project-domain-name',
     'Default', 'server', 'list'],
])
def test_same_answer_as_the_script(args):
    env = _env()
    script = subprocess.run([cloud_support.OPENSTACK] + args, env=env,
                            capture_output=True, text=True, timeout=120)
    warm = cloud_support._warm_cli.run(args, env, 120)
    assert (warm.returncode, warm.stdout, warm.stderr) == (
        script.returncode, script.stdout, script.stderr)
    assert warm.args == [cloud_support.OPENSTACK] + args


def test_environment_and_working_directory_are_the_callers(
        tmp_path, monkeypatch):
    # `openstack` reads clouds.yaml from the working directory first.
    (tmp_path / 'clouds.yaml').write_text(
        'clouds:\n  here:\n    auth:\n      auth_url: http://127.0.0.1:9/v3\n'
        '    region_name: HereOne\n')
    monkeypatch.chdir(tmp_path)
    result = cloud_support._warm_cli.run(
        ['configuration', 'show', '-f', 'value', '-c', 'region_name'],
        _env(OS_CLOUD='here'), 120)
    assert (result.returncode, result.stdout) == (0, 'HereOne\n'), \
        result.stderr
    monkeypatch.chdir(tmp_path.parent)
    elsewhere = cloud_support._warm_cli.run(
        ['configuration', 'show', '-f', 'value', '-c', 'region_name'],
        _env(OS_CLOUD='here'), 120)
    assert elsewhere.returncode == 1
    assert 'Cloud here was not found' in elsewhere.stderr


def test_timeout_kills_the_command():
    # A listener that never answers: the command waits for its token.
    with socket.socket() as listener:
        listener.bind(('127.0.0.1', 0))
        listener.listen(8)
        url = 'http://127.0.0.1:%d/v3' % listener.getsockname()[1]
        with pytest.raises(subprocess.TimeoutExpired):
            cloud_support._warm_cli.run(
                ['--os-auth-url', url, '--os-username', 'u',
                 '--os-password', 'p', '--os-project-name', 'p',
                 '--os-user-domain-name', 'Default',
                 '--os-project-domain-name', 'Default', 'server', 'list'],
                _env(), 2)
    # The server answers the next command.
    assert cloud_support._warm_cli.run(['--version'], _env(), 120) \
        .returncode == 0


def test_concurrent_commands_all_answer():
    # A command started while another holds the warm CLI spawns the script.
    results = []
    threads = [threading.Thread(target=lambda: results.append(
        cloud_support.run_openstack(['--version'], _env())))
        for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [(r.returncode, r.stdout) for r in results] == \
        [(0, 'openstack %s\n' % _version())] * 3


def _version():
    from importlib import metadata
    return metadata.version('python-openstackclient')
