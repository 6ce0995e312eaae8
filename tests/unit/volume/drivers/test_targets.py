"""Targets: local connection info, and the NBD export through QMP."""
import os

import pytest

from stratus.common import exception
from stratus.volume.drivers.targets import local
from stratus.volume.drivers.targets import nbd
from stratus.volume.drivers.targets import qmp as qmp_client

VOL = {'id': 'a', 'name': 'volume-a', 'size': 1}


class FakeQMP:
    """Plays qemu-storage-daemon's QMP: block nodes and exports."""
    nodes, exports, log = set(), set(), []

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def command(self, name, /, **args):
        FakeQMP.log.append((name, args))
        if name == 'query-block-exports':
            return [{'id': e} for e in sorted(FakeQMP.exports)]
        if name == 'query-named-block-nodes':
            return [{'node-name': n} for n in sorted(FakeQMP.nodes)]
        if name == 'blockdev-add':
            FakeQMP.nodes.add(args['node-name'])
        elif name == 'block-export-add':
            if args['id'] in FakeQMP.exports:
                raise qmp_client.QMPError(name, {'class': 'GenericError'})
            FakeQMP.exports.add(args['id'])
        elif name == 'block-export-del':
            FakeQMP.exports.discard(args['id'])
        elif name == 'blockdev-del':
            FakeQMP.nodes.discard(args['node-name'])
        return {}


class Conf:
    target_ip_address = '192.0.2.10'
    target_port = 10809


@pytest.fixture
def target(tmp_path, monkeypatch):
    FakeQMP.nodes, FakeQMP.exports, FakeQMP.log = set(), set(), []
    started = []

    def execute(cmd):
        started.append(cmd)
        with open(cmd[cmd.index('--pidfile') + 1], 'w') as f:
            f.write(str(os.getpid()))     # a live pid...
        return '', ''
    t = nbd.NBDTarget(Conf, execute, str(tmp_path), qmp_factory=FakeQMP)
    # ...whose command line we pretend is the daemon's
    monkeypatch.setattr(nbd, 'DAEMON', 'python')
    t.started = started
    return t


def test_local_target_hands_out_the_device():
    info = local.LocalTarget().initialize_connection(VOL, '/dev/loop3', {})
    assert info == {'driver_volume_type': 'local',
                    'data': {'device_path': '/dev/loop3', 'volume_id': 'a'}}


def test_nbd_export_starts_the_daemon_once_and_adds_the_export(target,
                                                              tmp_path):
    info = target.initialize_connection(VOL, '/dev/loop3', {'host': 'c2'})
    target.initialize_connection(VOL, '/dev/loop3', {'host': 'c2'})
    assert target.started == [[
        'python', '--chardev', 'socket,id=qmp0,path=%s/qsd.qmp,server=on,'
        'wait=off' % tmp_path, '--monitor', 'chardev=qmp0', '--nbd-server',
        'addr.type=inet,addr.host=192.0.2.10,addr.port=10809',
        '--pidfile', '%s/qsd.pid' % tmp_path, '--daemonize']]
    node = nbd.node_name('volume-a')
    assert len(node) <= 31
    assert [c for c in FakeQMP.log if not c[0].startswith('query')] == [
        ('blockdev-add', {'driver': 'host_device', 'filename': '/dev/loop3',
                          'node-name': node}),
        ('block-export-add', {'type': 'nbd', 'id': 'volume-a',
                              'name': 'volume-a', 'writable': True,
                              'node-name': node})]
    assert info == {'driver_volume_type': 'nbd', 'data': {
        'name': 'volume-a', 'export_name': 'volume-a',
        'hosts': ['192.0.2.10'], 'ports': ['10809'],
        'uri': 'nbd://192.0.2.10:10809/volume-a', 'volume_id': 'a'}}


def test_nbd_terminate_removes_export_and_node(target):
    target.initialize_connection(VOL, '/dev/loop3', {'host': 'c2'})
    target.terminate_connection(VOL, {'host': 'c2'})
    target.terminate_connection(VOL, {'host': 'c2'})       # again: no-op
    assert FakeQMP.exports == set() and FakeQMP.nodes == set()
    assert ('block-export-del', {'id': 'volume-a', 'mode': 'hard'}) \
        in FakeQMP.log


def test_driver_picks_local_for_this_host_and_nbd_for_others(make_driver):
    from stratus.common.conf import CONF
    driver, host = make_driver(False, target_protocol='nbd')
    driver.create_volume(VOL)
    driver.remote_target = type('T', (), {
        'protocol': 'nbd',
        'initialize_connection': lambda s, v, d, c: {
            'driver_volume_type': 'nbd', 'data': {'dev': d}}})()
    here = driver.initialize_connection(VOL, {'host': CONF.host})
    assert here['driver_volume_type'] == 'local'
    there = driver.initialize_connection(VOL, {'host': 'compute-9'})
    assert there == {'driver_volume_type': 'nbd',
                     'data': {'dev': here['data']['device_path']}}
    assert driver.get_volume_stats(True)['storage_protocol'] == 'nbd'


def test_local_only_backend_refuses_other_hosts(make_driver):
    driver, host = make_driver(False)
    driver.create_volume(VOL)
    with pytest.raises(exception.VolumeBackendAPIException,
                       match='target_protocol = local'):
        driver.initialize_connection(VOL, {'host': 'compute-9'})
