"""An in-use extend (3.42) tells each server holding the volume, as
cinder's volume manager does through nova's os-server-external-events
(a volume-extended event tagged with the volume id); an available volume
tells nobody."""
import uuid

from support import schemas

from stratus.compute import external_events
from stratus.db.api import volume_attachments
from stratus.db.api import volumes as db_volumes
from stratus.db import session

SCHEMA = schemas.volume('volumes')


def _record_events(monkeypatch):
    sent = []

    def accept(compute, ctxt, events):
        sent.append((ctxt.is_admin, events))
        return 200
    monkeypatch.setattr(external_events, 'accept', accept)
    return sent


def test_in_use_extend_sends_volume_extended(vcloud, monkeypatch):
    sent = _record_events(monkeypatch)
    volume = vcloud.create_volume()
    server = str(uuid.uuid4())
    with session.writer() as s:
        volume_attachments.create(s, volume['id'], {
            'instance_uuid': server, 'attach_status': 'attached'})
    db_volumes.update(volume['id'], {'status': 'in-use'})
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 3}},
                         version='3.42')
    schemas.check(SCHEMA.extend_volume, resp)
    assert vcloud.show(volume['id'])['size'] == 3
    assert sent == [(True, [{'name': 'volume-extended',
                             'server_uuid': server,
                             'tag': volume['id']}])]


def test_available_extend_sends_nothing(vcloud, monkeypatch):
    sent = _record_events(monkeypatch)
    volume = vcloud.create_volume()
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 2}})
    schemas.check(SCHEMA.extend_volume, resp)
    assert sent == []
