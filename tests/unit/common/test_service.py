"""Service start, heartbeat and stop over oslo.messaging's fake transport."""
import threading
import time

import oslo_messaging as messaging
import pytest

from stratus.common import periodic
from stratus.common import rpc
from stratus.common import service
from stratus.common.conf import CONF


class EchoManager:
    target = messaging.Target(version='1.0')

    def __init__(self):
        self.ticks = 0
        self.contexts = []

    def echo(self, ctxt, value):
        self.contexts.append(ctxt)
        return value

    @periodic.task(0.05, initial_delay=0)
    def tick(self, ctxt):
        self.ticks += 1


class EchoClient(rpc.RPCClientBase):
    TOPIC = 'echo'
    VERSION = '1.0'


@pytest.fixture
def fake_bus():
    CONF.set_override('report_interval', 1)
    rpc.init(url='fake:/')
    yield
    rpc.init()
    CONF.clear_override('report_interval')


def test_service_registers_serves_beats_and_stops(fake_bus):
    reports = []
    manager = EchoManager()
    member = service.Member(topic='echo', host='node1', manager=manager,
                            availability_zone='nova')
    svc = service.Service('stratus-echo', [member],
                          report=lambda ctxt, values: reports.append(values))
    svc.start()
    try:
        from stratus.common import context
        ctxt = context.RequestContext(user_id='u', project_id='p')
        client = EchoClient()
        assert client._prepare('1.0', server='node1').call(
            ctxt, 'echo', value=42) == 42
        # The caller's request id arrives with the call.
        assert manager.contexts[-1].request_id == ctxt.request_id
        deadline = time.monotonic() + 3
        while len(reports) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert reports[0] == {'binary': 'stratus-echo', 'host': 'node1',
                              'topic': 'echo', 'availability_zone': 'nova',
                              'version': '1.0'}
        assert len(reports) >= 2      # registration + at least one beat
        assert manager.ticks >= 1
    finally:
        svc.stop()


def test_registration_retries_until_recorder_answers(fake_bus):
    calls = []

    def flaky(ctxt, values):
        calls.append(values)
        if len(calls) < 2:
            raise rpc.MessagingTimeout('conductor not up')

    CONF.set_override('rpc_call_retry_interval', 1)
    member = service.Member(topic='echo', host='node2',
                            manager=EchoManager(), availability_zone='nova')
    svc = service.Service('stratus-echo', [member], report=flaky)
    started = threading.Thread(target=svc.start)
    started.start()
    started.join(5)
    svc.stop()
    CONF.clear_override('rpc_call_retry_interval')
    assert len(calls) >= 2
