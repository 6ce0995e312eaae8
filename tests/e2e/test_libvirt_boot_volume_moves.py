"""A server booted from an LVM volume moves between the two compute hosts
on real guests (libvirt with QEMU, an LVM backend on a loop device, the
unchanged `openstack` CLI): resized to another flavor (confirm), then
cold migrated back (revert). The guest boots from the same volume each
time: the test image's boot counter, written on its disk, goes on
counting (boots=1, 2, 3, ...), and the domain's vda is the LV; the
server view (tempest's schema) and the volume's attachment say the host
it runs on after each step; the flavor's disk is ignored (the volume
keeps its size).

Uses test_libvirt_volume_moves' cloud (same fixtures, one cloud per
module). Needs root, a running libvirtd, QEMU and lvm2; skips otherwise.
"""
from support import schemas
from e2e.test_libvirt_volume_moves import (  # noqa: F401 (fixtures)
    _disks_of, _wait_console, _wait_volume, cloud,
    test_image, volume_group)

VERSION = '2.96'


def _show(cloud, sid):
    resp = cloud.rest.get('/compute/v2.1/servers/%s' % sid, headers={
        'OpenStack-API-Version': 'compute %s' % VERSION})
    return schemas.check(schemas.compute('servers', VERSION).get_server,
                         resp)['server']


def _attachments(cloud, sid):
    resp = cloud.rest.get(
        '/compute/v2.1/servers/%s/os-volume_attachments' % sid,
        headers={'OpenStack-API-Version': 'compute %s' % VERSION})
    return schemas.check(schemas.compute('servers', VERSION)
                         .list_volume_attachments, resp)['volumeAttachments']


def _booted(cloud, sid, count):
    """The guest booted for the count-th time from its disk (the console
    of the host it runs on says so)."""
    _wait_console(cloud, sid, r'disk vda: STRATUS-TEST-DISK boots=%d\b'
                  % count, timeout=180)


def _runs_from_the_volume(cloud, sid, vid, volume_group, flavor):
    """Where the server says it is: its domain there boots the LV (no
    local disk), the volume's attachment names that host."""
    server = _show(cloud, sid)
    host = server['OS-EXT-SRV-ATTR:host']
    assert server['flavor']['original_name'] == flavor
    assert server['image'] == ''
    assert [v['id'] for v in
            server['os-extended-volumes:volumes_attached']] == [vid]
    owner, _state, _xml = cloud.domain(sid)
    assert owner == host
    vda = _disks_of(cloud, sid)['vda']
    assert vda.startswith(('/dev/loop', '/dev/%s/' % volume_group,
                           '/dev/mapper/')), vda
    [attachment] = _attachments(cloud, sid)
    assert (attachment['volumeId'], attachment['device']) == (vid,
                                                             '/dev/vda')
    volume = _wait_volume(cloud, vid, 'in-use')
    assert volume['size'] == 1
    [held] = volume['attachments']
    assert (held['server_id'], held['host_name'], held['device']) == (
        sid, host, '/dev/vda')
    return host


def test_boot_volume_resizes_and_migrates(cloud, volume_group):
    image = cloud.disk_images[0]
    cloud.cli('flavor', 'create', '--ram', '128', '--disk', '3', '--vcpus',
              '1', 'e2em.bigger')
    server = cloud.cli_json(
        'server', 'create', '--flavor', 'e2em.small', '--block-device',
        'source_type=image,uuid=%s,destination_type=volume,volume_size=1,'
        'boot_index=0,delete_on_termination=true' % image['id'],
        'e2em-bfv-moves')
    sid = server['id']
    cloud.rest.wait_server(sid, 'ACTIVE', timeout=120)
    _wait_console(cloud, sid, r'disk vda: STRATUS-TEST-DISK boots=1\b')
    [vid] = [v['id'] for v in
             _show(cloud, sid)['os-extended-volumes:volumes_attached']]
    first = _runs_from_the_volume(cloud, sid, vid, volume_group,
                                  'e2em.small')

    # Resize: the guest lands on the other host over the same volume.
    cloud.cli('server', 'resize', '--flavor', 'e2em.bigger', sid)
    cloud.rest.wait_server(sid, 'VERIFY_RESIZE', timeout=180)
    second = _runs_from_the_volume(cloud, sid, vid, volume_group,
                                   'e2em.bigger')
    assert second != first
    _booted(cloud, sid, 2)
    cloud.cli('server', 'resize', 'confirm', sid)
    cloud.rest.wait_server(sid, 'ACTIVE', timeout=60)
    assert _runs_from_the_volume(cloud, sid, vid, volume_group,
                                 'e2em.bigger') == second

    # Cold migrate back, then revert: it runs on `second` again.
    cloud.cli('server', 'migrate', sid)
    cloud.rest.wait_server(sid, 'VERIFY_RESIZE', timeout=180)
    assert _runs_from_the_volume(cloud, sid, vid, volume_group,
                                 'e2em.bigger') == first
    _booted(cloud, sid, 3)
    cloud.cli('server', 'resize', 'revert', sid)
    cloud.rest.wait_server(sid, 'ACTIVE', timeout=180)
    assert _runs_from_the_volume(cloud, sid, vid, volume_group,
                                 'e2em.bigger') == second
    _booted(cloud, sid, 4)

    cloud.cli('server', 'delete', '--wait', sid)
    cloud.cli('flavor', 'delete', 'e2em.bigger')
