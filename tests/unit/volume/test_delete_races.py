"""A volume or snapshot deleted while the volume service works on it:
nothing failed for the user, so the service says so in one line at INFO,
never ERROR, never a traceback (nova's "Instance disappeared during ...")."""
import logging

from stratus.db.api import snapshots as db_snapshots
from stratus.db.api import volumes as db_volumes


def _quiet(caplog):
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR or
            r.exc_info or 'Traceback' in r.getMessage()]
    assert not loud, [r.getMessage() for r in loud]
    assert any('disappeared' in r.getMessage() and r.levelno == logging.INFO
               for r in caplog.records)


def test_delete_during_an_extend(vcloud, caplog, monkeypatch):
    volume = vcloud.create_volume()
    driver = vcloud.driver_of(volume)
    real = driver.extend_volume

    def racing(vol, new_size_gb):
        real(vol, new_size_gb)
        db_volumes.destroy(volume['id'])
    monkeypatch.setattr(driver, 'extend_volume', racing)
    caplog.set_level(logging.DEBUG)
    resp = vcloud.action(volume['id'], {'os-extend': {'new_size': 2}})
    assert resp.status_int == 202, resp.text
    _quiet(caplog)
    assert vcloud.get('/volumes/%s' % volume['id']).status_int == 404


def test_delete_during_a_snapshot_create(vcloud, caplog, monkeypatch):
    volume = vcloud.create_volume()
    driver = vcloud.driver_of(volume)
    real = driver.create_snapshot

    def racing(snapshot, vol):
        real(snapshot, vol)
        db_snapshots.destroy(snapshot['id'])
    monkeypatch.setattr(driver, 'create_snapshot', racing)
    caplog.set_level(logging.DEBUG)
    resp = vcloud.post('/snapshots', {'snapshot': {
        'volume_id': volume['id']}})
    assert resp.status_int == 202, resp.text
    _quiet(caplog)
