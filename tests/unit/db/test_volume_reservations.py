"""Volume quota reservations: held while a request creates its row, and
not written at all when no limit applies (every daemon's writers queue on
the database's one write lock)."""
import pytest

from stratus.common import exception
from stratus.common.conf import CONF
from stratus.db.api import volume_quotas


def test_a_limited_resource_is_held_until_commit(db):
    ids = volume_quotas.reserve('p1', {'volumes': 1, 'gigabytes': 2})
    assert len(ids) == 2
    assert volume_quotas.get('p1')[2] == {'volumes': 1, 'gigabytes': 2}
    volume_quotas.commit(ids)
    assert volume_quotas.get('p1')[2] == {}


def test_nothing_is_held_without_limits(db):
    CONF.set_override('volumes', -1, 'quota')
    CONF.set_override('gigabytes', -1, 'quota')
    try:
        assert volume_quotas.reserve('p1', {'volumes': 1,
                                            'gigabytes': 2}) == []
        assert volume_quotas.get('p1')[2] == {}
        volume_quotas.commit([])        # what the flow does next
    finally:
        CONF.clear_override('volumes', 'quota')
        CONF.clear_override('gigabytes', 'quota')


def test_a_per_volume_limit_is_still_checked(db):
    CONF.set_override('volumes', -1, 'quota')
    CONF.set_override('gigabytes', -1, 'quota')
    CONF.set_override('per_volume_gigabytes', 5, 'quota')
    try:
        with pytest.raises(exception.VolumeSizeExceedsLimit):
            volume_quotas.reserve('p1', {'volumes': 1, 'gigabytes': 6},
                                  volume_size=6)
    finally:
        for name in ('volumes', 'gigabytes', 'per_volume_gigabytes'):
            CONF.clear_override(name, 'quota')
