"""The layout rules of ARCHITECTURE.md, checked on the tree."""
import ast
import os

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PACKAGES = ('api', 'common', 'compute', 'conductor', 'db', 'scheduler',
            'volume')


def _modules(*folders):
    for folder in folders:
        for root, dirs, files in os.walk(os.path.join(REPO, folder)):
            dirs[:] = [d for d in dirs if d != '__pycache__']
            for name in files:
                if name.endswith('.py'):
                    yield os.path.join(root, name)


def _imports(path):
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def _rel(path):
    return os.path.relpath(path, REPO)


# Revisions start from alembic autogenerate, not written by hand.
GENERATED = ('db/migrations/versions/',)


def test_no_module_over_600_lines():
    big = []
    for path in _modules(*PACKAGES):
        if _rel(path).startswith(GENERATED):
            continue
        with open(path) as f:
            count = sum(1 for _ in f)
        if count > 600:
            big.append('%s (%d lines)' % (_rel(path), count))
    assert big == []


# The Python API of compute runs inside stratus-api, not in the daemon.
API_SIDE = {'compute/api.py', 'compute/create.py',
            'compute/snapshot_images.py', 'compute/server_volumes.py',
            'compute/quota_checks.py', 'compute/external_events.py',
            'compute/volume_rebuild.py',
            'compute/live_migrate_api.py', 'compute/unsent.py'}


@pytest.mark.parametrize('folder', ['compute', 'volume/drivers'])
def test_compute_and_drivers_never_touch_the_database(folder):
    offenders = [_rel(p) for p in _modules(folder)
                 if _rel(p) not in API_SIDE and
                 any(m == 'stratus.db' or m.startswith('stratus.db.')
                     for m in _imports(p))]
    assert offenders == []


def test_common_imports_no_service_package():
    services = tuple('stratus.%s' % p for p in PACKAGES if p != 'common')
    offenders = [(_rel(p), m) for p in _modules('common')
                 for m in _imports(p) if m.startswith(services)]
    assert offenders == []


def test_no_eventlet():
    offenders = [_rel(p) for p in _modules(*PACKAGES)
                 if any(m.split('.')[0] == 'eventlet' for m in _imports(p))]
    assert offenders == []
