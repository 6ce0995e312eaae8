"""common/messaging_tuning.py: what it relies on in the pinned
oslo.messaging still exists, and casts are acknowledged after their
handler while calls are acknowledged on receipt."""
import importlib
import types

import pytest
from oslo_messaging._drivers import amqpdriver
from oslo_messaging.rpc import server as rpc_server

from stratus.common import messaging_tuning
from stratus.common.conf import CONF


@pytest.mark.parametrize('module,name', messaging_tuning.PINNED)
def test_pinned_oslo_messaging_names_exist(module, name):
    # A rename upstream must fail here, not silently in production.
    assert hasattr(importlib.import_module(module), name), (
        '%s.%s is gone: common/messaging_tuning.py must follow the new '
        'oslo.messaging' % (module, name))


def test_rpc_server_still_acknowledges_before_dispatch():
    # The reason for the override: if upstream ever acknowledges after
    # dispatch itself, settle() would acknowledge twice.
    import inspect
    upstream = next(cls for cls in amqpdriver.RpcAMQPListener.__mro__
                    if cls.__module__ == amqpdriver.__name__)
    assert upstream.__name__ == 'RpcAMQPListener'
    source = inspect.getsource(upstream.__call__)
    assert 'message.acknowledge()' in source


def test_apply_installs_the_overrides_and_defaults():
    messaging_tuning.apply(CONF)
    assert amqpdriver.ACK_REQUEUE_EVERY_SECONDS_MAX == 2.0
    assert amqpdriver.ACK_REQUEUE_EVERY_SECONDS_MIN == 0.025
    assert amqpdriver.RpcAMQPListener.__name__ == 'AckAfterCastListener'
    rabbit = CONF.oslo_messaging_rabbit
    assert rabbit.amqp_durable_queues is True
    assert rabbit.rabbit_qos_prefetch_count == messaging_tuning.PREFETCH_COUNT


class RawMessage(dict):
    """What the rabbit driver hands its listener: the payload, with ack."""
    acks = 0

    def acknowledge(self):
        self.acks += 1


def _listener():
    messaging_tuning.apply(CONF)
    driver = types.SimpleNamespace(prefetch_size=1)
    return amqpdriver.RpcAMQPListener(driver, conn=None)


def test_call_is_acknowledged_on_receipt():
    listener = _listener()
    message = RawMessage(_msg_id='m1', _reply_q='r', _unique_id='u1',
                         method='echo', args={})
    listener(message)
    assert message.acks == 1
    assert not getattr(listener.incoming[-1], 'stratus_ack_after', False)


def test_cast_is_acknowledged_only_when_settled():
    listener = _listener()
    message = RawMessage(_unique_id='u2', method='stop', args={})
    listener(message)
    incoming = listener.incoming[-1]
    listener._message_operations_handler.process()
    assert message.acks == 0            # a kill -9 now: redelivered
    messaging_tuning.settle(incoming)
    assert message.acks == 0            # acks go out on the poll thread
    listener._message_operations_handler.process()
    assert message.acks == 1
    messaging_tuning.settle(incoming)   # once only
    listener._message_operations_handler.process()
    assert message.acks == 1


def test_cast_delivered_again_to_the_same_process_runs_once():
    listener = _listener()
    listener(RawMessage(_unique_id='u3', method='stop', args={}))
    assert len(listener.incoming) == 1
    again = RawMessage(_unique_id='u3', method='stop', args={})
    listener(again)
    assert len(listener.incoming) == 1
    assert again.acks == 1


def test_server_settles_after_the_handler_even_when_it_fails(monkeypatch):
    order = []

    def process(self, incoming):
        order.append('handler')
        raise RuntimeError('handler failed')

    monkeypatch.setattr(rpc_server.RPCServer, '_process_incoming', process)
    monkeypatch.setattr(messaging_tuning, 'settle',
                        lambda incoming: order.append('settle'))
    server_cls = messaging_tuning.server_class()
    with pytest.raises(RuntimeError):
        server_cls._process_incoming(server_cls.__new__(server_cls),
                                     ['message'])
    assert order == ['handler', 'settle']


class FakeChannel:
    def __init__(self, queue_not_empty=False):
        self.calls = []
        self.queue_not_empty = queue_not_empty

    def exchange_delete(self, name):
        self.calls.append(('exchange_delete', name))

    def queue_delete(self, name, if_empty=False):
        self.calls.append(('queue_delete', name, if_empty))
        if self.queue_not_empty:
            raise FakeChannelError('PRECONDITION_FAILED - queue not empty')


class FakeChannelError(Exception):
    pass


def _consumer():
    queue = types.SimpleNamespace(declared=0, bound=None)
    queue.maybe_bind = lambda channel: setattr(queue, 'bound', channel)
    queue.declare = lambda: setattr(queue, 'declared', queue.declared + 1)
    return types.SimpleNamespace(exchange_name='stratus', queue_name='compute',
                                 queue=queue)


def _conn(channel):
    return types.SimpleNamespace(
        channel=channel,
        connection=types.SimpleNamespace(channel_errors=(FakeChannelError,)))


def test_nondurable_exchange_of_an_older_run_is_replaced():
    messaging_tuning.apply(CONF)
    consumer, channel = _consumer(), FakeChannel()
    err = Exception("PRECONDITION_FAILED - inequivalent arg 'durable' for "
                    "exchange 'stratus' in vhost '/'")
    messaging_tuning._replace_nondurable(consumer, err, _conn(channel), None)
    assert channel.calls == [('exchange_delete', 'stratus')]
    assert consumer.queue.declared == 1


def test_empty_nondurable_queue_is_replaced():
    messaging_tuning.apply(CONF)
    consumer, channel = _consumer(), FakeChannel()
    err = Exception("PRECONDITION_FAILED - inequivalent arg 'durable' for "
                    "queue 'compute' in vhost '/'")
    messaging_tuning._replace_nondurable(consumer, err, _conn(channel), None)
    assert channel.calls == [('queue_delete', 'compute', True)]
    assert consumer.queue.declared == 1


def test_nondurable_queue_holding_messages_is_served_as_it_is(monkeypatch):
    messaging_tuning.apply(CONF)
    fallback = []
    monkeypatch.setattr(messaging_tuning, '_UPSTREAM_FALLBACK',
                        [lambda *args: fallback.append(args)])
    consumer, channel = _consumer(), FakeChannel(queue_not_empty=True)
    err = Exception("PRECONDITION_FAILED - inequivalent arg 'durable' for "
                    "queue 'compute' in vhost '/'")
    messaging_tuning._replace_nondurable(consumer, err, _conn(channel), None)
    assert len(fallback) == 1
    assert consumer.queue.declared == 0
