"""The AMQP bus: transport, servers and the versioned RPC client base.

Every message carries ``RequestContext.to_dict()``; the receiving side
rebuilds it, which puts the caller's request ids on its log lines.

oslo.messaging is imported on first use (the transport, a server, a client,
one of the exception names below): the API makes no RPC call until its
first server or volume action, and at rest oslo.messaging would cost it
about 4 MiB.
"""
import functools
import threading

from stratus.common import context
from stratus.common import importutils
from stratus.common import log
from stratus.common.conf import CONF

CONTROL_EXCHANGE = 'stratus'
_TRANSPORT = None
_URL = None
_LOCK = threading.Lock()
LOG = log.getLogger(__name__)
_EXCEPTIONS = ('MessagingTimeout', 'RemoteError', 'ExpectedException')
_DEFAULTS_SET = False
_SEND_RETRY = None   # None: retry forever (see fail_fast)


def _messaging():
    """oslo_messaging, with stratus's defaults applied on the first call."""
    import oslo_messaging
    if not _DEFAULTS_SET:
        _apply_defaults()
    return oslo_messaging


def _apply_defaults():
    global _DEFAULTS_SET
    import oslo_messaging
    from stratus.common import messaging_tuning
    oslo_messaging.set_transport_defaults(control_exchange=CONTROL_EXCHANGE)
    messaging_tuning.apply(CONF)
    globals().update((name, getattr(oslo_messaging, name))
                     for name in _EXCEPTIONS)
    _DEFAULTS_SET = True


def fail_fast(retries):
    """Sends give up after `retries` reconnection attempts (the API: its
    client gets a 503 at once instead of waiting for the broker); daemons
    keep the default, retrying until the broker is back."""
    global _SEND_RETRY
    _SEND_RETRY = retries


def __getattr__(name):
    # MessagingTimeout, RemoteError, ExpectedException before oslo.messaging
    # is loaded: load it (they are module globals from then on).
    if name in _EXCEPTIONS:
        _messaging()
        return globals()[name]
    raise AttributeError('module %r has no attribute %r' % (__name__, name))


def _import_kombu():
    # kombu registers YAML and msgpack codecs when it can import them;
    # oslo.messaging sends JSON only, and the two cost each daemon 1.1 MiB.
    with importutils.without('yaml', 'msgpack'):
        import kombu.serialization  # noqa: F401


def init(conf=CONF, url=None):
    """Nothing connects yet: the transport is made on first use, so a
    forking API server makes its own connections in each worker. `url`
    overrides transport_url (tests use 'fake:/')."""
    global _URL
    cleanup()
    _URL = url


def get_transport():
    global _TRANSPORT
    with _LOCK:
        if _TRANSPORT is None:
            messaging = _messaging()
            _import_kombu()
            # Remote stratus exceptions are re-raised as themselves
            # (<Name>_Remote subclasses), kwargs included.
            _TRANSPORT = messaging.get_rpc_transport(
                CONF, url=_URL,
                allowed_remote_exmods=['stratus.common.exception',
                                       'stratus.common.volume_exceptions',
                                       'stratus.common.image_exceptions',
                                       'stratus.common.compute_exceptions'])
        return _TRANSPORT


def cleanup():
    global _TRANSPORT
    with _LOCK:
        if _TRANSPORT is not None:
            _TRANSPORT.cleanup()
            _TRANSPORT = None


class ContextSerializer:
    """Payloads are plain JSON-able data; only the context is converted.
    (oslo.messaging's Serializer interface, by duck typing: this module
    loads without oslo.messaging.)"""

    def serialize_entity(self, ctxt, entity):
        return entity

    def deserialize_entity(self, ctxt, entity):
        return entity

    def serialize_context(self, ctxt):
        return ctxt.to_dict()

    def deserialize_context(self, ctxt):
        return context.RequestContext.from_dict(ctxt)


def get_server(topic, server, endpoints):
    messaging = _messaging()
    from oslo_messaging.rpc import dispatcher
    from stratus.common import executor
    target = messaging.Target(topic=topic, server=server)
    from stratus.common import messaging_tuning
    rpc_server = messaging.get_rpc_server(
        get_transport(), target, endpoints, executor='threading',
        serializer=ContextSerializer(),
        access_policy=dispatcher.DefaultRPCAccessPolicy,
        server_cls=messaging_tuning.server_class())
    # The threading executor's bound (executor_thread_pool_size) and
    # interface, with the most recently idle thread first (see executor).
    rpc_server._executor_cls = executor.LifoThreadPool
    return rpc_server


class RPCClientBase:
    """Client side of one service's RPC API.

    Subclasses set TOPIC, VERSION (newest version this client speaks) and
    HISTORY (one line per version, appended, never edited). Each method
    names the version that introduced it through ``_prepare(since)``.
    """
    TOPIC = None
    VERSION = None
    HISTORY = ()

    def __init__(self, version_cap=None):
        self._version_cap = version_cap
        self._client = None

    @property
    def client(self):
        if self._client is None:
            cap = (self._version_cap or
                   getattr(CONF.upgrade_levels, self.TOPIC, None))
            messaging = _messaging()
            target = messaging.Target(topic=self.TOPIC, version=self.VERSION)
            # Mandatory routing (at_least_once): a message no queue takes
            # raises in the sender instead of vanishing. Every send also
            # waits for the broker's confirm (oslo.messaging's rabbit
            # driver always asks for publisher confirms).
            self._client = messaging.get_rpc_client(
                get_transport(), target, version_cap=cap,
                serializer=ContextSerializer(), retry=_SEND_RETRY,
                transport_options=messaging.TransportOptions(
                    at_least_once=True))
        return self._client

    def _prepare(self, since, server=None, **kwargs):
        """A call context for a method introduced in version `since`."""
        return _Guarded(self.client.prepare(version=since, server=server,
                                            **kwargs))


def _bus_errors():
    """The exceptions meaning the broker did not take a message."""
    import kombu.exceptions
    messaging = _messaging()
    return (messaging.MessageDeliveryFailure, messaging.MessageUndeliverable,
            messaging.ClientSendError, kombu.exceptions.OperationalError,
            ConnectionError)


class _Guarded:
    """A prepared call context whose sends raise ServiceUnavailable (503 in
    the API) when the broker did not take the message."""

    def __init__(self, cctxt):
        self._cctxt = cctxt

    def __getattr__(self, name):
        return getattr(self._cctxt, name)

    def _send(self, how, ctxt, method, kwargs):
        try:
            return getattr(self._cctxt, how)(ctxt, method, **kwargs)
        except _bus_errors() as exc:
            from stratus.common import exception
            LOG.warning('%s %s not sent: %s', how, method, exc)
            raise exception.BusUnavailable() from exc

    def cast(self, ctxt, method, **kwargs):
        return self._send('cast', ctxt, method, kwargs)

    def call(self, ctxt, method, **kwargs):
        return self._send('call', ctxt, method, kwargs)


def expected_exceptions(*exceptions):
    """oslo.messaging's decorator (the server logs no traceback for these:
    they are answers, not crashes), keeping the endpoint's signature, which
    the RPC contract test reads."""
    def outer(func):
        return functools.wraps(func)(
            _messaging().expected_exceptions(*exceptions)(func))
    return outer
