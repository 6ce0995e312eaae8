"""The broker does not take the API's message: the client gets nova's 503
fault at once and the request leaves nothing half-made (no server from a
create, no task_state from an action). doc/reliability.md."""
import oslo_messaging
import pytest
from oslo_messaging.rpc import client as rpc_client

from support import schemas
from support.server_cloud import SERVERS, action, cloud, create  # noqa: F401
from support.server_cloud import set_state

from stratus.common import rpc
from stratus.db.api import instances

BUS_DOWN = ('The message bus is unavailable, so the request was not taken; '
            'try again later.')


@pytest.fixture
def broker_away(monkeypatch):
    def refuse(self, ctxt, method, **kwargs):
        raise oslo_messaging.MessageDeliveryFailure(
            'Unable to connect to AMQP server on 127.0.0.1:5672 after 1 '
            'tries: [Errno 111] Connection refused')
    monkeypatch.setattr(rpc_client._CallContext, 'cast', refuse)
    monkeypatch.setattr(rpc_client._CallContext, 'call', refuse)


def test_create_answers_503_and_leaves_no_server(cloud, broker_away):
    resp = create(cloud)
    assert schemas.check_fault(resp, 503, 'serviceUnavailable') == BUS_DOWN
    listed = cloud.get(SERVERS + '/detail')
    assert listed.json['servers'] == []


def test_action_answers_503_and_undoes_its_task_state(cloud, monkeypatch):
    server_id = create(cloud).json['server']['id']
    set_state(server_id, 'active', host='compute1')
    monkeypatch.setattr(
        rpc_client._CallContext, 'cast',
        lambda self, ctxt, method, **kw: (_ for _ in ()).throw(
            oslo_messaging.MessageUndeliverable(
                Exception('NO_ROUTE'), 'stratus', 'compute.compute1', {})))
    resp = action(cloud, server_id, {'os-stop': None})
    assert schemas.check_fault(resp, 503, 'serviceUnavailable') == BUS_DOWN
    row = instances.get(server_id, extras=False)
    assert (row['vm_state'], row['task_state']) == ('active', None)
    # Nothing is left claimed: the same action is accepted once the bus is
    # back.
    monkeypatch.undo()
    assert action(cloud, server_id, {'os-stop': None}).status_int == 202


def test_api_sends_fail_fast_and_are_mandatory(monkeypatch):
    monkeypatch.setattr(rpc, '_SEND_RETRY', None)
    rpc.init(url='fake:/')
    try:
        rpc.fail_fast(1)

        class Client(rpc.RPCClientBase):
            TOPIC = 'compute'
            VERSION = '6.0'
        client = Client().client
        assert client.retry == 1
        assert client.transport_options.at_least_once is True
    finally:
        rpc.init()


class RefusingComputeRPC:
    """The compute RPC when the broker refuses every message."""
    refuse = False

    def __getattr__(self, name):
        def send(*args, **kwargs):
            if self.refuse:
                from stratus.common import exception
                raise exception.BusUnavailable()
        return send


@pytest.fixture
def volume_cloud(monkeypatch, admin):
    from support import compute_api
    casts = RefusingComputeRPC()
    yield compute_api.build(monkeypatch, admin, (2, 100), casts=casts)
    rpc.init()


def _volume(project_id, status='available'):
    import uuid as uuidlib
    from stratus.db.api import volumes as db_volumes
    return db_volumes.create({
        'id': str(uuidlib.uuid4()), 'project_id': project_id, 'user_id': 'u',
        'size': 1, 'status': status, 'host': None,
        'availability_zone': 'nova'})['id']


def test_attach_and_detach_answer_503_and_leave_the_volume_as_it_was(
        volume_cloud):
    from support import compute_api
    from stratus.db.api import block_devices
    from stratus.db.api import volumes as db_volumes
    cloud = volume_cloud
    sid = compute_api.boot(cloud)
    project = instances.get(sid, extras=False)['project_id']
    vid = _volume(project)
    path = SERVERS + '/%s/os-volume_attachments' % sid
    body = {'volumeAttachment': {'volumeId': vid}}
    cloud.casts.refuse = True
    resp = cloud.post(path, body, headers=compute_api.mv('2.89'))
    assert schemas.check_fault(resp, 503, 'serviceUnavailable') == BUS_DOWN
    assert db_volumes.get(vid)['status'] == 'available'
    assert block_devices.for_instance(sid) == []
    # Attached (as the compute leaves it), a refused detach keeps it in-use.
    cloud.casts.refuse = False
    assert cloud.post(path, body,
                      headers=compute_api.mv('2.89')).status_int == 200
    db_volumes.update(vid, {'status': 'in-use', 'attach_status': 'attached'})
    cloud.casts.refuse = True
    resp = cloud.delete(path + '/' + vid, headers=compute_api.mv('2.89'))
    assert schemas.check_fault(resp, 503, 'serviceUnavailable') == BUS_DOWN
    assert db_volumes.get(vid)['status'] == 'in-use'
