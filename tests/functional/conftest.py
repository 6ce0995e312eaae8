"""One real cloud per test session (daemons start in a few seconds).

Its files live in a directory of its own (not pytest's tmp_path, which
concurrent pytest runs rotate away); STRATUS_KEEP_LOGS=1 keeps it."""
import os
import shutil
import tempfile

import pytest

from support import cloud as cloud_support
from support import identity_schemas


@pytest.fixture(scope='session')
def cloud():
    workdir = tempfile.mkdtemp(prefix='stratus-functional-')
    c = cloud_support.Cloud(workdir, computes=('compute1', 'compute2'),
                            backends=('lvmdriver-1', 'lvmdriver-2'))
    print('functional cloud in', workdir)
    try:
        c.start()
    except Exception:
        c.stop()
        raise
    yield c
    c.stop()
    if not os.environ.get('STRATUS_KEEP_LOGS'):
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _identity_response_schemas(monkeypatch):
    """Raw REST answers of identity are held to keystone's own published
    response schemas (support.identity_schemas); no keystone, no check."""
    identity_schemas.hook_requests(monkeypatch)
