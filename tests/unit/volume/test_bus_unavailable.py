"""A volume create whose cast the broker does not take answers cinder's
503 fault and leaves no volume and no quota used (doc/reliability.md)."""
from support import schemas

from stratus.common import exception


class RefusingScheduler:
    def create_volume(self, ctxt, volume_id, request_spec):
        raise exception.BusUnavailable()


def test_create_answers_503_and_leaves_no_volume(vcloud, demo, monkeypatch):
    from stratus.api.volume import volumes
    monkeypatch.setattr(volumes.VOLUMES, 'scheduler_rpc', RefusingScheduler())
    resp = vcloud.post('/volumes', {'volume': {'size': 1}}, user=demo)
    message = schemas.check_fault(resp, 503, 'serviceUnavailable')
    assert message == ('The message bus is unavailable, so the request was '
                       'not taken; try again later.')
    assert vcloud.get('/volumes', user=demo).json['volumes'] == []
    usage = vcloud.get('/os-quota-sets/%s?usage=True'
                       % demo['project_id']).json['quota_set']
    assert usage['volumes']['in_use'] == 0
    assert usage['gigabytes']['in_use'] == 0
