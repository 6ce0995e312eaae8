"""select_destinations over RPC (fake transport), NoValidHost included."""
import logging
import sys

import pytest
from oslo_messaging._drivers import common as rpc_common

from stratus.common import exception
from stratus.common import rpc
from stratus.common import service
from stratus.scheduler import manager
from stratus.scheduler import rpcapi


@pytest.fixture
def scheduler(rows):
    rpc.init(url='fake:/')
    member = service.Member(topic='scheduler', host='sched1',
                            manager=manager.SchedulerManager(),
                            availability_zone='internal')
    svc = service.Service('stratus-scheduler', [member],
                          report=lambda ctxt, values: None)
    svc.start()
    yield rpcapi.SchedulerRPCClient()
    svc.stop()
    rpc.init()


def test_round_trip(scheduler, rows, ctxt, make_spec):
    rows.add_compute('compute1', az='az1')
    spec = make_spec(instance_uuid='i1')
    assert scheduler.select_destinations(ctxt, spec, ('i1',)) == [
        {'host': 'compute1', 'node': 'compute1',
         'availability_zone': 'az1'}]
    assert rows.allocations() == [('i1', 'compute1', 1, 512, 1)]


def test_no_valid_host_reaches_the_caller(scheduler, rows, ctxt, make_spec,
                                          caplog):
    rows.add_compute('compute1', memory_mb=256)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(exception.NoValidHost) as info:
        scheduler.select_destinations(ctxt, make_spec(), ['i1'])
    assert info.value.details.endswith(
        'compute1: 256 MB RAM free, 512 MB requested')
    # An expected answer: the server logs no error or traceback for it.
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_no_valid_host_survives_serialisation():
    """What a real (AMQP) transport does with the exception."""
    error = exception.NoValidHost(reason='There are not enough hosts '
                                  'available.', details='RamFilter: 1 -> 0')
    try:
        raise error
    except exception.NoValidHost:
        data = rpc_common.serialize_remote_exception(sys.exc_info())
    remote = rpc_common.deserialize_remote_exception(
        data, ['stratus.common.exception'])
    assert isinstance(remote, exception.NoValidHost)
    assert type(remote).__name__ == 'NoValidHost_Remote'
    assert remote.details == 'RamFilter: 1 -> 0'
    assert remote.message == ('No valid host was found. There are not '
                              'enough hosts available.')


def test_the_transport_allows_stratus_exceptions():
    rpc.init(url='fake:/')
    try:
        transport = rpc.get_transport()
        assert 'stratus.common.exception' in (
            transport._driver._allowed_remote_exmods)
    finally:
        rpc.init()
