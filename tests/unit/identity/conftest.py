"""Identity tests use the boot/admin/demo fixtures of tests/unit/conftest.py.

Their client also holds every successful identity answer to keystone's own
published response schema for its route (support.identity_schemas), so a
body keystone would refuse to send fails the test that provoked it.
"""
import pytest

from support import identity_schemas


@pytest.fixture
def client(client):
    plain = client.request

    def request(method, path, *args, **kwargs):
        resp = plain(method, path, *args, **kwargs)
        if '/v3' in path and 'json' in (resp.content_type or ''):
            identity_schemas.check_response(method, path, resp.status_int,
                                            resp.text)
        return resp

    client.request = request
    return client
