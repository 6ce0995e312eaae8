"""A warm `openstack` CLI for the tests: one process imports the CLI (the
openstackclient shell, the SDK, keystoneauth and every command module)
once, then forks a child per command that runs the very entry point of the
`openstack` script, `openstackclient.shell:main`, with the command's argv,
environment and working directory. Each command still is a process of its
own that authenticates and talks HTTP like the real CLI; only the ~1-2 s of
imports each start-up costs is paid once per test session.

Run as `python cli_server.py FD OPENSTACK` (the script's path): FD is a socket (one end of a socketpair)
that carries one JSON request per line, {argv, env, cwd, timeout}, and gets
one JSON reply per line, {returncode, stdout, stderr} or {timeout: true}.
Standard input is inherited, as `subprocess.run` would pass it.
"""
import atexit
import importlib
import json
import os
import select
import signal
import socket
import sys
import tempfile
import traceback

PRELOAD_GROUPS_PREFIX = 'openstack.'


def preload():
    """Import what every command would import at start-up, so that forked
    children find it in sys.modules."""
    from importlib import metadata

    import openstackclient.shell  # noqa: F401
    for name in ('openstack.connection', 'openstack.config.loader',
                 'keystoneauth1.loading', 'keystoneauth1.identity.generic',
                 'keystoneauth1.identity.v3', 'requests', 'urllib3'):
        try:
            importlib.import_module(name)
        except Exception:
            pass
    modules = set()
    for dist in metadata.distributions():
        for ep in dist.entry_points:
            if ep.group.startswith(PRELOAD_GROUPS_PREFIX) or \
                    ep.group == 'keystoneauth1.plugin':
                modules.add(ep.value.split(':')[0].strip())
    for name in sorted(modules):
        try:
            importlib.import_module(name)
        except Exception:
            # A plugin that cannot import in the parent fails the same
            # way in the child, where the CLI reports it as it would.
            pass


def _exit_code(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write('%s\n' % code)
    return 1


def run_child(request, out_path, err_path):
    """In the forked child: become an `openstack` process and never
    return."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(request['cwd'])
        os.environ.clear()
        os.environ.update(request['env'])
        for fd, path in ((1, out_path), (2, err_path)):
            target = os.open(path, os.O_WRONLY | os.O_TRUNC)
            os.dup2(target, fd)
            os.close(target)
        sys.argv = [request['executable']] + list(request['argv'])
        # The SDK's config loader fixes its search path (working directory,
        # home) when it imports: as a fresh process would, it takes this
        # command's.
        if 'openstack.config.loader' in sys.modules:
            importlib.reload(sys.modules['openstack.config.loader'])
        from openstackclient.shell import main
        try:
            code = _exit_code(main(list(request['argv'])))
        except SystemExit as exc:
            code = _exit_code(exc.code)
        except BaseException:
            traceback.print_exc()
            code = 1
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)


def _read(path):
    with open(path, 'rb') as f:
        data = f.read()
    # As subprocess.run(text=True) decodes: universal newlines.
    text = data.decode('utf-8', errors='replace')
    return text.replace('\r\n', '\n').replace('\r', '\n')


def _wait(pid, timeout):
    """The child's wait status, or None when it ran out of time (killed)."""
    pidfd = os.pidfd_open(pid)
    try:
        if not select.select([pidfd], [], [], timeout)[0]:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
    finally:
        os.close(pidfd)
    return os.waitpid(pid, 0)[1]


def serve(sock):
    workdir = tempfile.mkdtemp(prefix='stratus-cli-server-')
    out_path = os.path.join(workdir, 'stdout')
    err_path = os.path.join(workdir, 'stderr')
    reader = sock.makefile('r', encoding='utf-8')
    for line in reader:
        request = json.loads(line)
        for path in (out_path, err_path):
            open(path, 'wb').close()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            sock.close()
            run_child(request, out_path, err_path)
        status = _wait(pid, request['timeout'])
        if status is None:
            reply = {'timeout': True}
        else:
            reply = {'returncode': os.waitstatus_to_exitcode(status),
                     'stdout': _read(out_path), 'stderr': _read(err_path)}
        sock.sendall((json.dumps(reply) + '\n').encode('utf-8'))
    for path in (out_path, err_path):
        os.unlink(path)
    os.rmdir(workdir)


def main():
    sock = socket.socket(fileno=int(sys.argv[1]))
    # cliff names the program after sys.argv[0] when its module imports.
    sys.argv = [sys.argv[2]]
    preload()
    sock.sendall(b'ready\n')
    serve(sock)


if __name__ == '__main__':
    main()
