"""Every place stratus reaches into oslo.messaging's internals, in one module.

What is changed, and why (doc/reliability.md has the whole contract):

- the AMQP listener's poll timeouts (an idle daemon wakes every 2 s so a
  SIGTERM is quick; a busy one sends its acks within 25 ms);
- casts are acknowledged after their handler returned, not on receipt as
  oslo.messaging does for every RPC message: a daemon killed mid-work
  leaves the cast unacknowledged and the broker delivers it again. Calls
  stay acknowledged first (their caller times out and sees an error);
- queues and the control exchange are durable and the broker's consumer
  prefetch is bounded (see defaults());
- a durable declare meeting a non-durable queue or exchange left by an
  older run replaces it instead of falling back to non-durable for good.

tests/unit/common/test_messaging_tuning.py fails loudly when the pinned
oslo.messaging renames what this relies on (PINNED below).
"""
import functools

from stratus.common import log

LOG = log.getLogger(__name__)

# Casts a daemon holds unacknowledged at once (RabbitMQ's consumer
# prefetch): the RPC worker pool's bound, so work queued behind a busy
# daemon stays in the broker, where a restart of the daemon finds it.
PREFETCH_COUNT = 64

# (module, attribute) pairs this module uses or replaces.
PINNED = (
    ('oslo_messaging._drivers.amqpdriver', 'ACK_REQUEUE_EVERY_SECONDS_MIN'),
    ('oslo_messaging._drivers.amqpdriver', 'ACK_REQUEUE_EVERY_SECONDS_MAX'),
    ('oslo_messaging._drivers.amqpdriver', 'RpcAMQPListener'),
    ('oslo_messaging._drivers.amqpdriver', 'AMQPListener'),
    ('oslo_messaging._drivers.amqpdriver', 'AMQPIncomingMessage'),
    ('oslo_messaging._drivers.amqp', 'UNIQUE_ID'),
    ('oslo_messaging._drivers.amqp', 'amqp_opts'),
    ('oslo_messaging._drivers.impl_rabbit', 'Consumer'),
    ('oslo_messaging._drivers.impl_rabbit', 'rabbit_opts'),
    ('oslo_messaging.rpc.server', 'RPCServer'),
)

_APPLIED = False


def apply(conf):
    """Install the changes; idempotent. Called before the first transport."""
    global _APPLIED
    if _APPLIED:
        return
    from oslo_messaging._drivers import amqpdriver
    from oslo_messaging._drivers import impl_rabbit
    # An idle AMQP listener only notices a stop request between polls, whose
    # timeout grows to this many seconds (5 upstream); 2 s keeps a SIGTERM
    # quick for the cost of an idle wake-up every 2 s. (It must stay above
    # 1.12: kombu_reconnect_delay's bound is 0.9 times this, default 1.0.)
    amqpdriver.ACK_REQUEUE_EVERY_SECONDS_MAX = 2.0
    # After each message a listener polls again in 1 ms, then 2, 4, 8...
    # (upstream's minimum), so that the worker's ack, queued for the polling
    # thread, goes out soon: about ten wake-ups per message, each a timeout
    # raised through kombu, 1-2 ms of CPU per operation in every daemon.
    # From 25 ms on, a busy daemon's next message usually comes first; an
    # ack may wait 25 ms (the broker holds the message unacked meanwhile).
    amqpdriver.ACK_REQUEUE_EVERY_SECONDS_MIN = 0.025
    # The driver's listen() looks the class up by this name at each call.
    amqpdriver.RpcAMQPListener = _listener_class(amqpdriver)
    _UPSTREAM_FALLBACK.append(
        impl_rabbit.Consumer._declare_fallback_nondurable)
    impl_rabbit.Consumer._declare_fallback_nondurable = _replace_nondurable
    defaults(conf)
    _APPLIED = True


def defaults(conf):
    """Durable queues and a bounded prefetch unless the operator set them
    (the options belong to oslo.messaging: registered here as its rabbit
    driver registers them, so that the defaults can be set first)."""
    from oslo_messaging._drivers import amqp
    from oslo_messaging._drivers import impl_rabbit
    group = 'oslo_messaging_rabbit'
    conf.register_opts(impl_rabbit.rabbit_opts, group=group)
    conf.register_opts(amqp.amqp_opts, group=group)
    conf.set_default('amqp_durable_queues', True, group=group)
    conf.set_default('rabbit_qos_prefetch_count', PREFETCH_COUNT,
                     group=group)


def _listener_class(amqpdriver):
    from oslo_messaging._drivers import amqp

    class AckAfterCastListener(amqpdriver.RpcAMQPListener):
        """Calls are acknowledged on receipt, as upstream; a cast is
        acknowledged by settle() once its handler has returned."""

        def __call__(self, message):
            if message.get('_msg_id'):
                return super().__call__(message)
            unique_id = message.get(amqp.UNIQUE_ID)
            if unique_id is not None and \
                    unique_id in self.msg_id_cache.prev_msgids:
                # Delivered again to the process already handling it (the
                # channel was lost before the ack): one run is enough.
                LOG.info('Cast %s delivered again; already taken', unique_id)
                _ack(message)
                return
            amqpdriver.AMQPListener.__call__(self, message)
            if self.incoming and self.incoming[-1].message is message:
                self.incoming[-1].stratus_ack_after = True

    return AckAfterCastListener


def _ack(raw):
    try:
        raw.acknowledge()
    except Exception as exc:   # the channel died: the broker requeued it
        LOG.info('Could not acknowledge a cast (%s); the broker delivers it '
                 'again', exc)


def settle(incoming):
    """Acknowledge a cast whose handler has returned (on the listener's own
    thread: kombu is not thread-safe)."""
    if not getattr(incoming, 'stratus_ack_after', False):
        return
    incoming.stratus_ack_after = False
    raw = incoming.message
    incoming._message_operations_handler.do(lambda: _ack(raw))


@functools.cache
def server_class():
    from oslo_messaging.rpc import server

    class RPCServer(server.RPCServer):
        def _process_incoming(self, incoming):
            try:
                super()._process_incoming(incoming)
            finally:
                settle(incoming[0])

    return RPCServer


def _replace_nondurable(consumer, err, conn, consumer_arguments):
    """Replaces oslo.messaging's fallback, which declares the queue (and
    exchange) non-durable for good when an older run left them so. The
    exchange, or an empty queue, is deleted and declared again as
    configured; a queue still holding messages is kept as it is for this
    run (its messages are served) and converted at a later start."""
    import amqp.exceptions
    for _attempt in range(3):   # the exchange, then the queue
        channel = conn.channel   # py-amqp reopened it after the refusal
        if "for exchange '" in str(err):
            LOG.warning('Replacing the non-durable exchange %s left by an '
                        'older run', consumer.exchange_name)
            channel.exchange_delete(consumer.exchange_name)
        else:
            try:
                channel.queue_delete(consumer.queue_name, if_empty=True)
            except conn.connection.channel_errors:
                LOG.warning('Queue %s is non-durable and holds messages: '
                            'served as it is until a start finds it empty',
                            consumer.queue_name)
                return _UPSTREAM_FALLBACK[0](consumer, err, conn,
                                             consumer_arguments)
            LOG.warning('Replaced the empty non-durable queue %s left by an '
                        'older run', consumer.queue_name)
        try:
            consumer.queue.maybe_bind(conn.channel)
            consumer.queue.declare()
            return
        except amqp.exceptions.PreconditionFailed as again:
            err = again
    raise err


# oslo.messaging's own fallback, for a queue that cannot be replaced yet.
_UPSTREAM_FALLBACK = []
