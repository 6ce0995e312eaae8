"""changes-since and changes-before compare at nova's precision: nova
keeps and shows whole seconds, stratus keeps microseconds, so a server
updated at T.5 (shown as T) has changed since T and before T (the CLI's
`server list --changes-before T` with the time it just read)."""
import datetime
import uuid

import pytest
import sqlalchemy as sa

from support import schemas

from stratus.api.compute import servers as servers_api
from stratus.common import rpc
from stratus.db import models
from stratus.db import session
from stratus.db.api import images

SERVERS = '/compute/v2.1/servers'
T = datetime.datetime(2026, 3, 4, 5, 6, 7, 500000)


class _Casts:
    def __getattr__(self, method):
        return lambda *args, **kwargs: None


@pytest.fixture
def server(compute_v, monkeypatch):
    rpc.init(url='fake:/')
    monkeypatch.setattr(servers_api.COMPUTE, 'conductor', _Casts())
    image = images.create({
        'id': str(uuid.uuid4()), 'name': 'img', 'status': 'active',
        'visibility': 'public', 'owner': 'x', 'disk_format': 'raw',
        'container_format': 'bare', 'size': 1}, {})
    compute_v.post('/compute/v2.1/flavors', {'flavor': {
        'name': 'tiny', 'ram': 64, 'vcpus': 1, 'disk': 1, 'id': '1'}})
    sid = compute_v.post(SERVERS, {'server': {
        'name': 'vm', 'imageRef': image['id'], 'flavorRef': '1'}},
        version='2.1').json['server']['id']
    with session.writer() as s:
        s.execute(sa.update(models.Instance).where(
            models.Instance.uuid == sid).values(updated_at=T))
    yield compute_v, sid
    rpc.init()


def _ids(api, query, version='2.66'):
    resp = api.get(SERVERS + '?' + query, version=version)
    body = schemas.check(schemas.compute('servers', version).list_servers,
                         resp)
    return [s['id'] for s in body['servers']]


@pytest.mark.parametrize('query,found', [
    ('changes-before=2026-03-04T05:06:07Z', True),
    ('changes-before=2026-03-04T05:06:07.2Z', True),
    ('changes-before=2026-03-04T05:06:06Z', False),
    ('changes-since=2026-03-04T05:06:07Z', True),
    ('changes-since=2026-03-04T05:06:07.9Z', False),
    ('changes-since=2026-03-04T05:06:08Z', False),
    ('changes-since=2026-03-04T05:06:07Z&'
     'changes-before=2026-03-04T05:06:07Z', True),
])
def test_server_list_at_whole_seconds(server, query, found):
    api, sid = server
    assert (sid in _ids(api, query)) is found


def test_shown_updated_is_the_bound_that_finds_it(server):
    api, sid = server
    shown = api.get(SERVERS + '/' + sid, version='2.66').json['server']
    assert shown['updated'] == '2026-03-04T05:06:07Z'
    assert sid in _ids(api, 'changes-before=' + shown['updated'])
    assert sid in _ids(api, 'changes-since=' + shown['updated'])


def test_instance_actions_at_whole_seconds(server):
    api, sid = server
    with session.writer() as s:
        s.execute(sa.update(models.InstanceAction).where(
            models.InstanceAction.instance_uuid == sid).values(
            updated_at=T))
    path = SERVERS + '/%s/os-instance-actions?' % sid
    found = api.get(path + 'changes-before=2026-03-04T05:06:07Z',
                    version='2.66').json['instanceActions']
    assert len(found) == 1
    found = api.get(path + 'changes-since=2026-03-04T05:06:07Z',
                    version='2.66').json['instanceActions']
    assert len(found) == 1
