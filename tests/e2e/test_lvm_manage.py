"""Managing existing LVs on a real volume group (cinder's LVM semantics):
an LV made outside stratus is listed as manageable with its size rounded
up to GiB, taken over by renaming it to volume-<id>, left in place by
unmanage; snapshot LVs are listed with their origin."""
import uuid

from stratus.volume.drivers import manageable

# The loop-device volume group and the driver on it.
from e2e.test_lvm_backend import _lvm, backend, loop_vg  # noqa: F401

GiB = 1 << 30
MiB = 1 << 20


def _names(entries):
    return {e['reference']['source-name']: e for e in entries}


def test_manage_an_lv_made_outside(backend, loop_vg):  # noqa: F811
    vg_name, _pv = loop_vg
    outside = 'legacy-%s' % uuid.uuid4().hex[:6]
    extra = [] if backend.activation else ['-an', '-Zn']
    _lvm('lvcreate', *extra, '-n', outside, '-L', '%db' % (GiB + 4 * MiB),
         vg_name)
    listed = _names(backend.get_manageable_volumes(
        [], None, 1000, 0, ['reference'], ['desc']))
    assert listed[outside]['size'] == 2             # rounded up
    assert listed[outside]['safe_to_manage'] is True
    vid = str(uuid.uuid4())
    volume = {'id': vid, 'name': 'volume-%s' % vid, 'size': 0}
    ref = {'source-name': outside}
    assert backend.manage_existing_get_size(volume, ref) == 2
    backend.manage_existing(dict(volume, size=2), ref)
    lvs = _lvm('lvs', '-o', 'lv_name', '--noheadings', vg_name).split()
    assert 'volume-%s' % vid in lvs and outside not in lvs
    listed = _names(backend.get_manageable_volumes(
        [{'id': vid}], None, 1000, 0, ['size'], ['asc']))
    assert listed['volume-%s' % vid]['reason_not_safe'] == 'already managed'
    assert listed['volume-%s' % vid]['cinder_id'] == vid
    # Unmanage leaves the LV; it is manageable again.
    backend.unmanage(dict(volume, size=2))
    listed = _names(backend.get_manageable_volumes(
        [], None, 1000, 0, ['reference'], ['asc']))
    assert listed['volume-%s' % vid]['safe_to_manage'] is True
    with_missing = {'source-name': 'nothing-%s' % uuid.uuid4().hex[:6]}
    try:
        backend.manage_existing_get_size(volume, with_missing)
    except Exception as exc:
        assert 'Specified logical volume does not exist.' in str(exc)
    else:
        raise AssertionError('a missing LV was sized')
    backend.delete_volume(dict(volume, size=2))


def test_snapshot_lvs_are_listed_with_their_origin(backend):
    vid, sid = str(uuid.uuid4()), str(uuid.uuid4())
    volume = {'id': vid, 'name': 'volume-%s' % vid, 'size': 1}
    backend.create_volume(volume)
    snapshot = {'id': sid, 'name': 'snapshot-%s' % sid, 'volume_id': vid,
                'volume_size': 1}
    backend.create_snapshot(snapshot, volume)
    try:
        listed = _names(backend.get_manageable_snapshots(
            [{'id': sid}], None, 1000, 0, ['reference'], ['desc']))
        entry = listed['_snapshot-%s' % sid]
        if backend.activation:
            # A copy-on-write snapshot names its origin.
            assert entry['source_reference'] == {
                'source-name': 'volume-%s' % vid}
            assert entry['cinder_id'] == sid
        assert manageable.snapshot_id_of('_snapshot-%s' % sid) == sid
    finally:
        backend.delete_snapshot(snapshot, volume)
        backend.delete_volume(volume)
