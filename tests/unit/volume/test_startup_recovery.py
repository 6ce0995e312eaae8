"""Start-up recovery and messages delivered twice (issue 15, items 8-9):
only work the backend had started (claimed on the row) is failed at
start; queued requests run when their message comes; a message for work
already finished, failed or started does nothing."""
from stratus.common import context
from stratus.db.api import volume_messages
from stratus.db.api import volumes as db_volumes
from stratus.volume import reconcile

BACKEND = 'host1@lvmdriver-1'


def _queued_create(vcloud, monkeypatch):
    """A volume placed on lvmdriver-1 whose create cast to the backend is
    still queued: (volume id, the cast's kwargs)."""
    casts = []
    monkeypatch.setattr(vcloud.volume_rpc, 'create_volume',
                        lambda ctxt, volume_id, host, request_spec,
                        filter_properties=None: casts.append(dict(
                            volume_id=volume_id, request_spec=request_spec,
                            filter_properties=filter_properties)))
    resp = vcloud.post('/volumes', {'volume': {
        'size': 1, 'availability_zone': 'nova'}})
    assert resp.status_int == 202, resp.text
    volume_id = resp.json['volume']['id']
    assert len(casts) == 1
    db_volumes.update(volume_id, {'host': BACKEND + '#lvmdriver-1'})
    return volume_id, casts[0]


def _restart(vcloud):
    reconcile.recover(context.get_admin_context(), BACKEND,
                      vcloud.managers[BACKEND])


def _messages(volume_id):
    return [m for m in volume_messages.list_messages()
            if m['resource_uuid'] == volume_id]


def test_queued_create_survives_a_restart_and_runs(vcloud, monkeypatch):
    volume_id, cast = _queued_create(vcloud, monkeypatch)
    _restart(vcloud)
    assert vcloud.show(volume_id)['status'] == 'creating'
    vcloud.managers[BACKEND].create_volume(context.get_admin_context(),
                                           **cast)
    assert vcloud.show(volume_id)['status'] == 'available'
    assert _messages(volume_id) == []


def test_started_create_fails_with_a_message_then_redelivery_is_noop(
        vcloud, monkeypatch):
    volume_id, cast = _queued_create(vcloud, monkeypatch)
    db_volumes.update(volume_id, {'worker_status': 'creating'})
    _restart(vcloud)
    volume = vcloud.show(volume_id)
    assert volume['status'] == 'error'
    [message] = _messages(volume_id)
    assert 'restarted during the create' in message['user_message']
    # The killed daemon's message comes again: nothing changes.
    vcloud.managers[BACKEND].create_volume(context.get_admin_context(),
                                           **cast)
    assert vcloud.show(volume_id)['status'] == 'error'
    assert len(_messages(volume_id)) == 1
    assert volume_id not in vcloud.driver('lvmdriver-1').volumes


def test_create_delivered_twice_creates_once(vcloud, monkeypatch):
    volume_id, cast = _queued_create(vcloud, monkeypatch)
    manager = vcloud.managers[BACKEND]
    manager.create_volume(context.get_admin_context(), **cast)
    calls = []
    monkeypatch.setattr(manager.driver, 'create_volume',
                        lambda volume: calls.append(volume))
    manager.create_volume(context.get_admin_context(), **cast)
    assert calls == []
    volume = vcloud.show(volume_id)
    assert volume['status'] == 'available'
    # Nothing started stays recorded once the create is over.
    assert db_volumes.get(volume_id)['worker_status'] is None


def test_claim_left_by_finished_work_is_cleared(vcloud):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'worker_status': 'creating'})
    _restart(vcloud)
    assert db_volumes.get(volume['id'])['worker_status'] is None
    assert vcloud.show(volume['id'])['status'] == 'available'


def test_started_extend_ends_in_error_extending_with_a_message(vcloud):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': 'extending',
                                     'previous_status': 'available',
                                     'worker_status': 'extending'})
    _restart(vcloud)
    assert vcloud.show(volume['id'])['status'] == 'error_extending'
    [message] = _messages(volume['id'])
    assert message['user_message'].startswith('extend volume:')
    assert 'restarted during the extend' in message['user_message']
    # Redelivered: the volume is no longer extending, nothing runs.
    vcloud.managers[BACKEND].extend_volume(
        context.get_admin_context(), volume['id'], 2, [])
    assert vcloud.show(volume['id'])['size'] == 1


def test_queued_extend_survives_a_restart_and_runs(vcloud):
    volume = vcloud.create_volume()
    db_volumes.update(volume['id'], {'status': 'extending',
                                     'previous_status': 'available'})
    _restart(vcloud)
    assert vcloud.show(volume['id'])['status'] == 'extending'
    vcloud.managers[BACKEND].extend_volume(
        context.get_admin_context(), volume['id'], 2, [])
    shown = vcloud.show(volume['id'])
    assert (shown['status'], shown['size']) == ('available', 2)


def test_delete_delivered_again_after_it_finished_is_noop(vcloud):
    volume = vcloud.create_volume()
    assert vcloud.delete('/volumes/%s' % volume['id']).status_int == 202
    assert vcloud.get('/volumes/%s' % volume['id']).status_int == 404
    vcloud.managers[BACKEND].delete_volume(context.get_admin_context(),
                                           volume['id'])
    assert vcloud.get('/volumes/%s' % volume['id']).status_int == 404


def test_delete_delivered_for_a_volume_not_deleting_does_nothing(vcloud):
    volume = vcloud.create_volume()
    vcloud.managers[BACKEND].delete_volume(context.get_admin_context(),
                                           volume['id'])
    assert vcloud.show(volume['id'])['status'] == 'available'


def test_scheduler_create_delivered_again_places_nothing_twice(
        vcloud, monkeypatch):
    volume_id, cast = _queued_create(vcloud, monkeypatch)
    placed = db_volumes.get(volume_id)['host']
    sent = []
    monkeypatch.setattr(vcloud.volume_rpc, 'create_volume',
                        lambda ctxt, volume_id, host, *a: sent.append(host))
    ctxt = context.get_admin_context()
    # Placed, not started: cast again to the same pool.
    vcloud.scheduler.create_volume(ctxt, volume_id, cast['request_spec'],
                                   cast['filter_properties'])
    assert sent == [placed]
    assert db_volumes.get(volume_id)['host'] == placed
    # Created: nothing.
    monkeypatch.undo()
    vcloud.managers[BACKEND].create_volume(ctxt, **cast)
    vcloud.scheduler.create_volume(ctxt, volume_id, cast['request_spec'],
                                   cast['filter_properties'])
    assert vcloud.show(volume_id)['status'] == 'available'


def test_scheduler_start_places_volumes_never_placed(vcloud):
    vcloud.scheduler_rpc.hold = True        # the cast is lost
    resp = vcloud.post('/volumes', {'volume': {'size': 1}})
    assert resp.status_int == 202, resp.text
    volume_id = resp.json['volume']['id']
    vcloud.scheduler_rpc.hold = False
    assert vcloud.show(volume_id)['status'] == 'creating'
    vcloud.scheduler.init_host(context.get_admin_context())
    assert vcloud.show(volume_id)['status'] == 'available'
    # The lost message shows up after all: nothing more happens.
    ctxt, method, kwargs = vcloud.scheduler_rpc.paused.pop()
    getattr(vcloud.scheduler, method)(ctxt, **kwargs)
    assert vcloud.show(volume_id)['status'] == 'available'
    assert len(vcloud.driver('lvmdriver-1').volumes) + len(
        vcloud.driver('lvmdriver-2').volumes) == 1
