"""One real cloud per test session (daemons start in a few seconds)."""
import pytest

from support import cloud as cloud_support


@pytest.fixture(scope='session')
def cloud(tmp_path_factory):
    c = cloud_support.Cloud(tmp_path_factory.mktemp('cloud'),
                            computes=('compute1', 'compute2'))
    try:
        c.start()
    except Exception:
        c.stop()
        raise
    yield c
    c.stop()
