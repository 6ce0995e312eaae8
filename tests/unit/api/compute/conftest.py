"""A compute API that serves every microversion up to 2.104, for the tests
of version boundaries."""
import pytest

from stratus.api.compute import versions


@pytest.fixture
def compute_v(admin, monkeypatch):
    """An admin client of an app built with versions.MAX = 2.104.

    Requests take ``version='2.N'`` (sent as OpenStack-API-Version);
    ``headers={'X-Auth-Token': ...}`` switches the user as usual.
    """
    monkeypatch.setattr(versions, 'MAX', (2, 104))
    from stratus.api import app as app_module

    class VersionedClient(type(admin)):
        def request(self, method, path, body=None, headers=None, raw=None,
                    version=None):
            headers = dict(headers or {})
            if version is not None:
                headers['OpenStack-API-Version'] = 'compute %s' % version
            return super().request(method, path, body, headers, raw)

    client = VersionedClient(app_module.build_app())
    client.token = admin.token
    return client
