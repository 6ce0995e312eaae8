"""A compute's idempotent conductor calls are asked again after a shorter
wait when the conductor did not answer (a call taken by a conductor killed
mid-call is lost); other calls are sent once."""
import pytest

from stratus.common import rpc
from stratus.conductor import rpcapi


class _Lossy:
    def __init__(self, losses):
        self.losses = losses
        self.calls = []

    def call(self, ctxt, method, **kwargs):
        self.calls.append(method)
        if self.losses:
            self.losses -= 1
            raise rpc.MessagingTimeout('lost')
        return {'method': method}


def test_an_idempotent_call_is_asked_again():
    normal, short = _Lossy(0), _Lossy(2)
    cctxt = rpcapi._Retrying(normal, short)
    assert cctxt.call(None, 'instance_update', instance_uuid='u',
                      values={}) == {'method': 'instance_update'}
    assert short.calls == ['instance_update'] * 3
    assert normal.calls == []


def test_a_call_lost_every_time_fails_after_the_attempts():
    cctxt = rpcapi._Retrying(_Lossy(0), _Lossy(rpcapi.ATTEMPTS))
    with pytest.raises(rpc.MessagingTimeout):
        cctxt.call(None, 'instance_destroy', instance_uuid='u')


def test_other_calls_are_sent_once_with_the_whole_timeout():
    normal, short = _Lossy(1), _Lossy(0)
    cctxt = rpcapi._Retrying(normal, short)
    with pytest.raises(rpc.MessagingTimeout):
        cctxt.call(None, 'volume_attachment_create', volume_id='v',
                   instance_uuid='u')
    assert short.calls == []
