"""Service records: registration, heartbeats and the up/down rule."""
import datetime

from stratus.common.conf import CONF
from stratus.db import models
from stratus.db import session
from stratus.db.api import services

VALUES = {'binary': 'stratus-compute', 'host': 'node1', 'topic': 'compute',
          'availability_zone': 'nova'}


def test_first_report_registers_then_heartbeats(db):
    first = services.report(None, VALUES)
    second = services.report(None, VALUES)
    assert first['id'] == second['id']
    assert second['report_count'] == 2
    assert second['is_up']
    assert len(services.service_list()) == 1


def test_service_is_down_after_service_down_time(db):
    row = services.report(None, VALUES)
    stale = models.utcnow() - datetime.timedelta(
        seconds=CONF.service_down_time + 1)
    with session.writer() as s:
        s.get(models.Service, row['id']).updated_at = stale
    assert not services.service_get(row['id'])['is_up']


def test_forced_down_is_down(db):
    row = services.report(None, VALUES)
    services.service_update(row['id'], {'forced_down': True})
    assert not services.service_get(row['id'])['is_up']


def test_list_filters(db):
    services.report(None, VALUES)
    services.report(None, dict(VALUES, binary='stratus-scheduler',
                               topic='scheduler'))
    assert [s['binary'] for s in services.service_list(
        binaries=['stratus-scheduler'])] == ['stratus-scheduler']
    assert services.service_list(host='other') == []
